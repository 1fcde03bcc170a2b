// The node lifecycle controller's timeline: heartbeats stop, the controller waits out the 50 s grace
// period (saying so), marks the node Unknown and taints it. Timers of the stand-in kubelet renew each
// Lease at t = 10 s, 20 s, ... and the controller's 5 s monitor ticks start at t = 0.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../src/api/types.js';
import { cordon, uncordon } from '../../src/sim/nodeOperations.js';
import { DEFAULT_TOLERATIONS, makeCluster, runningPod, s } from './harness.js';

const conditionsOf = (c: ReturnType<typeof makeCluster>, name: string) =>
  Object.fromEntries(c.node(name).status!.conditions!.map((x) => [x.type, x]));

const taintsOf = (c: ReturnType<typeof makeCluster>, name: string) =>
  (c.node(name).spec!.taints ?? []).map((t) => `${t.key}:${t.effect}@${t.timeAdded ?? ''}`).sort();

test('every node is registered with the controller', () => {
  const c = makeCluster({ nodes: 2 });
  const registered = c.events('RegisteredNode');
  assert.deepEqual(registered.map((e) => e.message).sort(), [
    'Node node-1 event: Registered Node node-1 in Controller',
    'Node node-2 event: Registered Node node-2 in Controller',
  ]);
  assert.ok(registered.every((e) => e.source?.component === 'node-controller' && e.type === 'Normal'));
});

test('a node whose kubelet stops turns Unknown exactly at the 50 s grace period, and is tainted', () => {
  const c = makeCluster({ nodes: 3 });
  c.runTo(s(100)); // the lease renewal at t = 100 s is the last one
  c.kubelets.stop('node-2');

  c.runTo(s(150) - 1);
  assert.equal(conditionsOf(c, 'node-2').Ready.status, 'True');
  assert.deepEqual(taintsOf(c, 'node-2'), []);

  // Last heartbeat at 100 s, grace 50 s, and 150 s falls on a monitor tick: Unknown at exactly 150 s.
  c.runTo(s(150));
  const conditions = conditionsOf(c, 'node-2');
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    assert.equal(conditions[type].status, 'Unknown', type);
    assert.equal(conditions[type].reason, 'NodeStatusUnknown');
    assert.equal(conditions[type].message, 'Kubelet stopped posting node status.');
    assert.equal(conditions[type].lastTransitionTime, '2026-01-01T00:02:30Z');
    // The heartbeat time is what the kubelet last wrote; the controller never touches it.
    assert.equal(conditions[type].lastHeartbeatTime, '2026-01-01T00:00:00Z');
  }
  assert.deepEqual(taintsOf(c, 'node-2'), [
    'node.kubernetes.io/unreachable:NoExecute@2026-01-01T00:02:30Z',
    'node.kubernetes.io/unreachable:NoSchedule@2026-01-01T00:02:30Z',
  ]);
  assert.equal(conditionsOf(c, 'node-1').Ready.status, 'True');
  assert.equal(conditionsOf(c, 'node-3').Ready.status, 'True');

  const notReady = c.events('NodeNotReady').filter((e) => e.involvedObject.kind === 'Node');
  assert.deepEqual(notReady.map((e) => [e.type, e.message, e.source?.component]), [
    ['Normal', 'Node node-2 status is now: NodeNotReady', 'node-controller'],
  ]);

  // While it waited, the controller said so every 10 s, with the numbers.
  const about2 = c.decisionsOf('node-controller').filter((d) => d.object.name === 'node-2');
  const waits = about2.filter((d) => d.action === 'wait');
  assert.deepEqual(
    waits.map((d) => [d.time, d.reason]),
    [
      [s(120), 'no heartbeat for 20s; waiting until 50s grace period (at 00:02:30) before marking it Unknown'],
      [s(130), 'no heartbeat for 30s; waiting until 50s grace period (at 00:02:30) before marking it Unknown'],
      [s(140), 'no heartbeat for 40s; waiting until 50s grace period (at 00:02:30) before marking it Unknown'],
    ],
  );
  const marked = about2.find((d) => d.action === 'set Ready, MemoryPressure, DiskPressure, PIDPressure to Unknown');
  assert.ok(marked);
  assert.equal(marked.time, s(150));
  assert.equal(
    marked.reason,
    'no heartbeat for 50s (last at 00:01:40), longer than the 50s node-monitor-grace-period: Kubelet stopped posting node status.',
  );
  assert.ok(about2.some((d) => d.action === 'add taint node.kubernetes.io/unreachable:NoExecute' && d.time === s(150)));
  // Healthy nodes produce no waiting noise.
  assert.equal(c.decisionsOf('node-controller').filter((d) => d.object.name === 'node-1' && d.action === 'wait').length, 0);
});

