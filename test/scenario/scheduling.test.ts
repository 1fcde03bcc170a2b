import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../src/api/types.js';
import { eventsFor, live, playShipped, pods, runTo } from './helpers.js';

test('scheduling: tolerations, node and pod affinity, topology spread, the FailedScheduling message, preemption', () => {
  const { cluster, runner } = playShipped('scheduling');
  runTo(cluster, 59);
  const nodeOf = (name: string) => cluster.store.get<Pod>('Pod', 'default', name)?.spec?.nodeName;
  const nodesOf = (prefix: string) => live(pods(cluster, 'default', prefix)).map((p) => p.spec?.nodeName).sort();

  assert.equal(nodeOf('gpu-job'), 'node-3', 'the toleration and the nodeSelector put it on the tainted GPU node');
  assert.deepEqual(nodesOf('ssd-app-'), ['node-1'], 'node affinity disktype=ssd');
  assert.deepEqual(nodesOf('cache-'), ['node-1'], 'pod affinity to ssd-app');
  assert.deepEqual(nodesOf('spread-'), ['node-1', 'node-1', 'node-2', 'node-2'], 'two per schedulable zone');

  const tooBig = cluster.store.get<Pod>('Pod', 'default', 'too-big')!;
  assert.equal(tooBig.spec?.nodeName, undefined);
  const failed = eventsFor(cluster, tooBig, 'FailedScheduling');
  assert.equal(failed.length, 1);
  assert.equal(failed[0].type, 'Warning');
  assert.equal(
    failed[0].message,
    '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
  );
  const unschedulable = tooBig.status?.conditions?.find((c) => c.type === 'PodScheduled');
  assert.equal(unschedulable?.status, 'False');
  assert.equal(unschedulable?.reason, 'Unschedulable');

  // 1m: batch takes 1.2 CPU on node-1 and node-2.
  runTo(cluster, 119);
  const batchBefore = live(pods(cluster, 'default', 'batch-'));
  assert.deepEqual(batchBefore.map((p) => p.spec?.nodeName).sort(), ['node-1', 'node-2']);
  assert.ok(batchBefore.every((p) => p.spec?.priority === 100));

  // 2m: urgent preempts one batch pod and runs where it was.
  runTo(cluster, 200);
  const urgent = cluster.store.get<Pod>('Pod', 'default', 'urgent')!;
  assert.equal(urgent.spec?.priority, 100000);
  assert.equal(urgent.status?.phase, 'Running');
  const victims = batchBefore.filter((p) => !cluster.store.get('Pod', 'default', p.metadata.name!) || cluster.store.get('Pod', 'default', p.metadata.name!)?.metadata.uid !== p.metadata.uid);
  assert.equal(victims.length, 1, 'exactly one batch pod was preempted');
  assert.equal(urgent.spec?.nodeName, victims[0].spec?.nodeName, 'urgent runs where its victim was');
  const preempted = eventsFor(cluster, victims[0], 'Preempted');
  assert.equal(preempted.length, 1);
  assert.match(preempted[0].message ?? '', /^Preempted by pod [0-9a-f-]+ on node node-[12]$/);
  // The batch pod's replacement now waits.
  const waiting = live(pods(cluster, 'default', 'batch-')).filter((p) => !p.spec?.nodeName);
  assert.equal(waiting.length, 1);
  assert.match(eventsFor(cluster, waiting[0], 'FailedScheduling')[0]?.message ?? '', /^0\/3 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 2 Insufficient cpu\. preemption: /);
  assert.ok(runner.finished);
});
