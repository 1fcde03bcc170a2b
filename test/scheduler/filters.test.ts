import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { filterInterPodAffinity } from '../../src/scheduler/filterInterPodAffinity.js';
import { filterNodeAffinity } from '../../src/scheduler/filterNodeAffinity.js';
import { filterNodeName } from '../../src/scheduler/filterNodeName.js';
import { filterNodePorts } from '../../src/scheduler/filterNodePorts.js';
import { filterNodeResourcesFit } from '../../src/scheduler/filterNodeResourcesFit.js';
import { filterNodeUnschedulable } from '../../src/scheduler/filterNodeUnschedulable.js';
import { filterPodTopologySpread } from '../../src/scheduler/filterPodTopologySpread.js';
import { filterTaintToleration } from '../../src/scheduler/filterTaintToleration.js';
import { filterVolumeBinding } from '../../src/scheduler/filterVolumeBinding.js';
import { filterVolumeRestrictions } from '../../src/scheduler/filterVolumeRestrictions.js';
import type { FilterFn } from '../../src/scheduler/framework.js';
import { podRequests } from '../../src/scheduler/resources.js';
import { runPreFilter } from '../../src/scheduler/preFilter.js';
import type { core, Pod } from '../../src/api/types.js';
import { nodeObject, podObject } from './harness.js';
import { UnitCluster } from './unit.js';

/** Runs one filter for `pod` on each node of the cluster: node → `passed` or `<code>: <reasons>`. */
function verdicts(cluster: UnitCluster, pod: Pod, filter: FilterFn): Record<string, string> {
  const info = cluster.podInfo(pod);
  const state = cluster.state(info);
  const out: Record<string, string> = {};
  for (const node of cluster.cache.nodeList()) {
    const v = filter(info, node, state);
    out[node.name] = v ? `${v.code}: ${v.reasons.join(' | ')}` : 'passed';
  }
  return out;
}

describe('NodeUnschedulable', () => {
  it('rejects a cordoned node unless the pod tolerates node.kubernetes.io/unschedulable', () => {
    const c = new UnitCluster([nodeObject('a', { unschedulable: true }), nodeObject('b')]);
    assert.deepEqual(verdicts(c, podObject('p'), filterNodeUnschedulable), {
      a: "UnschedulableAndUnresolvable: node(s) were unschedulable",
      b: 'passed',
    });
    const tolerant = podObject('q', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } });
    assert.deepEqual(verdicts(c, tolerant, filterNodeUnschedulable), { a: 'passed', b: 'passed' });
  });
});

describe('NodeName', () => {
  it('accepts only the named node', () => {
    const c = new UnitCluster([nodeObject('a'), nodeObject('b')]);
    assert.deepEqual(verdicts(c, podObject('p', { nodeName: 'b' }), filterNodeName), {
      a: "UnschedulableAndUnresolvable: node(s) didn't match the requested node name",
      b: 'passed',
    });
  });
});