test('a heartbeat between monitor ticks moves the Unknown mark to the next 5 s tick', () => {
  // Leases renewed at 13 s, 23 s, ...: the last one before the stop is at 103 s. 103 + 50 = 153 s is
  // not a monitor tick; the controller looks at 150 s (47 s of silence, still within grace) and again at
  // 155 s, which is when the node turns Unknown.
  const c = makeCluster({ nodes: 3, kubeletOffsetMs: 3_000 });
  c.runTo(s(105));
  c.kubelets.stop('node-2');
  c.runTo(s(155) - 1);
  assert.equal(conditionsOf(c, 'node-2').Ready.status, 'True');
  c.runTo(s(155));
  assert.equal(conditionsOf(c, 'node-2').Ready.status, 'Unknown');
  assert.equal(conditionsOf(c, 'node-2').Ready.lastTransitionTime, '2026-01-01T00:02:35Z');
  const waits = c.decisionsOf('node-controller').filter((d) => d.object.name === 'node-2' && d.action === 'wait');
  assert.deepEqual(
    waits.map((d) => d.time),
    [s(125), s(135), s(145)],
  );
  assert.match(waits[0].reason, /^no heartbeat for 22s; waiting until 50s grace period \(at 00:02:35\)/);
});

test('pods on the dead node: untolerated go at once, 300 s tolerations at grace + 300 s, forever stays', () => {
  const c = makeCluster({ nodes: 3 });
  const rs = { kind: 'ReplicaSet', name: 'web-7c5d' };
  c.store.create(runningPod('web-tolerant', 'node-2', { tolerations: DEFAULT_TOLERATIONS, owner: rs }), { trusted: true });
  c.store.create(runningPod('web-bare', 'node-2', { owner: rs }), { trusted: true });
  c.store.create(
    runningPod('agent', 'node-2', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] }),
    { trusted: true },
  );
  c.store.create(runningPod('web-elsewhere', 'node-1', { owner: rs }), { trusted: true });
  c.runTo(s(100));
  c.kubelets.stop('node-2');

  c.runTo(s(150) - 1);
  assert.equal(c.pod('web-bare')!.metadata.deletionTimestamp, undefined);

  c.runTo(s(150));
  // Not tolerated: deleted at once, gracefully (it stays Terminating: no kubelet will confirm).
  const bare = c.pod('web-bare')!;
  assert.equal(bare.metadata.deletionTimestamp, '2026-01-01T00:03:00Z');
  const disruption = bare.status!.conditions!.find((x) => x.type === 'DisruptionTarget')!;
  assert.deepEqual(
    [disruption.status, disruption.reason, disruption.message],
    ['True', 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint'],
  );
  const evictions = c.events('TaintManagerEviction');
  assert.deepEqual(evictions.map((e) => [e.type, e.message, e.source?.component]), [
    ['Normal', 'Marking for deletion Pod default/web-bare', 'taint-eviction-controller'],
  ]);
  // Every pod on the node is marked not Ready (endpoints drop them).
  for (const name of ['web-tolerant', 'agent']) {
    assert.equal(c.pod(name)!.status!.conditions!.find((x) => x.type === 'Ready')!.status, 'False', name);
  }
  assert.equal(c.pod('web-elsewhere')!.status!.conditions!.find((x) => x.type === 'Ready')!.status, 'True');
  const podNotReady = c.events('NodeNotReady').filter((e) => e.involvedObject.kind === 'Pod');
  assert.deepEqual(new Set(podNotReady.map((e) => `${e.type} ${e.involvedObject.name}: ${e.message}`)), new Set([
    'Warning web-tolerant: Node is not ready',
    'Warning web-bare: Node is not ready',
    'Warning agent: Node is not ready',
  ]));

  // Tolerated for 300 s from 150 s: deleted at 450 s, not a millisecond earlier.
  assert.equal(c.taintEviction.scheduledEvictionAt('default', 'web-tolerant'), s(450));
  c.runTo(s(450) - 1);
  assert.equal(c.pod('web-tolerant')!.metadata.deletionTimestamp, undefined);
  c.runTo(s(450));
  const tolerant = c.pod('web-tolerant')!;
  assert.equal(tolerant.metadata.deletionTimestamp, '2026-01-01T00:08:00Z');
  assert.equal(tolerant.status!.conditions!.find((x) => x.type === 'DisruptionTarget')!.reason, 'DeletionByTaintManager');
  const decisions = c.decisionsOf('taint-eviction-controller');
  const evicted = decisions.find((d) => d.object.name === 'web-tolerant' && d.action.startsWith('evict'))!;
  assert.equal(evicted.time, s(450));
  assert.equal(evicted.action, 'evict default/web-tolerant from node-2');
  assert.equal(evicted.reason, 'taint node.kubernetes.io/unreachable:NoExecute tolerated for 300s, since 00:02:30 → now');
  const planned = decisions.find((d) => d.object.name === 'web-tolerant' && d.action === 'wait')!;
  assert.equal(planned.time, s(150));
  assert.equal(
    planned.reason,
    'taint node.kubernetes.io/unreachable:NoExecute tolerated for 300s, since 00:02:30: will be deleted at 00:07:30 unless the taint is removed first',
  );
  const bareDecision = decisions.find((d) => d.object.name === 'web-bare')!;
  assert.equal(bareDecision.reason, 'taint node.kubernetes.io/unreachable:NoExecute is not tolerated');

  // A toleration without tolerationSeconds keeps the pod there for good.
  c.runTo(s(2000));
  assert.equal(c.pod('agent')!.metadata.deletionTimestamp, undefined);
  assert.ok(decisions.some((d) => d.object.name === 'agent' && d.action === 'keep'));
  assert.equal(c.pod('web-elsewhere')!.metadata.deletionTimestamp, undefined);
});

