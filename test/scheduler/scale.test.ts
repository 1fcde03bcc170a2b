import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectorFromLabelSelector, type Selector } from '../../src/api/labels.js';
import type { Pod } from '../../src/api/types.js';
import type { ClusterView } from '../../src/scheduler/clusterView.js';
import { buildPodInfo, type PodInfo } from '../../src/scheduler/podInfo.js';
import { schedulePod } from '../../src/scheduler/schedulePod.js';
import { buildDetails, MAX_FEASIBLE_ROWS } from '../../src/scheduler/decisionTable.js';
import { SeededRandom } from '../../src/sim/random.js';
import { nodeObject, podObject } from './harness.js';
import { UnitCluster, withUid } from './unit.js';

const NODES = 5000;
const APPS = 500;
const PODS = 50_000;

/** The cache, but counting every pod an attempt is handed by the indexes. */
function counting(cache: ClusterView): { view: ClusterView; visited: () => number; reset: () => void } {
  let n = 0;
  const tally = function* (it: Iterable<PodInfo>) {
    for (const p of it) {
      n++;
      yield p;
    }
  };
  const view = new Proxy(cache, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'podsMatching') return (s: Selector) => tally(target.podsMatching(s));
      if (prop === 'podsWithAffinityTowards') return (l: Record<string, string>) => tally(target.podsWithAffinityTowards(l));
      if (prop === 'podsWithAntiAffinityTowards') return (l: Record<string, string>) => tally(target.podsWithAntiAffinityTowards(l));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { view, visited: () => n, reset: () => (n = 0) };
}

describe('at 5,000 nodes', () => {
  const nodes = Array.from({ length: NODES }, (_, i) => nodeObject(`node-${i + 1}`, { cpu: '64', memory: '256Gi', labels: { 'topology.kubernetes.io/zone': `zone-${i % 5}` } }));
  const pods: Pod[] = [];
  for (let i = 0; i < PODS; i++) {
    const anti = i % 10 === 0;
    pods.push(
      podObject(`p-${i}`, {
        cpu: '100m',
        labels: { app: `app-${i % APPS}`, tier: 'backend' },
        nodeName: `node-${(i % NODES) + 1}`,
        spec: anti
          ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: `app-${i % APPS}` } }, topologyKey: 'kubernetes.io/hostname' }] } } }
          : {},
      }),
    );
  }
  const cluster = new UnitCluster(nodes, pods);
  cluster.lookups.spreadSelector = selectorFromLabelSelector({ matchLabels: { app: 'app-7' } });
  const incoming = (name: string): PodInfo => {
    const pod = withUid(podObject(name, { cpu: '100m', labels: { app: 'app-7', tier: 'backend' } }));
    pod.spec!.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { app: 'app-7' } }, topologyKey: 'kubernetes.io/hostname' } }],
      },
    };
    return buildPodInfo(pod, 0);
  };

  it('examines numFeasibleNodesToFind nodes from a rotating start and touches only the pods that matter', () => {
    const { view, visited, reset } = counting(cluster.cache);
    const start = { next: 0 };
    const random = new SeededRandom(1);
    const first = schedulePod(incoming('new-0'), view, start, random);
    assert.equal(first.pass!.target, 500, '50 − 5000/125 = 10% of 5,000');
    assert.equal(first.pass!.examined, 500);
    assert.equal(first.pass!.startIndex, 0);
    assert.ok(first.chosen);
    // app-7 has 100 pods (10 with anti-affinity): the attempt may look at those, a few times over, not at 50,000.
    assert.ok(visited() <= 5 * (PODS / APPS), `visited ${visited()} pods`);

    reset();
    const second = schedulePod(incoming('new-1'), view, start, random);
    assert.equal(second.pass!.startIndex, 500, 'the next attempt starts where the last one stopped');
    assert.ok(visited() <= 5 * (PODS / APPS));
  });

  it('keeps the decision table small', () => {
    const a = schedulePod(incoming('new-2'), cluster.cache, { next: 0 }, new SeededRandom(2));
    const details = buildDetails(a, 1, 'pod created');
    assert.equal(details.rows.length, MAX_FEASIBLE_ROWS);
    assert.deepEqual(details.omitted, { feasible: 480, rejected: 0 });
    assert.ok(JSON.stringify(details).length < 10_000);
  });

  it('reports a pod that fits nowhere over every node, with a bounded table', () => {
    const huge = buildPodInfo(withUid(podObject('huge', { cpu: '100' })), 0);
    const a = schedulePod(huge, cluster.cache, { next: 0 }, new SeededRandom(3));
    assert.equal(a.pass!.examined, NODES);
    const details = buildDetails(a, 1, undefined);
    assert.deepEqual(details.rejected, { 'Insufficient cpu': NODES });
    assert.deepEqual(details.omitted, { feasible: 0, rejected: NODES - 20 });
  });
});