describe('TaintToleration filter', () => {
  const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
  const nodes = () => [
    nodeObject('cp', { taints: [cp] }),
    nodeObject('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] }),
    nodeObject('soft', { taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
  ];

  it('prints the first untolerated taint as {key: value}, with an empty value left empty', () => {
    assert.deepEqual(verdicts(new UnitCluster(nodes()), podObject('p'), filterTaintToleration), {
      cp: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      gpu: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}',
      soft: 'passed',
    });
  });

  it('honours Exists, Equal and effect matching', () => {
    const tolerations: core.Toleration[] = [
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Equal', value: 'cpu' },
    ];
    assert.deepEqual(verdicts(new UnitCluster(nodes()), podObject('p', { spec: { tolerations } }), filterTaintToleration), {
      cp: 'passed',
      gpu: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}',
      soft: 'passed',
    });
    const everything = podObject('q', { spec: { tolerations: [{ operator: 'Exists' }] } });
    assert.deepEqual(Object.values(verdicts(new UnitCluster(nodes()), everything, filterTaintToleration)), ['passed', 'passed', 'passed']);
  });
});

describe('NodeAffinity filter', () => {
  const nodes = () => [
    nodeObject('n1', { labels: { disk: 'ssd', zone: 'a', cores: '8' } }),
    nodeObject('n2', { labels: { disk: 'hdd', zone: 'b', cores: '32' } }),
    nodeObject('n3', { labels: { zone: 'c' } }),
  ];
  const NO = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";
  const withTerms = (terms: core.NodeSelectorTerm[]) =>
    podObject('p', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } });
  const passing = (pod: Pod) =>
    Object.entries(verdicts(new UnitCluster(nodes()), pod, filterNodeAffinity))
      .filter(([, v]) => v === 'passed')
      .map(([n]) => n);

  it('matches nodeSelector labels exactly', () => {
    assert.deepEqual(verdicts(new UnitCluster(nodes()), podObject('p', { spec: { nodeSelector: { disk: 'ssd' } } }), filterNodeAffinity), {
      n1: 'passed',
      n2: NO,
      n3: NO,
    });
  });

  it('supports In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
    assert.deepEqual(passing(withTerms([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'c'] }] }])), ['n1', 'n3']);
    assert.deepEqual(passing(withTerms([{ matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }] }])), ['n2', 'n3']);
    assert.deepEqual(passing(withTerms([{ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }])), ['n1', 'n2']);
    assert.deepEqual(passing(withTerms([{ matchExpressions: [{ key: 'disk', operator: 'DoesNotExist' }] }])), ['n3']);
    assert.deepEqual(passing(withTerms([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['16'] }] }])), ['n2']);
    assert.deepEqual(passing(withTerms([{ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['16'] }] }])), ['n1']);
  });

  it('ORs terms, ANDs requirements, and matches metadata.name through matchFields', () => {
    assert.deepEqual(
      passing(withTerms([
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['hdd'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n3'] }] },
      ])),
      ['n3'],
    );
    // nodeSelector and affinity must both hold.
    const both = withTerms([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }]);
    both.spec!.nodeSelector = { disk: 'hdd' };
    assert.deepEqual(passing(both), ['n2']);
  });

  it('narrows PreFilter to the nodes a metadata.name pin names', () => {
    const c = new UnitCluster(nodes());
    const pre = runPreFilter(c.podInfo(withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }])), c.cache);
    assert.deepEqual([...pre.nodeNames!], ['n2']);
    const conflict = runPreFilter(
      c.podInfo(withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }, { key: 'metadata.name', operator: 'In', values: ['n2'] }] }])),
      c.cache,
    );
    assert.equal(conflict.rejection?.reasons[0], 'pod affinity terms conflict');
  });
});

describe('NodePorts', () => {
  it('refuses a hostPort already taken on the same protocol and address', () => {
    const port = (hostPort: number, protocol = 'TCP', hostIP?: string) =>
      podObject(`p${hostPort}${protocol}${hostIP ?? ''}`, {
        spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort, protocol, ...(hostIP ? { hostIP } : {}) }] }] },
      });
    const existing = [
      { ...port(80), spec: { ...port(80).spec!, nodeName: 'a' } },
      { ...port(53, 'UDP', '10.0.0.1'), spec: { ...port(53, 'UDP', '10.0.0.1').spec!, nodeName: 'a' } },
    ];
    const c = new UnitCluster([nodeObject('a'), nodeObject('b')], existing);
    const NO = "Unschedulable: node(s) didn't have free ports for the requested pod ports";
    assert.deepEqual(verdicts(c, port(80), filterNodePorts), { a: NO, b: 'passed' });
    assert.deepEqual(verdicts(c, port(80, 'UDP'), filterNodePorts), { a: 'passed', b: 'passed' });
    assert.deepEqual(verdicts(c, port(53, 'UDP'), filterNodePorts), { a: NO, b: 'passed' }, '0.0.0.0 clashes with any address');
    assert.deepEqual(verdicts(c, port(53, 'UDP', '10.0.0.2'), filterNodePorts), { a: 'passed', b: 'passed' });
  });
});

