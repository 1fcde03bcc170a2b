import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectorFromLabelSelector } from '../../src/api/labels.js';
import type { Pod } from '../../src/api/types.js';
import { SKIP } from '../../src/scheduler/framework.js';
import type { NodeInfo } from '../../src/scheduler/nodeInfo.js';
import { defaultNormalizeScore } from '../../src/scheduler/normalizeScore.js';
import { balancedScore, preScoreBalancedAllocation, scoreBalancedAllocation } from '../../src/scheduler/scoreBalancedAllocation.js';
import { imageScoreFromSum, normalizedImageName, preScoreImageLocality, scoreImageLocality } from '../../src/scheduler/scoreImageLocality.js';
import { normalizeInterPodAffinity, preScoreInterPodAffinity, scoreInterPodAffinity } from '../../src/scheduler/scoreInterPodAffinity.js';
import { leastRequestedScore, scoreLeastAllocated } from '../../src/scheduler/scoreLeastAllocated.js';
import { normalizeNodeAffinity, preScoreNodeAffinity, scoreNodeAffinity } from '../../src/scheduler/scoreNodeAffinity.js';
import { normalizePodTopologySpread, preScorePodTopologySpread, scorePodTopologySpread } from '../../src/scheduler/scorePodTopologySpread.js';
import { normalizeTaintToleration, preScoreTaintToleration, scoreTaintToleration } from '../../src/scheduler/scoreTaintToleration.js';
import { prioritize, selectHost } from '../../src/scheduler/scoring.js';
import { SeededRandom } from '../../src/sim/random.js';
import { nodeObject, podObject } from './harness.js';
import { UnitCluster } from './unit.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('NodeResourcesFit LeastAllocated', () => {
  it('scores (allocatable − requested) × 100 / allocatable per resource, averaged, with integer division', () => {
    assert.equal(leastRequestedScore(3000, 4000), 25);
    assert.equal(leastRequestedScore(1, 3), 66);
    assert.equal(leastRequestedScore(5000, 4000), 0, 'over-committed scores 0');
    // Node 4 cpu / 8Gi with 1 cpu / 2Gi requested; the pod asks 2 cpu / 2Gi:
    // cpu (4000 − 3000) × 100 / 4000 = 25, memory (8 − 4) × 100 / 8 = 50 → (25 + 50) / 2 = 37.
    const c = new UnitCluster([nodeObject('n', { cpu: '4', memory: '8Gi' })], [podObject('old', { cpu: '1', memory: '2Gi', nodeName: 'n' })]);
    assert.equal(scoreLeastAllocated(c.podInfo(podObject('p', { cpu: '2', memory: '2Gi' })), c.node('n')), 37);
  });

  it('counts a container without requests as 100m CPU and 200Mi memory', () => {
    const c = new UnitCluster([nodeObject('n', { cpu: '1', memory: '1000Mi' })]);
    // cpu (1000 − 100) × 100 / 1000 = 90, memory (1000 − 200) × 100 / 1000 = 80 → 85.
    assert.equal(scoreLeastAllocated(c.podInfo(podObject('p')), c.node('n')), 85);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('scores (1 − |f_cpu − f_mem| / 2) × 100 on actual requests including the pod', () => {
    // f_cpu = 3/4 = 0.75, f_mem = 4/8 = 0.5 → std 0.125 → 87.5 → 87.
    assert.equal(balancedScore([3000, 4 * GiB], [4000, 8 * GiB]), 87);
    const c = new UnitCluster([nodeObject('n', { cpu: '4', memory: '8Gi' })], [podObject('old', { cpu: '1', memory: '2Gi', nodeName: 'n' })]);
    assert.equal(scoreBalancedAllocation(c.podInfo(podObject('p', { cpu: '2', memory: '2Gi' })), c.node('n')), 87);
    assert.equal(balancedScore([8000, 1 * GiB], [4000, 8 * GiB]), 56, 'fractions are capped at 1: (1 − 0.875/2) × 100 = 56.25');
    // Fractions 0.25, 0.5, 0.75: population std-dev √(0.125 / 3) = 0.204 → 79.
    assert.equal(balancedScore([1000, 2000, 3000], [4000, 4000, 4000]), 79, 'three resources use the population std-dev');
  });

  it('skips best-effort pods', () => {
    const c = new UnitCluster([nodeObject('n')]);
    assert.equal(preScoreBalancedAllocation(c.podInfo(podObject('p'))), SKIP);
    assert.equal(preScoreBalancedAllocation(c.podInfo(podObject('q', { cpu: '100m' }))), true);
  });
});

describe('normalisation', () => {
  it('DefaultNormalizeScore scales to the maximum, optionally reversed', () => {
    const up = [0, 1, 2, 3];
    defaultNormalizeScore(up, false);
    assert.deepEqual(up, [0, 33, 66, 100]);
    const down = [0, 1, 2, 3];
    defaultNormalizeScore(down, true);
    assert.deepEqual(down, [100, 67, 34, 0]);
    const none = [0, 0];
    defaultNormalizeScore(none, true);
    assert.deepEqual(none, [100, 100]);
  });

  it('InterPodAffinity normalises 100 × (s − min) / (max − min)', () => {
    const s = [-5, 0, 5, 2];
    normalizeInterPodAffinity(s);
    assert.deepEqual(s, [0, 50, 100, 70]);
    const flat = [3, 3];
    normalizeInterPodAffinity(flat);
    assert.deepEqual(flat, [0, 0]);
  });
});