test('the node coming back before the tolerations run out cancels the evictions and lifts the taints', () => {
  const c = makeCluster({ nodes: 3 });
  c.store.create(runningPod('web-tolerant', 'node-2', { tolerations: DEFAULT_TOLERATIONS, owner: { kind: 'ReplicaSet', name: 'web' } }), { trusted: true });
  c.runTo(s(100));
  c.kubelets.stop('node-2');
  c.runTo(s(200));
  assert.equal(c.taintEviction.scheduledEvictionAt('default', 'web-tolerant'), s(450));
  c.kubelets.resume('node-2');
  c.settle();
  assert.equal(conditionsOf(c, 'node-2').Ready.status, 'True');
  assert.deepEqual(taintsOf(c, 'node-2'), []);
  assert.deepEqual(c.events('TaintManagerEviction').map((e) => e.message), ['Cancelling deletion of Pod default/web-tolerant']);
  const cancel = c.decisionsOf('taint-eviction-controller').find((d) => d.action === 'cancel eviction')!;
  assert.equal(cancel.reason, 'node-2 has no NoExecute taint any more; the deletion planned for 00:07:30 is off');
  c.runTo(s(600));
  assert.equal(c.pod('web-tolerant')!.metadata.deletionTimestamp, undefined);
  assert.equal(conditionsOf(c, 'node-2').Ready.status, 'True', 'the renewed lease keeps it healthy');
});