describe('NodeResourcesFit filter', () => {
  it('reports each shortage and Too many pods; a request above allocatable is unresolvable', () => {
    const existing = [podObject('big', { cpu: '3', memory: '6Gi', nodeName: 'a' })];
    const c = new UnitCluster([nodeObject('a', { cpu: '4', memory: '8Gi', pods: 1 }), nodeObject('b', { cpu: '4', memory: '8Gi' })], existing);
    assert.deepEqual(verdicts(c, podObject('p', { cpu: '2', memory: '4Gi' }), filterNodeResourcesFit), {
      a: 'Unschedulable: Too many pods | Insufficient cpu | Insufficient memory',
      b: 'passed',
    });
    assert.deepEqual(verdicts(c, podObject('q', { cpu: '5' }), filterNodeResourcesFit), {
      a: 'UnschedulableAndUnresolvable: Too many pods | Insufficient cpu',
      b: 'UnschedulableAndUnresolvable: Insufficient cpu',
    });
    // Extended resources are named as requested.
    const gpu = podObject('g', { spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { 'nvidia.com/gpu': '1' } } }] } });
    assert.deepEqual(verdicts(c, gpu, filterNodeResourcesFit), {
      a: 'UnschedulableAndUnresolvable: Too many pods | Insufficient nvidia.com/gpu',
      b: 'UnschedulableAndUnresolvable: Insufficient nvidia.com/gpu',
    });
  });

  it('takes the larger of the containers summed and the biggest init container; sidecars add up', () => {
    const pod = podObject('p', {
      spec: {
        initContainers: [
          { name: 'migrate', image: 'x', resources: { requests: { cpu: '3', memory: '100Mi' } } },
          { name: 'proxy', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '500m', memory: '50Mi' } } },
        ],
        containers: [
          { name: 'a', image: 'x', resources: { requests: { cpu: '1', memory: '1Gi' } } },
          { name: 'b', image: 'x', resources: { requests: { cpu: '1' } } },
        ],
        overhead: { cpu: '10' },
      },
    });
    const r = podRequests(pod);
    // cpu: max(1 + 1 + 0.5 sidecar, 3) = 3; memory: max(1Gi + 50Mi, 100Mi); overhead ignored.
    assert.equal(r.cpu, 3000);
    assert.equal(r.memory, 1024 ** 3 + 50 * 1024 ** 2);
  });

  it('lets a pod without requests through a full node (0 fits in anything)', () => {
    const c = new UnitCluster([nodeObject('a', { cpu: '1' })], [podObject('full', { cpu: '1', nodeName: 'a' })]);
    assert.deepEqual(verdicts(c, podObject('p'), filterNodeResourcesFit), { a: 'passed' });
  });
});

describe('VolumeRestrictions', () => {
  it('allows one pod per ReadWriteOncePod claim in the whole cluster', () => {
    const mounting = (name: string, nodeName?: string) =>
      podObject(name, { nodeName, spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'solo' } }] } });
    const c = new UnitCluster([nodeObject('a'), nodeObject('b')], [mounting('holder', 'a')]);
    c.lookups.pvcs.set('default/solo', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'solo', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOncePod'], volumeName: 'pv-1' },
      status: { phase: 'Bound' },
    });
    const NO = 'Unschedulable: node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
    assert.deepEqual(verdicts(c, mounting('second'), filterVolumeRestrictions), { a: NO, b: NO });
  });

  it('refuses a GCE PD another pod on the node mounts read-write', () => {
    const gce = (name: string, readOnly: boolean, nodeName?: string) =>
      podObject(name, { nodeName, spec: { volumes: [{ name: 'd', gcePersistentDisk: { pdName: 'disk-1', readOnly } }] } });
    const c = new UnitCluster([nodeObject('a'), nodeObject('b')], [gce('rw', false, 'a')]);
    assert.deepEqual(verdicts(c, gce('p', true), filterVolumeRestrictions), { a: 'Unschedulable: node(s) had no available disk', b: 'passed' });
    const ro = new UnitCluster([nodeObject('a')], [gce('ro', true, 'a')]);
    assert.deepEqual(verdicts(ro, gce('p', true), filterVolumeRestrictions), { a: 'passed' });
  });
});

