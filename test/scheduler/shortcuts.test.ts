// The scheduler's per-attempt shortcuts give exactly what the plain computation gives: skipped
// filters, batch scoring, the ImageLocality and PodTopologySpread preparations, and the requests kept
// per container `resources` object. Random clusters and pods are checked against straightforward
// recounts written here from the plugins' definitions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isEmpty, selectorFromLabelSelector } from '../../src/api/labels.js';
import type { core, Pod } from '../../src/api/types.js';
import { findFeasibleNodes, filtersFor, runFilters, runFiltersWithNominated } from '../../src/scheduler/filtering.js';
import { SKIP } from '../../src/scheduler/framework.js';
import type { NodeInfo } from '../../src/scheduler/nodeInfo.js';
import { buildPodInfo, type PodInfo } from '../../src/scheduler/podInfo.js';
import { FILTERS, SCORES } from '../../src/scheduler/profile.js';
import { podNonZeroRequests, podRequests, podResources } from '../../src/scheduler/resources.js';
import { imageScoreFromSum, normalizedImageName, preScoreImageLocality, scoreImageLocalityNodes } from '../../src/scheduler/scoreImageLocality.js';
import { HOSTNAME_KEY, preScorePodTopologySpread, scorePodTopologySpread, scorePodTopologySpreadNodes, ZONE_KEY } from '../../src/scheduler/scorePodTopologySpread.js';
import { hasAllKeys } from '../../src/scheduler/topologySpreadConstraints.js';
import { nodeObject, podObject } from './harness.js';
import { UnitCluster } from './unit.js';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
const APPS = ['web', 'db'];
const IMAGES = ['nginx:1.27', 'redis', 'busybox:latest', 'pause:3.9'];

interface Shape {
  nodes: Array<{ zone?: string; taint?: 'NoSchedule' | 'PreferNoSchedule'; unschedulable: boolean; pods: number; images: string[]; disk: boolean }>;
  bound: Array<{ node: number; app: string; terminating: boolean; port: boolean }>;
  pod: { app: string; nodeSelector: boolean; port: boolean; tolerate: boolean; spread?: 'DoNotSchedule' | 'ScheduleAnyway'; anti: boolean; disk: boolean; images: string[]; owned: boolean };
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  nodes: fc.array(
    fc.record({
      zone: fc.constantFrom(undefined, 'a', 'b'),
      taint: fc.constantFrom(undefined, 'NoSchedule' as const, 'PreferNoSchedule' as const),
      unschedulable: fc.boolean(),
      pods: fc.constantFrom(110, 3),
      images: fc.subarray(IMAGES),
      disk: fc.boolean(),
    }),
    { minLength: NODES.length, maxLength: NODES.length },
  ),
  bound: fc.array(fc.record({ node: fc.integer({ min: 0, max: NODES.length - 1 }), app: fc.constantFrom(...APPS), terminating: fc.boolean(), port: fc.boolean() }), { maxLength: 12 }),
  pod: fc.record({
    app: fc.constantFrom(...APPS),
    nodeSelector: fc.boolean(),
    port: fc.boolean(),
    tolerate: fc.boolean(),
    spread: fc.constantFrom(undefined, 'DoNotSchedule' as const, 'ScheduleAnyway' as const),
    anti: fc.boolean(),
    disk: fc.boolean(),
    images: fc.subarray(IMAGES, { minLength: 1 }),
    owned: fc.boolean(),
  }),
});

function build(shape: Shape): { cluster: UnitCluster; pod: PodInfo; nodes: NodeInfo[] } {
  const nodes = shape.nodes.map((n, i) =>
    nodeObject(NODES[i], {
      pods: n.pods,
      labels: n.zone ? { [ZONE_KEY]: n.zone, disk: n.disk ? 'ssd' : 'hdd' } : { disk: n.disk ? 'ssd' : 'hdd' },
      taints: n.taint ? [{ key: 'dedicated', value: 'x', effect: n.taint }] : undefined,
      unschedulable: n.unschedulable,
      images: n.images.map((name, k) => ({ names: [name], sizeBytes: (k + 1) * 300 * 1024 * 1024 })),
    }),
  );
  const bound = shape.bound.map((b, i) => {
    const p = podObject(`b${i}`, {
      cpu: '100m',
      labels: { app: b.app },
      nodeName: NODES[b.node],
      spec: b.port ? { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] }] } : {},
    });
    if (b.terminating) p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    return p;
  });
  const cluster = new UnitCluster(nodes, bound);
  const s = shape.pod;
  cluster.lookups.spreadSelector = s.owned ? selectorFromLabelSelector({ matchLabels: { app: s.app } }) : undefined;
  const spec: Partial<core.PodSpec> = {
    containers: s.images.map((image, k) => ({ name: `c${k}`, image, resources: { requests: { cpu: '100m' } }, ...(s.port && k === 0 ? { ports: [{ containerPort: 80, hostPort: 8080 }] } : {}) })),
  };
  if (s.nodeSelector) spec.nodeSelector = { disk: 'ssd' };
  if (s.tolerate) spec.tolerations = [{ key: 'dedicated', operator: 'Exists' }];
  if (s.spread) spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: ZONE_KEY, whenUnsatisfiable: s.spread, labelSelector: { matchLabels: { app: s.app } } }];
  if (s.anti) spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: s.app } }, topologyKey: HOSTNAME_KEY }] } };
  if (s.disk) spec.volumes = [{ name: 'd', awsElasticBlockStore: { volumeID: 'vol-1' } }];
  const pod = cluster.podInfo(podObject('incoming', { labels: { app: s.app }, spec }));
  return { cluster, pod, nodes: NODES.map((n) => cluster.node(n)) };
}

