// PodGC runs on 20 s ticks counted from its start (t = 0 here), as kube-controller-manager's
// gcCheckPeriod does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import type { Node, Pod } from '../../src/api/types.js';
import { DEFAULT_TOLERATIONS, makeCluster, runningPod, s } from './harness.js';

const rs = { kind: 'ReplicaSet', name: 'web-7c5d' };

test('pods on a deleted node are failed and force-deleted after the 40 s quarantine', () => {
  const c = makeCluster({ nodes: 3 });
  c.store.create(runningPod('web-a', 'node-3', { owner: rs }), { trusted: true });
  c.store.create(runningPod('web-b', 'node-3', { owner: rs }), { trusted: true });
  c.store.create(runningPod('web-c', 'node-1', { owner: rs }), { trusted: true });
  const seen: Array<[string, string, string | undefined, string | undefined]> = [];
  c.store.watch({ kind: 'Pod' }, (e) => {
    const pod = e.object as Pod;
    const disruption = pod.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
    seen.push([e.type, pod.metadata.name!, pod.status?.phase, disruption ? `${disruption.reason}: ${disruption.message}` : undefined]);
  });

  c.runTo(s(30));
  c.kubelets.stop('node-3');
  c.store.delete('Node', undefined, 'node-3');
  c.settle();
  assert.deepEqual(c.events('RemovingNode').map((e) => e.message), ['Node node-3 event: Removing Node node-3 from Controller']);

  // Missing since the gc pass at 40 s; quarantine ends at 80 s.
  c.runTo(s(80) - 1);
  assert.ok(c.pod('web-a') && c.pod('web-b'));
  c.runTo(s(80));
  assert.equal(c.pod('web-a'), undefined);
  assert.equal(c.pod('web-b'), undefined);
  assert.ok(c.pod('web-c'));
  assert.deepEqual(seen, [
    ['MODIFIED', 'web-a', 'Failed', 'DeletionByPodGC: PodGC: node no longer exists'],
    ['DELETED', 'web-a', 'Failed', 'DeletionByPodGC: PodGC: node no longer exists'],
    ['MODIFIED', 'web-b', 'Failed', 'DeletionByPodGC: PodGC: node no longer exists'],
    ['DELETED', 'web-b', 'Failed', 'DeletionByPodGC: PodGC: node no longer exists'],
  ]);
  const decision = c.decisionsOf('pod-garbage-collector').at(-1)!;
  assert.equal(decision.action, 'force-delete 2 orphaned pods');
  assert.equal(
    decision.reason,
    'node node-3 no longer exists (missing since the gc pass at 00:00:40, 40s quarantine over): default/web-a, default/web-b',
  );
});

test('a node re-created during the quarantine keeps its pods', () => {
  const c = makeCluster({ nodes: 2 });
  c.store.create(runningPod('web-a', 'node-2', { owner: rs }), { trusted: true });
  c.runTo(s(30));
  const node = c.node('node-2');
  c.store.delete('Node', undefined, 'node-2');
  c.runTo(s(50));
  c.store.create({ ...node, metadata: { name: 'node-2', labels: node.metadata.labels } } as Node, { trusted: true });
  c.runTo(s(200));
  assert.ok(c.pod('web-a'));
  assert.equal(c.decisionsOf('pod-garbage-collector').length, 0);
});

test('a pod bound to a node that never existed is collected after the quarantine too', () => {
  const c = makeCluster({ nodes: 1 });
  c.runTo(s(5));
  c.store.create(runningPod('lost', 'node-ghost', { owner: rs }), { trusted: true });
  c.runTo(s(60) - 1);
  assert.ok(c.pod('lost'));
  c.runTo(s(60));
  assert.equal(c.pod('lost'), undefined);
});

test('terminating pods on a NotReady node tainted out-of-service are force-deleted', () => {
  const c = makeCluster({ nodes: 3 });
  c.store.create(runningPod('stuck', 'node-2', { owner: rs, tolerations: DEFAULT_TOLERATIONS }), { trusted: true });
  c.store.create(runningPod('other', 'node-2', { owner: rs, tolerations: DEFAULT_TOLERATIONS }), { trusted: true });
  c.runTo(s(100));
  c.kubelets.stop('node-2');
  c.runTo(s(160));
  c.store.delete('Pod', 'default', 'stuck');
  c.runTo(s(190));
  // No kubelet to confirm: it stays Terminating.
  assert.ok(c.pod('stuck')!.metadata.deletionTimestamp);

  // The administrator declares the machine gone for good (at a gc tick: 200 s).
  c.runTo(s(200));
  c.store.modify<Node>('Node', undefined, 'node-2', (n) => {
    n.spec!.taints!.push({ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute', timeAdded: c.clock.iso() });
  });
  c.runTo(s(200));
  assert.equal(c.pod('stuck'), undefined);
  // `other` does not tolerate out-of-service: the taint manager deletes it, PodGC finishes it off.
  assert.equal(c.pod('other'), undefined);
  const decision = c.decisionsOf('pod-garbage-collector').at(-1)!;
  assert.match(decision.action, /^force-delete \d terminating pods?$/);
  assert.match(decision.reason, /^node-2 is NotReady and tainted node\.kubernetes\.io\/out-of-service: no kubelet will confirm these deletions/);
});

test('terminated pods beyond the threshold go, evicted ones first, then the oldest', () => {
  const c = makeCluster({ nodes: 1 });
  c.podGC.terminatedPodThreshold = 3;
  for (let i = 1; i <= 5; i++) {
    c.runTo(s(i));
    c.store.create(runningPod(`job-${i}`, 'node-1', { phase: 'Succeeded' }), { trusted: true });
  }
  c.runTo(s(6));
  c.store.create(runningPod('evicted-x', 'node-1', { phase: 'Failed', reason: 'Evicted' }), { trusted: true });
  c.store.create(runningPod('running', 'node-1', { owner: rs }), { trusted: true });
  c.runTo(s(20) - 1);
  assert.equal(c.store.list<KObject>('Pod').length, 7);
  c.runTo(s(20));
  assert.deepEqual(c.store.list<Pod>('Pod').map((p) => p.metadata.name).sort(), ['job-3', 'job-4', 'job-5', 'running']);
  const decision = c.decisionsOf('pod-garbage-collector').at(-1)!;
  assert.equal(decision.action, 'delete 3 terminated pods');
  assert.equal(
    decision.reason,
    '6 Succeeded/Failed pods exceed the terminated-pod-gc-threshold of 3; evicted pods first, then the oldest: default/evicted-x, default/job-1, default/job-2',
  );
});