describe('VolumeBinding', () => {
  const claim = (name: string, spec: Record<string, unknown>, status?: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
    ...(status ? { status } : {}),
  });
  const zonePV = (name: string, zone: string, size = '5Gi', extra: Record<string, unknown> = {}) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: size },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'local',
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [zone] }] }] } },
      ...extra,
    },
    status: { phase: 'Available' },
  });
  const mounting = (claimName: string) => podObject('p', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName } }] } });
  const cluster = () => new UnitCluster([nodeObject('a', { labels: { zone: 'a' } }), nodeObject('b', { labels: { zone: 'b' } })]);

  it('rejects a missing claim and an unbound Immediate claim in PreFilter', () => {
    const c = cluster();
    const missing = runPreFilter(c.podInfo(mounting('data-db-0')), c.cache);
    assert.deepEqual(missing.rejection?.reasons, ['persistentvolumeclaim "data-db-0" not found']);
    c.lookups.pvcs.set('default/data', claim('data', { storageClassName: 'standard' }) as never);
    c.lookups.classes.set('standard', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'x', volumeBindingMode: 'Immediate' });
    const unbound = runPreFilter(c.podInfo(mounting('data')), c.cache);
    assert.deepEqual(unbound.rejection, { plugin: 'VolumeBinding', code: 'UnschedulableAndUnresolvable', reasons: ['pod has unbound immediate PersistentVolumeClaims'] });
  });

  it('reports a bound PV whose node affinity excludes the node', () => {
    const c = cluster();
    c.lookups.pvcs.set('default/data', claim('data', { volumeName: 'pv-a' }, { phase: 'Bound' }) as never);
    c.lookups.pvs.push(zonePV('pv-a', 'a') as never);
    assert.deepEqual(verdicts(c, mounting('data'), filterVolumeBinding), {
      a: 'passed',
      b: 'UnschedulableAndUnresolvable: node(s) had volume node affinity conflict',
    });
  });

  it('finds an Available PV for a WaitForFirstConsumer claim on the node, or a provisioner', () => {
    const c = cluster();
    c.lookups.classes.set('local', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local' },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    c.lookups.pvcs.set('default/data', claim('data', { storageClassName: 'local' }) as never);
    c.lookups.pvs.push(zonePV('pv-a', 'a') as never, zonePV('pv-small', 'b', '500Mi') as never);
    assert.deepEqual(verdicts(c, mounting('data'), filterVolumeBinding), {
      a: 'passed',
      b: "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind",
    });
    c.lookups.classes.get('local')!.provisioner = 'rancher.io/local-path';
    assert.deepEqual(verdicts(c, mounting('data'), filterVolumeBinding), { a: 'passed', b: 'passed' });
  });
});