const runs = { numRuns: 150 };

describe('skipped filters', () => {
  it('are the ones that pass every node: the verdicts are those of the whole filter list', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const { cluster, pod, nodes } = build(shape);
        const state = cluster.state(pod);
        const active = filtersFor(pod, state);
        for (const f of FILTERS) {
          if (active.includes(f)) continue;
          for (const node of nodes) assert.equal(f.filter(pod, node, state), undefined, `${f.name} was skipped but refuses ${node.name}`);
        }
        for (const node of nodes) assert.deepEqual(runFilters(pod, node, state, active), runFilters(pod, node, state));
      }),
      runs,
    );
  });

  it('leave a pass over the nodes as it was, nominated pods or not', () => {
    fc.assert(
      fc.property(shapes, fc.boolean(), (shape, nominate) => {
        const { cluster, pod, nodes } = build(shape);
        if (nominate) {
          const other = podObject('nominated', { cpu: '3900m', labels: { app: 'db' }, priority: 100 });
          other.status = { phase: 'Pending', nominatedNodeName: NODES[0] };
          cluster.cache.upsertPod({ ...other, metadata: { ...other.metadata, uid: 'nominated-uid' } });
        }
        const state = cluster.state(pod);
        const pass = findFeasibleNodes(pod, nodes, state, cluster.cache, 0);
        // Every node through the whole filter list, nominated pods counted on every node.
        const expected = nodes.map((n) => runFiltersWithNominated(pod, n, state, cluster.cache));
        assert.deepEqual(pass.feasible.map((n) => n.name), nodes.filter((_, i) => !expected[i]).map((n) => n.name));
        assert.deepEqual(pass.rejected.map((r) => [r.node.name, r.rejection]), nodes.flatMap((n, i) => (expected[i] ? [[n.name, expected[i]]] : [])));
      }),
      runs,
    );
  });
});

/** ImageLocality as the plugin defines it, node by node, with nothing prepared. */
function imageLocalityRecount(pod: PodInfo, node: NodeInfo, cluster: UnitCluster): number {
  const total = cluster.cache.nodeCount;
  if (total === 0) return 0;
  const containers = [...(pod.pod.spec?.initContainers ?? []), ...(pod.pod.spec?.containers ?? [])];
  let sum = 0;
  for (const c of containers) {
    const image = normalizedImageName(c.image ?? '');
    const size = node.images.get(image);
    if (size !== undefined) sum += Math.trunc(size * (cluster.cache.imageNodeCount(image) / total));
  }
  return imageScoreFromSum(sum, containers.length);
}