describe('TaintToleration score', () => {
  it('counts untolerated PreferNoSchedule taints and reverses: 0 → 100, the most → 0', () => {
    const prefer = (key: string) => ({ key, effect: 'PreferNoSchedule' });
    const c = new UnitCluster([
      nodeObject('clean'),
      nodeObject('one', { taints: [prefer('spot')] }),
      nodeObject('two', { taints: [prefer('spot'), prefer('old')] }),
    ]);
    const pod = c.podInfo(podObject('p'));
    const nodes = ['clean', 'one', 'two'].map((n) => c.node(n));
    const raw = nodes.map((n) => scoreTaintToleration(pod, n, preScoreTaintToleration(pod)));
    assert.deepEqual(raw, [0, 1, 2]);
    normalizeTaintToleration(raw);
    assert.deepEqual(raw, [100, 50, 0]);
    const tolerant = c.podInfo(podObject('t', { spec: { tolerations: [{ key: 'spot', operator: 'Exists', effect: 'PreferNoSchedule' }] } }));
    assert.deepEqual(nodes.map((n) => scoreTaintToleration(tolerant, n, preScoreTaintToleration(tolerant))), [0, 0, 1]);
  });
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms and scales the best to 100', () => {
    const c = new UnitCluster([
      nodeObject('ssd-a', { labels: { disk: 'ssd', zone: 'a' } }),
      nodeObject('ssd-b', { labels: { disk: 'ssd', zone: 'b' } }),
      nodeObject('hdd-b', { labels: { disk: 'hdd', zone: 'b' } }),
    ]);
    const pod = c.podInfo(
      podObject('p', {
        spec: {
          affinity: {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
                { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } },
              ],
            },
          },
        },
      }),
    );
    const terms = preScoreNodeAffinity(pod);
    assert.notEqual(terms, SKIP);
    const raw = ['ssd-a', 'ssd-b', 'hdd-b'].map((n) => scoreNodeAffinity(pod, c.node(n), terms as Exclude<typeof terms, typeof SKIP>));
    assert.deepEqual(raw, [80, 100, 20]);
    normalizeNodeAffinity(raw);
    assert.deepEqual(raw, [80, 100, 20]);
    assert.equal(preScoreNodeAffinity(c.podInfo(podObject('q'))), SKIP);
  });
});

describe('ImageLocality', () => {
  it('scales each present image by its spread and maps [23Mi, 1000Mi × containers] to 0–100', () => {
    assert.equal(normalizedImageName('nginx'), 'nginx:latest');
    assert.equal(normalizedImageName('registry:5000/app'), 'registry:5000/app:latest');
    assert.equal(normalizedImageName('nginx:1.25'), 'nginx:1.25');
    const image = { names: ['nginx:1.25'], sizeBytes: 500 * MiB };
    const c = new UnitCluster([
      nodeObject('has-1', { images: [image] }),
      nodeObject('has-2', { images: [image] }),
      nodeObject('empty-1'),
      nodeObject('empty-2'),
    ]);
    const pod = c.podInfo(podObject('p'));
    const s = preScoreImageLocality(pod, c.cache.nodeCount, (i) => c.cache.imageNodeCount(i));
    // 500Mi × 2/4 = 250Mi; 100 × (250 − 23) / (1000 − 23) = 23.
    assert.equal(scoreImageLocality(pod, c.node('has-1'), s), 23);
    assert.equal(scoreImageLocality(pod, c.node('empty-1'), s), 0);
    assert.equal(imageScoreFromSum(5000 * MiB, 2), 100, 'capped at 1000Mi per container');
  });
});

describe('InterPodAffinity score', () => {
  it('adds preferred affinity, subtracts preferred anti-affinity, and counts existing pods’ terms', () => {
    const nodes = [nodeObject('a1', { labels: { zone: 'a' } }), nodeObject('b1', { labels: { zone: 'b' } }), nodeObject('c1', { labels: { zone: 'c' } })];
    const lover = podObject('lover', {
      labels: { app: 'cache' },
      nodeName: 'c1',
      spec: {
        affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 7, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'zone' } }] } },
      },
    });
    const c = new UnitCluster(nodes, [podObject('db', { labels: { app: 'db' }, nodeName: 'a1' }), podObject('noisy', { labels: { app: 'batch' }, nodeName: 'b1' }), lover]);
    const pod = c.podInfo(
      podObject('web', {
        labels: { app: 'web' },
        spec: {
          affinity: {
            podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' } }] },
            podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: { labelSelector: { matchLabels: { app: 'batch' } }, topologyKey: 'zone' } }] },
          },
        },
      }),
    );
    const prepared = preScoreInterPodAffinity(pod, c.cache);
    assert.notEqual(prepared, SKIP);
    const raw = ['a1', 'b1', 'c1'].map((n) => scoreInterPodAffinity(pod, c.node(n), prepared as Exclude<typeof prepared, typeof SKIP>));
    assert.deepEqual(raw, [10, -5, 7]);
    normalizeInterPodAffinity(raw);
    assert.deepEqual(raw, [100, 0, 80]);
  });
});

