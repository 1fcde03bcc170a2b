import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/api/object.js';
import type { PersistentVolumeClaim, Pod } from '../../src/api/types.js';
import type { SchedulingDetails } from '../../src/scheduler/decisionTable.js';
import { nodeObject, podObject, SchedulerHarness } from './harness.js';

const CONTROL_PLANE = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function controlPlaneCluster(): SchedulerHarness {
  return new SchedulerHarness({
    nodes: [
      nodeObject('cp-1', { taints: [CONTROL_PLANE], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      nodeObject('cp-2', { taints: [CONTROL_PLANE], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      nodeObject('node-1', { cpu: '2' }),
    ],
  });
}

describe('why is my pod Pending', () => {
  it('prints the FailedScheduling message word for word, with the preemption verdict', () => {
    const h = controlPlaneCluster();
    h.boundPod(podObject('busy', { cpu: '1500m', nodeName: 'node-1' }));
    h.createPod(podObject('web-0', { cpu: '1' }));
    h.settle();

    const expected =
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..';
    const [event] = h.eventsFor('web-0', 'FailedScheduling');
    assert.equal(event.message, expected);
    assert.equal(event.type, 'Warning');
    assert.equal(event.source?.component, 'default-scheduler');
    assert.equal(h.nodeOf('web-0'), undefined);

    const cond = h.condition('web-0')!;
    assert.deepEqual([cond.status, cond.reason, cond.message], ['False', 'Unschedulable', expected]);

    const d = h.lastDecision('web-0');
    assert.equal(d.component, 'default-scheduler');
    assert.equal(d.action, 'unschedulable');
    assert.equal(d.reason, expected);
    const details = d.details as SchedulingDetails;
    assert.deepEqual(details.rejected, {
      'Insufficient cpu': 1,
      'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }': 2,
    });
    const row = details.rows.find((r) => r.node === 'node-1')!;
    assert.deepEqual(row.filters, {
      NodeUnschedulable: 'passed',
      NodeName: 'passed',
      TaintToleration: 'passed',
      NodeAffinity: 'passed',
      NodePorts: 'passed',
      NodeResourcesFit: 'Insufficient cpu',
    });
    assert.deepEqual(details.rows.find((r) => r.node === 'cp-1')!.filters, {
      NodeUnschedulable: 'passed',
      NodeName: 'passed',
      TaintToleration: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    });
  });

  it('writes the condition only when it changes, while each attempt records a decision and an event', () => {
    const h = controlPlaneCluster();
    h.boundPod(podObject('busy', { cpu: '1500m', nodeName: 'node-1' }));
    h.createPod(podObject('web-0', { cpu: '1' }));
    h.settle();
    const rv = h.pod('web-0').metadata.resourceVersion;
    // A pod elsewhere is deleted: NodeResourcesFit may be helped, so web-0 is retried after its back-off.
    h.boundPod(podObject('other', { nodeName: 'cp-1' }));
    h.finishDeletion('other');
    h.advance(1500);
    assert.equal(h.decisionsFor('web-0').length, 2);
    assert.match((h.lastDecision('web-0').details as SchedulingDetails).trigger!, /pod default\/other deleted/);
    assert.equal(h.pod('web-0').metadata.resourceVersion, rv, 'same message, no status write');
    assert.equal(h.eventsFor('web-0', 'FailedScheduling')[0].count, 2);
  });

  it('says which claim is missing, then binds once the claim appears', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1'), nodeObject('node-2'), nodeObject('node-3')] });
    h.create({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path' },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    } as KObject);
    h.createPod(podObject('db-0', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }] } }));
    h.settle();
    assert.equal(
      h.eventsFor('db-0', 'FailedScheduling')[0].message,
      '0/3 nodes are available: persistentvolumeclaim "data-db-0" not found. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
    const details = h.lastDecision('db-0').details as SchedulingDetails;
    assert.deepEqual(details.preFilter, { plugin: 'VolumeBinding', reason: 'persistentvolumeclaim "data-db-0" not found' });

    h.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-db-0', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } },
    } as KObject);
    h.advance(2000);
    const claim = h.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data-db-0')!;
    const node = claim.metadata.annotations?.['volume.kubernetes.io/selected-node'];
    assert.ok(node, 'a node was chosen after the claim was created');
    assert.equal(h.lastDecision('db-0').action, `waiting for volumes on ${node}`);
    // The PV controller's part (no PV controller here): a volume, the claim bound to it, then the pod is.
    h.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' } } } as KObject, { trusted: true });
    h.store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data-db-0', (c) => {
      c.spec!.volumeName = 'pvc-1';
      c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes' };
    }, { trusted: true });
    h.settle();
    assert.equal(h.nodeOf('db-0'), node);
    assert.match(h.lastDecision('db-0').reason, /data-db-0 → provision/);
  });

  it('refuses an unbound Immediate claim as unresolvable', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1')] });
    h.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } },
    } as KObject);
    h.createPod(podObject('web', { spec: { volumes: [{ name: 'w', persistentVolumeClaim: { claimName: 'www' } }] } }));
    h.settle();
    assert.equal(
      h.lastDecision('web').reason,
      '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    );
  });

  it('schedules after a node is added (and not before the back-off ends)', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1', { cpu: '2' })] });
    h.createPod(podObject('big', { cpu: '3' }));
    h.settle();
    assert.equal(
      h.lastDecision('big').reason,
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    );
    h.advance(400);
    h.addNode(nodeObject('node-2', { cpu: '4' }));
    h.settle();
    assert.equal(h.nodeOf('big'), undefined, 'still backing off (1 s after the failed attempt)');
    h.advance(600);
    assert.equal(h.nodeOf('big'), 'node-2');
    const d = h.lastDecision('big');
    assert.equal(d.action, 'bound to node-2');
    assert.equal((d.details as SchedulingDetails).attempt, 2);
    assert.match((d.details as SchedulingDetails).trigger!, /node node-2 added/);
    assert.match(d.reason, /the only feasible node; node-1 Insufficient cpu/);
    assert.equal(h.eventsFor('big', 'Scheduled')[0].message, 'Successfully assigned default/big to node-2');
    assert.equal(h.condition('big')!.status, 'True');
  });

  it('waits out irrelevant events and retries after 5 minutes anyway', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('tainted', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })] });
    h.createPod(podObject('p'));
    h.settle();
    h.boundPod(podObject('x', { nodeName: 'tainted', spec: { tolerations: [{ operator: 'Exists' }] } }));
    h.finishDeletion('x');
    h.advance(60_000);
    assert.equal(h.decisionsFor('p').length, 1, 'a deleted pod cannot help an untolerated taint');
    h.advance(4 * 60_000);
    assert.equal(h.decisionsFor('p').length, 2);
    assert.match((h.lastDecision('p').details as SchedulingDetails).trigger!, /5m/);
  });
});