describe('PodTopologySpread filter', () => {
  const zones = () => [
    nodeObject('a1', { labels: { zone: 'a' } }),
    nodeObject('a2', { labels: { zone: 'a' } }),
    nodeObject('b1', { labels: { zone: 'b' } }),
    nodeObject('nolabel'),
  ];
  const web = (name: string, nodeName?: string) => podObject(name, { labels: { app: 'web' }, nodeName });
  const spread = (maxSkew: number, extra: Partial<core.TopologySpreadConstraint> = {}) => {
    const p = web('new');
    p.spec!.topologySpreadConstraints = [
      { maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra },
    ];
    return p;
  };
  const NO = "Unschedulable: node(s) didn't match pod topology spread constraints";
  const MISSING = "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)";

  it('computes skew = count in the domain + self − global minimum over eligible domains', () => {
    // zone a holds 2 web pods, zone b none: a → 2 + 1 − 0 = 3 > 1, b → 0 + 1 − 0 = 1.
    const c = new UnitCluster(zones(), [web('w1', 'a1'), web('w2', 'a2'), podObject('other', { nodeName: 'b1' })]);
    assert.deepEqual(verdicts(c, spread(1), filterPodTopologySpread), { a1: NO, a2: NO, b1: 'passed', nolabel: MISSING });
    assert.deepEqual(verdicts(c, spread(3), filterPodTopologySpread), { a1: 'passed', a2: 'passed', b1: 'passed', nolabel: MISSING });
  });

  it('counts only domains of nodes the pod could use (nodeAffinityPolicy Honor)', () => {
    const c = new UnitCluster(zones(), [web('w1', 'a1'), web('w2', 'b1')]);
    const p = spread(1);
    p.spec!.nodeSelector = { zone: 'a' };
    // Zone b is not eligible, so the minimum is zone a's 1: 1 + 1 − 1 = 1.
    assert.deepEqual(verdicts(c, p, filterPodTopologySpread), { a1: 'passed', a2: 'passed', b1: 'passed', nolabel: MISSING });
    const ignore = spread(1, { nodeAffinityPolicy: 'Ignore' });
    ignore.spec!.nodeSelector = { zone: 'a' };
    assert.deepEqual(verdicts(c, ignore, filterPodTopologySpread).a1, 'passed');
  });

  it('treats the global minimum as 0 while fewer than minDomains domains exist', () => {
    const c = new UnitCluster(zones(), [web('w1', 'a1'), web('w2', 'b1')]);
    assert.equal(verdicts(c, spread(1), filterPodTopologySpread).a1, 'passed');
    assert.equal(verdicts(c, spread(1, { minDomains: 3 }), filterPodTopologySpread).a1, NO);
  });
});

describe('InterPodAffinity filter', () => {
  const nodes = () => [nodeObject('a1', { labels: { zone: 'a' } }), nodeObject('b1', { labels: { zone: 'b' } }), nodeObject('plain')];
  const term = (app: string, topologyKey = 'zone') => ({ labelSelector: { matchLabels: { app } }, topologyKey });

  it('requires a matching pod in the domain for affinity', () => {
    const c = new UnitCluster(nodes(), [podObject('db', { labels: { app: 'db' }, nodeName: 'b1' })]);
    const p = podObject('web', { labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } } });
    assert.deepEqual(verdicts(c, p, filterInterPodAffinity), {
      a1: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules",
      b1: 'passed',
      plain: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules",
    });
  });

  it('lets the first pod of a self-affine group in anywhere with the topology', () => {
    const c = new UnitCluster(nodes());
    const p = podObject('cache-0', { labels: { app: 'cache' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } } } });
    assert.deepEqual(verdicts(c, p, filterInterPodAffinity), {
      a1: 'passed',
      b1: 'passed',
      plain: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules",
    });
  });

  it('keeps anti-affine pods apart, both ways', () => {
    const anti = (name: string, nodeName?: string) =>
      podObject(name, {
        labels: { app: 'web' },
        nodeName,
        spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'kubernetes.io/hostname')] } } },
      });
    const c = new UnitCluster(nodes(), [anti('web-0', 'a1')]);
    assert.deepEqual(verdicts(c, anti('web-1'), filterInterPodAffinity), {
      a1: "Unschedulable: node(s) didn't match pod anti-affinity rules",
      b1: 'passed',
      plain: 'passed',
    });
    // A pod without rules of its own is still kept off by web-0's anti-affinity towards app=web.
    const plainWeb = podObject('web-x', { labels: { app: 'web' } });
    assert.equal(verdicts(c, plainWeb, filterInterPodAffinity).a1, "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules");
  });
});