describe('PodTopologySpread score', () => {
  it('applies the system defaults (hostname skew 3, zone skew 5) to pods behind a controller', () => {
    const nodes = [
      nodeObject('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      nodeObject('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      nodeObject('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }),
    ];
    const web = (name: string, nodeName?: string) => podObject(name, { labels: { app: 'web' }, nodeName });
    const c = new UnitCluster(nodes, [web('w1', 'a1'), web('w2', 'a1'), web('w3', 'a2')]);
    c.lookups.spreadSelector = selectorFromLabelSelector({ matchLabels: { app: 'web' } });
    const pod = c.podInfo(web('new'));
    const feasible: NodeInfo[] = ['a1', 'a2', 'b1'].map((n) => c.node(n));
    const state = c.state(pod);
    const s = preScorePodTopologySpread(pod, feasible, state, c.cache);
    assert.notEqual(s, SKIP);
    const prepared = s as Exclude<typeof s, typeof SKIP>;
    const raw = feasible.map((n) => scorePodTopologySpread(pod, n, prepared));
    // hostname weight ln(3 + 2), zone weight ln(2 + 2); per node: host count × 1.609 + 2 + zone count × 1.386 + 4.
    const hw = Math.log(5);
    const zw = Math.log(4);
    assert.deepEqual(raw, [Math.round(2 * hw + 2 + 3 * zw + 4), Math.round(1 * hw + 2 + 3 * zw + 4), Math.round(0 * hw + 2 + 0 * zw + 4)]);
    assert.deepEqual(raw, [13, 12, 6]);
    normalizePodTopologySpread(raw, feasible, prepared);
    // 100 × (max + min − s) / max = 100 × (19 − s) / 13.
    assert.deepEqual(raw, [46, 53, 100]);
  });

  it('skips pods without constraints or controllers', () => {
    const c = new UnitCluster([nodeObject('a')]);
    const pod = c.podInfo(podObject('bare'));
    assert.equal(preScorePodTopologySpread(pod, [c.node('a')], c.state(pod), c.cache), SKIP);
  });

  it('scores 0 on nodes missing the label of the pod’s own constraint', () => {
    const c = new UnitCluster([nodeObject('z', { labels: { zone: 'a' } }), nodeObject('bare')]);
    const p: Pod = podObject('p', { labels: { app: 'x' } });
    p.spec!.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'x' } } }];
    const pod = c.podInfo(p);
    const feasible = [c.node('z'), c.node('bare')];
    const s = preScorePodTopologySpread(pod, feasible, c.state(pod), c.cache) as Exclude<ReturnType<typeof preScorePodTopologySpread>, typeof SKIP>;
    const raw = feasible.map((n) => scorePodTopologySpread(pod, n, s));
    normalizePodTopologySpread(raw, feasible, s);
    assert.deepEqual(raw, [100, 0]);
  });
});

describe('final score and selectHost', () => {
  it('sums normalised scores × weights: TaintToleration 3 × 100 = 300 on an untainted node', () => {
    const c = new UnitCluster([nodeObject('a'), nodeObject('b')], [podObject('busy', { cpu: '2', memory: '4Gi', nodeName: 'b' })]);
    const pod = c.podInfo(podObject('p', { cpu: '1', memory: '1Gi' }));
    const result = prioritize(pod, [c.node('a'), c.node('b')], c.state(pod), c.cache);
    const byPlugin = Object.fromEntries(result.plugins.map((p) => [p.plugin, p.weighted]));
    assert.deepEqual(byPlugin.TaintToleration, [300, 300]);
    // a: cpu 75, mem 87 → 81; b: cpu 25, mem 37 → 31.
    assert.deepEqual(byPlugin.NodeResourcesFit, [81, 31]);
    // a: |0.25 − 0.125| / 2 → 93; b: |0.75 − 0.625| / 2 → 93.
    assert.deepEqual(byPlugin.NodeResourcesBalancedAllocation, [93, 93]);
    assert.deepEqual(result.totals, [474, 424]);
  });

  it('breaks ties uniformly with the seeded generator, reproducibly', () => {
    const picks = (seed: number) => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 12 }, () => selectHost([5, 9, 9, 9, 2], r).index);
    };
    assert.deepEqual(picks(42), picks(42));
    assert.ok(picks(42).every((i) => i >= 1 && i <= 3));
    assert.equal(new Set(picks(42)).size, 3, 'every tied node gets picked sometimes');
    assert.deepEqual(selectHost([1, 7, 3], new SeededRandom(1)), { index: 1, ties: 1 });
  });
});