test('two nodes dying together in one zone are tainted 10 s apart (node-eviction-rate 0.1/s)', () => {
  const c = makeCluster({ nodes: 5 });
  c.runTo(s(100));
  c.kubelets.stop('node-2');
  c.kubelets.stop('node-3');
  c.runTo(s(150));
  assert.equal(conditionsOf(c, 'node-2').Ready.status, 'Unknown');
  assert.equal(conditionsOf(c, 'node-3').Ready.status, 'Unknown');
  assert.deepEqual(taintsOf(c, 'node-2'), [
    'node.kubernetes.io/unreachable:NoExecute@2026-01-01T00:02:30Z',
    'node.kubernetes.io/unreachable:NoSchedule@2026-01-01T00:02:30Z',
  ]);
  assert.deepEqual(taintsOf(c, 'node-3'), ['node.kubernetes.io/unreachable:NoSchedule@2026-01-01T00:02:30Z']);
  const wait = c.decisionsOf('node-controller').find((d) => d.object.name === 'node-3' && d.action.startsWith('wait before'))!;
  assert.equal(wait.action, 'wait before adding taint node.kubernetes.io/unreachable:NoExecute');
  assert.equal(wait.reason, 'the cluster (no zone labels) allows one NoExecute taint every 10s (node-eviction-rate 0.1/s); next in 10s');
  c.runTo(s(160) - 1);
  assert.equal(taintsOf(c, 'node-3').length, 1);
  c.runTo(s(160));
  assert.deepEqual(taintsOf(c, 'node-3'), [
    'node.kubernetes.io/unreachable:NoExecute@2026-01-01T00:02:40Z',
    'node.kubernetes.io/unreachable:NoSchedule@2026-01-01T00:02:30Z',
  ]);
});

test('when every node is NotReady nothing gets a NoExecute taint, until one comes back', () => {
  const c = makeCluster({ nodes: 2 });
  c.store.create(runningPod('web-bare', 'node-2', { owner: { kind: 'ReplicaSet', name: 'web' } }), { trusted: true });
  c.runTo(s(100));
  c.kubelets.stop('node-1');
  c.kubelets.stop('node-2');
  c.runTo(s(200));
  for (const name of ['node-1', 'node-2']) {
    assert.equal(conditionsOf(c, name).Ready.status, 'Unknown');
    assert.deepEqual(taintsOf(c, name), ['node.kubernetes.io/unreachable:NoSchedule@2026-01-01T00:02:30Z'], name);
  }
  assert.equal(c.pod('web-bare')!.metadata.deletionTimestamp, undefined);
  const refused = c.decisionsOf('node-controller').find((d) => d.object.name === 'node-2' && d.action === 'do not add a NoExecute taint')!;
  assert.match(refused.reason, /^every node of every zone is NotReady \(2 of 2 in the cluster \(no zone labels\)\)/);

  // node-1 is back: the cluster is no longer fully disrupted, so node-2 is tainted and its pod evicted.
  c.kubelets.resume('node-1');
  c.settle();
  assert.deepEqual(taintsOf(c, 'node-2'), [
    'node.kubernetes.io/unreachable:NoExecute@2026-01-01T00:03:20Z',
    'node.kubernetes.io/unreachable:NoSchedule@2026-01-01T00:02:30Z',
  ]);
  assert.equal(c.pod('web-bare')!.metadata.deletionTimestamp, '2026-01-01T00:03:50Z');
});

test('a node whose kubelet never posted status becomes Unknown after the 60 s startup grace period', () => {
  const c = makeCluster({ nodes: 1 });
  c.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare-metal-7' } }, { trusted: true });
  c.settle();
  c.runTo(s(60) - 1);
  assert.equal(c.node('bare-metal-7').status?.conditions, undefined);
  c.runTo(s(60));
  const conditions = conditionsOf(c, 'bare-metal-7');
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    assert.deepEqual(
      [conditions[type].status, conditions[type].reason, conditions[type].message],
      ['Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.'],
    );
  }
  // It was never Ready, so there is no NodeNotReady transition to report.
  assert.equal(c.events('NodeNotReady').length, 0);
  const waits = c.decisionsOf('node-controller').filter((d) => d.object.name === 'bare-metal-7' && d.action === 'wait');
  assert.deepEqual(waits.map((d) => d.time), [s(20), s(30), s(40), s(50)]);
  assert.match(waits[0].reason, /waiting until 60s grace period \(at 00:01:00\)/);
});