describe('placement', () => {
  it('binds with the Scheduled event, PodScheduled True and the score line', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1'), nodeObject('node-2', { cpu: '8', memory: '16Gi' })] });
    h.createPod(podObject('web-0', { cpu: '1', memory: '1Gi' }));
    h.settle();
    assert.equal(h.nodeOf('web-0'), 'node-2');
    const d = h.lastDecision('web-0');
    // node-2: cpu (8 − 1)/8 → 87, memory (16 − 1)/16 → 93 → 90; balanced |0.125 − 0.0625|/2 → 96.
    assert.equal(d.reason, 'score 486 (TaintToleration 300, NodeResourcesFit 90, BalancedAllocation 96); next node-1 474');
    const details = d.details as SchedulingDetails;
    assert.equal(details.chosen, 'node-2');
    assert.deepEqual(details.rows.map((r) => [r.node, r.final, r.chosen ?? false]), [['node-2', 486, true], ['node-1', 474, false]]);
    assert.deepEqual(details.rows[0].raw, { TaintToleration: 0, NodeAffinity: 0, NodeResourcesFit: 90, PodTopologySpread: 0, InterPodAffinity: 0, NodeResourcesBalancedAllocation: 96, ImageLocality: 0 });
    assert.deepEqual(details.skipped, ['NodeAffinity', 'PodTopologySpread', 'InterPodAffinity']);
  });

  it('spreads a ReplicaSet’s pods across nodes', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1'), nodeObject('node-2'), nodeObject('node-3')] });
    const rs = h.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-7c5d', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    } as KObject);
    for (let i = 0; i < 6; i++) h.createPod(podObject(`web-7c5d-${i}`, { labels: { app: 'web' }, owner: rs }));
    h.settle();
    const perNode = new Map<string, number>();
    for (let i = 0; i < 6; i++) perNode.set(h.nodeOf(`web-7c5d-${i}`)!, (perNode.get(h.nodeOf(`web-7c5d-${i}`)!) ?? 0) + 1);
    assert.deepEqual([...perNode.values()].sort(), [2, 2, 2]);
    const later = h.lastDecision('web-7c5d-5').details as SchedulingDetails;
    assert.ok(!later.skipped?.includes('PodTopologySpread'), 'the system default constraints apply to ReplicaSet pods');
  });

  it('places a pod next to the pods it has affinity to, and keeps anti-affine pods apart', () => {
    const zone = (z: string) => ({ labels: { 'topology.kubernetes.io/zone': z } });
    const h = new SchedulerHarness({ nodes: [nodeObject('a1', zone('a')), nodeObject('b1', zone('b')), nodeObject('b2', zone('b'))] });
    h.boundPod(podObject('db', { labels: { app: 'db' }, nodeName: 'b2' }));
    const web = (name: string) =>
      podObject(name, {
        labels: { app: 'web' },
        spec: {
          affinity: {
            podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone' }] },
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] },
          },
        },
      });
    h.createPod(web('web-0'));
    h.createPod(web('web-1'));
    h.createPod(web('web-2'));
    h.settle();
    assert.deepEqual([h.nodeOf('web-0'), h.nodeOf('web-1')].sort(), ['b1', 'b2']);
    assert.equal(h.nodeOf('web-2'), undefined);
    assert.equal(
      h.lastDecision('web-2').reason,
      "0/3 nodes are available: 1 node(s) didn't match pod affinity rules, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
    );
  });

  it('keeps the topology spread skew within maxSkew', () => {
    const zone = (z: string, cpu = '4') => ({ cpu, labels: { 'topology.kubernetes.io/zone': z } });
    const h = new SchedulerHarness({ nodes: [nodeObject('a1', zone('a')), nodeObject('a2', zone('a')), nodeObject('b1', zone('b', '1'))] });
    const spread = (name: string, cpu?: string) => {
      const p = podObject(name, { labels: { app: 'api' }, cpu });
      p.spec!.topologySpreadConstraints = [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'api' } } },
      ];
      return p;
    };
    h.boundPod(podObject('api-old', { labels: { app: 'api' }, nodeName: 'a1' }));
    h.createPod(spread('api-1'));
    h.settle();
    assert.equal(h.nodeOf('api-1'), 'b1', 'zone a has 1, zone b 0: only b keeps the skew ≤ 1');
    h.createPod(spread('api-2', '2'));
    h.settle();
    // Zones are level (1 and 1): a fits the skew but b1 lacks CPU.
    assert.match(h.nodeOf('api-2')!, /^a/);
    h.createPod(spread('api-3', '2'));
    h.settle();
    assert.equal(
      h.lastDecision('api-3').reason,
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
    );
  });

  it('takes a DaemonSet-style pod pinned by metadata.name only to its node', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1', { cpu: '1' }), nodeObject('node-2'), nodeObject('node-3')] });
    const pinned = (name: string, node: string) =>
      podObject(name, {
        cpu: '2',
        spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } } },
      });
    h.createPod(pinned('ds-2', 'node-2'));
    h.createPod(pinned('ds-1', 'node-1'));
    h.settle();
    assert.equal(h.nodeOf('ds-2'), 'node-2');
    assert.equal(
      h.lastDecision('ds-1').reason,
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
    );
  });

  it('reproduces tie-breaks for a seed', () => {
    const run = (seed: number) => {
      const h = new SchedulerHarness({ seed, nodes: [nodeObject('node-1'), nodeObject('node-2'), nodeObject('node-3'), nodeObject('node-4')] });
      for (let i = 0; i < 8; i++) h.createPod(podObject(`p-${i}`, { cpu: '500m', memory: '512Mi' }));
      h.settle();
      return Array.from({ length: 8 }, (_, i) => h.nodeOf(`p-${i}`));
    };
    assert.deepEqual(run(3), run(3));
    const seeds = [1, 2, 3, 4, 5].map((s) => run(s).join());
    assert.ok(new Set(seeds).size > 1, 'different seeds break ties differently');
  });
});