/** PodTopologySpread's raw score from its definition: matching pods in the node's domain × ln(domains + 2) + maxSkew − 1. */
function spreadRecount(pod: PodInfo, node: NodeInfo, feasible: readonly NodeInfo[], cluster: UnitCluster, own: boolean): number {
  const constraints = own
    ? [{ topologyKey: ZONE_KEY, maxSkew: 1, selector: selectorFromLabelSelector({ matchLabels: { app: pod.labels.app } }) }]
    : [
        { topologyKey: HOSTNAME_KEY, maxSkew: 3, selector: cluster.lookups.spreadSelector! },
        { topologyKey: ZONE_KEY, maxSkew: 5, selector: cluster.lookups.spreadSelector! },
      ];
  const scored = own ? feasible.filter((n) => hasAllKeys(n.labels, constraints as never)) : feasible;
  if (!scored.includes(node)) return 0;
  let score = 0;
  for (const c of constraints) {
    if (!Object.hasOwn(node.labels, c.topologyKey)) continue;
    const domainOf = (n: NodeInfo) => (c.topologyKey === HOSTNAME_KEY ? n.name : (n.labels[c.topologyKey] ?? ''));
    const domains = new Set(scored.map(domainOf));
    let count = 0;
    for (const other of NODES.map((n) => cluster.node(n))) {
      if (!domains.has(domainOf(other)) || domainOf(other) !== domainOf(node)) continue;
      if (own && !hasAllKeys(other.labels, constraints as never)) continue;
      // Domain constraints count only nodes the pod's node affinity allows (nodeAffinityPolicy Honor).
      if (c.topologyKey !== HOSTNAME_KEY && pod.pod.spec?.nodeSelector && other.labels.disk !== 'ssd') continue;
      for (const p of other.pods.values()) if (!isEmpty(c.selector) && !p.terminating && p.namespace === pod.namespace && c.selector.matches(p.labels)) count++;
    }
    score += count * Math.log(domains.size + 2) + (c.maxSkew - 1);
  }
  return Math.round(score);
}

describe('batch scoring', () => {
  it('gives each plugin the scores its per-node definition gives', () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: NODES.length }), (shape, count) => {
        const { cluster, pod, nodes } = build(shape);
        const feasible = nodes.slice(0, count);
        const state = cluster.state(pod);
        const images = preScoreImageLocality(pod, cluster.cache.nodeCount, (i) => cluster.cache.imageNodeCount(i));
        const imageScores = new Array<number>(feasible.length);
        scoreImageLocalityNodes(pod, feasible, images, imageScores);
        assert.deepEqual(imageScores, feasible.map((n) => imageLocalityRecount(pod, n, cluster)));

        const spread = preScorePodTopologySpread(pod, feasible, state, cluster.cache);
        const own = shape.pod.spread !== undefined;
        const applies = own ? shape.pod.spread === 'ScheduleAnyway' : shape.pod.owned;
        assert.equal(spread === SKIP, !applies);
        if (spread === SKIP) return;
        const spreadScores = new Array<number>(feasible.length);
        scorePodTopologySpreadNodes(pod, feasible, spread, spreadScores);
        assert.deepEqual(spreadScores, feasible.map((n) => scorePodTopologySpread(pod, n, spread)));
        assert.deepEqual(spreadScores, feasible.map((n) => spreadRecount(pod, n, feasible, cluster, own)));
      }),
      runs,
    );
  });

  it('fills every position for every plugin', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const { cluster, pod, nodes } = build(shape);
        const state = cluster.state(pod);
        for (const p of SCORES) {
          const prepared = p.preScore(pod, nodes, state, cluster.cache);
          if (prepared === SKIP) continue;
          const out = new Array<number>(nodes.length);
          p.scoreNodes(pod, nodes, prepared, out);
          assert.ok(out.length === nodes.length && out.every((v) => Number.isFinite(v)), p.name);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('requests kept per resources object', () => {
  const pod = (resources: core.ResourceRequirements | undefined, extra: Partial<core.PodSpec> = {}): Pod =>
    podObject('p', { spec: { containers: [{ name: 'c', image: 'x', ...(resources ? { resources } : {}) }], ...extra } });

  it('are what parsing gives, shared between pods with the same resources object', () => {
    const resources = { requests: { cpu: '250m', memory: '64Mi' }, limits: { 'nvidia.com/gpu': '1' } };
    const a = pod(resources);
    const b = pod(resources);
    assert.deepEqual(podResources(a), { requests: podRequests(a), nonZero: podNonZeroRequests(a) });
    assert.equal(podResources(a), podResources(b));
    assert.equal(buildPodInfo(a, 0).requests, buildPodInfo(b, 0).requests);
    assert.equal(podResources(a).requests.scalar.get('nvidia.com/gpu'), 1);
  });

  it('are worked out afresh for another resources object, several containers or init containers', () => {
    const a = pod({ requests: { cpu: '250m' } });
    const b = pod({ requests: { cpu: '500m' } });
    assert.equal(podResources(a).requests.cpu, 250);
    assert.equal(podResources(b).requests.cpu, 500);
    const shared = { requests: { cpu: '1' } };
    const init = pod(shared, { initContainers: [{ name: 'i', image: 'x', resources: { requests: { cpu: '3' } } }] });
    assert.equal(podResources(init).requests.cpu, 3000, 'the init container is the peak');
    assert.equal(podResources(pod(shared)).requests.cpu, 1000, 'the same resources object alone');
    const none = pod(undefined);
    assert.deepEqual(podResources(none).nonZero, { cpu: 100, memory: 200 * 1024 * 1024 });
  });
});