test('cordon taints the node unschedulable and uncordon lifts it; running pods stay', () => {
  const c = makeCluster({ nodes: 2 });
  c.store.create(runningPod('web-0', 'node-1', { owner: { kind: 'ReplicaSet', name: 'web' } }), { trusted: true });
  assert.deepEqual(cordon(c.store, 'node-1'), { ok: true, stdout: ['node/node-1 cordoned'], stderr: [] });
  c.settle();
  assert.equal(c.node('node-1').spec!.unschedulable, true);
  assert.deepEqual(taintsOf(c, 'node-1'), ['node.kubernetes.io/unschedulable:NoSchedule@2026-01-01T00:00:00Z']);
  const added = c.decisionsOf('node-controller').find((d) => d.action === 'add taint node.kubernetes.io/unschedulable:NoSchedule')!;
  assert.equal(added.reason, 'spec.unschedulable is true (cordoned)');
  assert.deepEqual(cordon(c.store, 'node-1').stdout, ['node/node-1 already cordoned']);

  c.runTo(s(30));
  assert.deepEqual(uncordon(c.store, 'node-1').stdout, ['node/node-1 uncordoned']);
  c.settle();
  assert.equal(c.node('node-1').spec!.unschedulable, undefined);
  assert.deepEqual(taintsOf(c, 'node-1'), []);
  const removed = c.decisionsOf('node-controller').find((d) => d.action === 'remove taint node.kubernetes.io/unschedulable:NoSchedule')!;
  assert.equal(removed.reason, 'spec.unschedulable is false (uncordoned)');
  assert.deepEqual(uncordon(c.store, 'node-1').stdout, ['node/node-1 already uncordoned']);
  assert.equal(c.pod('web-0')!.metadata.deletionTimestamp, undefined);
  assert.throws(() => cordon(c.store, 'node-9'), /nodes "node-9" not found/);
});

test('conditions the kubelet reports become taints: not-ready, memory-pressure, then unreachable when it goes silent', () => {
  const c = makeCluster({ nodes: 3 });
  c.runTo(s(30));
  c.store.modify<Node>('Node', undefined, 'node-2', (n) => {
    for (const cond of n.status!.conditions!) {
      cond.lastHeartbeatTime = c.clock.iso();
      if (cond.type === 'Ready') Object.assign(cond, { status: 'False', reason: 'KubeletNotReady', message: 'PLEG is not healthy: pleg was last seen active 3m0s ago', lastTransitionTime: c.clock.iso() });
      if (cond.type === 'MemoryPressure') Object.assign(cond, { status: 'True', reason: 'KubeletHasInsufficientMemory', lastTransitionTime: c.clock.iso() });
    }
  }, { subresource: 'status' });
  c.settle();
  assert.deepEqual(taintsOf(c, 'node-2'), [
    'node.kubernetes.io/memory-pressure:NoSchedule@2026-01-01T00:00:30Z',
    'node.kubernetes.io/not-ready:NoExecute@2026-01-01T00:00:30Z',
    'node.kubernetes.io/not-ready:NoSchedule@2026-01-01T00:00:30Z',
  ]);
  // The kubelet itself reported NotReady: the controller has no transition of its own to announce.
  assert.equal(c.events('NodeNotReady').length, 0);

  // Now the kubelet falls silent too: last lease renewal at 100 s, Unknown at 150 s, and the NoExecute
  // taint is swapped for unreachable at once (a swap is not rate limited).
  c.runTo(s(100));
  c.kubelets.stop('node-2');
  c.runTo(s(150));
  assert.equal(conditionsOf(c, 'node-2').Ready.status, 'Unknown');
  assert.equal(conditionsOf(c, 'node-2').MemoryPressure.status, 'Unknown');
  assert.deepEqual(taintsOf(c, 'node-2'), [
    'node.kubernetes.io/unreachable:NoExecute@2026-01-01T00:02:30Z',
    'node.kubernetes.io/unreachable:NoSchedule@2026-01-01T00:02:30Z',
  ]);
  const swap = c.decisionsOf('node-controller').find((d) => d.action.startsWith('swap taint'))!;
  assert.equal(swap.action, 'swap taint node.kubernetes.io/not-ready:NoExecute for node.kubernetes.io/unreachable:NoExecute');
});