describe('queue order and gates', () => {
  it('schedules higher priority first', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1', { cpu: '1' })] });
    h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as KObject);
    h.createPod(podObject('low', { cpu: '1' }));
    h.createPod(podObject('urgent', { cpu: '1', spec: { priorityClassName: 'high' } }));
    h.settle();
    assert.equal(h.nodeOf('urgent'), 'node-1');
    assert.equal(h.nodeOf('low'), undefined);
  });

  it('resolves priorityClassName itself when spec.priority is missing', () => {
    const h = new SchedulerHarness({ admission: false, nodes: [nodeObject('node-1', { cpu: '1' })] });
    h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as KObject);
    h.store.create(podObject('low', { cpu: '1' }), { trusted: true });
    h.store.create(podObject('urgent', { cpu: '1', spec: { priorityClassName: 'high' } }), { trusted: true });
    h.settle();
    assert.equal(h.nodeOf('urgent'), 'node-1');
  });

  it('keeps a gated pod out until its gates are removed', () => {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1')] });
    h.createPod(podObject('gated', { spec: { schedulingGates: [{ name: 'example.com/quota' }] } }));
    h.settle();
    const cond = h.condition('gated')!;
    assert.deepEqual([cond.status, cond.reason, cond.message], ['False', 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates']);
    assert.equal(h.lastDecision('gated').action, 'waiting for scheduling gates');
    assert.equal(h.eventsFor('gated').length, 0);
    h.store.modify<Pod>('Pod', 'default', 'gated', (p) => {
      delete p.spec!.schedulingGates;
    }, { trusted: true });
    h.settle();
    assert.equal(h.nodeOf('gated'), 'node-1');
  });
});

describe('preemption', () => {
  function preemptionCluster(): SchedulerHarness {
    const h = new SchedulerHarness({ nodes: [nodeObject('node-1', { cpu: '4' }), nodeObject('node-2', { cpu: '4' })] });
    h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'mid' }, value: 10 } as KObject);
    h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: 1 } as KObject);
    h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'critical' }, value: 1000 } as KObject);
    h.boundPod(podObject('mid-0', { cpu: '3', nodeName: 'node-1', spec: { priorityClassName: 'mid' } }));
    h.boundPod(podObject('low-0', { cpu: '1500m', nodeName: 'node-2', spec: { priorityClassName: 'low' } }));
    h.advance(1000);
    h.boundPod(podObject('low-1', { cpu: '1500m', nodeName: 'node-2', spec: { priorityClassName: 'low' } }));
    h.settle();
    return h;
  }

  it('evicts the fewest, least important pods and nominates their node', () => {
    const h = preemptionCluster();
    h.createPod(podObject('vip', { cpu: '2', spec: { priorityClassName: 'critical' } }));
    h.settle();
    const vip = h.pod('vip');
    // node-1 would lose a priority-10 pod, node-2 only one priority-1 pod: low-0 (started first) is kept.
    assert.equal(vip.status?.nominatedNodeName, 'node-2');
    assert.equal(h.eventsFor('vip', 'FailedScheduling')[0].message, '0/2 nodes are available: 2 Insufficient cpu.');
    const victim = h.pod('low-1');
    assert.ok(victim.metadata.deletionTimestamp, 'deleted gracefully');
    const dt = victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.deepEqual([dt?.status, dt?.reason, dt?.message], ['True', 'PreemptionByScheduler', 'default-scheduler: preempting to accommodate a higher priority pod']);
    assert.equal(h.eventsFor('low-1', 'Preempted')[0].message, `Preempted by pod ${vip.metadata.uid} on node node-2`);
    assert.equal(h.pod('low-0').metadata.deletionTimestamp, undefined);
    assert.equal(h.pod('mid-0').metadata.deletionTimestamp, undefined);
    assert.equal(h.lastDecision('vip').action, 'preempting on node-2');

    // While the victim terminates, the nominated node keeps the vip waiting.
    h.advance(1500);
    assert.match(h.condition('vip')!.message!, /preemption: not eligible due to a terminating pod on the nominated node\.\.$/);
    h.finishDeletion('low-1');
    h.advance(2000);
    assert.equal(h.nodeOf('vip'), 'node-2');
    assert.equal(h.pod('vip').status?.nominatedNodeName, undefined);
  });

  it('counts a nominated pod as already on its node', () => {
    const h = preemptionCluster();
    h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'critical-polite' }, value: 1000, preemptionPolicy: 'Never' } as KObject);
    h.createPod(podObject('vip', { cpu: '2', spec: { priorityClassName: 'critical' } }));
    h.settle();
    h.finishDeletion('low-1');
    // node-2 now has 2.5 CPU free, but the vip, nominated there, holds 2 of it against pods of its priority.
    h.createPod(podObject('rival', { cpu: '2', spec: { priorityClassName: 'critical-polite' } }));
    h.settle();
    assert.equal(h.nodeOf('rival'), undefined);
    assert.equal(h.lastDecision('rival').reason, '0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..');
    h.advance(2000);
    assert.equal(h.nodeOf('vip'), 'node-2');
    assert.equal(h.lastDecision('vip').reason, 'the nominated node fits');
  });

  it('respects preemptionPolicy Never', () => {
    const h = preemptionCluster();
    h.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'polite' }, value: 1000, preemptionPolicy: 'Never' } as KObject);
    h.createPod(podObject('polite', { cpu: '2', spec: { priorityClassName: 'polite' } }));
    h.settle();
    assert.equal(h.lastDecision('polite').reason, '0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..');
    assert.equal(h.pod('low-1').metadata.deletionTimestamp, undefined);
  });
});
