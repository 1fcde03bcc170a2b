import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cordonNode, drainNode, DrainRefused, uncordonNode } from '../../src/ops/nodes.js';
import { agentDaemonSet } from '../helpers/agentDaemonSet.js';
import { makeCluster, runningPod } from '../nodes/harness.js';

const rs = { kind: 'ReplicaSet', name: 'web-7c5d' };

test('cordon and uncordon print kubectl’s line', () => {
  const c = makeCluster({ nodes: 2 });
  assert.equal(cordonNode(c.store, 'node-2'), 'node/node-2 cordoned');
  assert.equal(c.node('node-2').spec?.unschedulable, true);
  assert.equal(cordonNode(c.store, 'node-2'), 'node/node-2 already cordoned');
  assert.equal(uncordonNode(c.store, 'node-2'), 'node/node-2 uncordoned');
  assert.equal(c.node('node-2').spec?.unschedulable, undefined);
  assert.throws(() => cordonNode(c.store, 'node-9'), /nodes "node-9" not found/);
});

test('the dashboard’s drain skips DaemonSet pods, evicts the rest and sums up on one line', () => {
  const c = makeCluster({ nodes: 2 });
  const ds = c.store.create(agentDaemonSet(), { trusted: true });
  for (const name of ['web-1', 'web-2', 'web-3', 'web-4']) c.store.create(runningPod(name, 'node-2', { owner: rs }), { trusted: true });
  c.store.create(runningPod('cache', 'node-2', { owner: rs, volumes: [{ name: 'scratch', emptyDir: {} }] }), { trusted: true });
  c.store.create(runningPod('ds-agent', 'node-2', { owner: { kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid } }), { trusted: true });
  c.settle();
  assert.equal(
    drainNode(c.store, 'node-2'),
    'node/node-2 cordoned; evicted 5 pods (default/cache, default/web-1, default/web-2, +2 more); 5 still terminating; ' +
      'Warning: ignoring DaemonSet-managed Pods: default/ds-agent; node/node-2 drained',
  );
  assert.ok(c.pod('web-1')?.metadata.deletionTimestamp);
  assert.equal(c.pod('ds-agent')?.metadata.deletionTimestamp, undefined);
});

test('a drain kubectl would refuse (a pod without a controller) is an error naming the pod', () => {
  const c = makeCluster({ nodes: 2 });
  c.store.create(runningPod('bare', 'node-2'), { trusted: true });
  assert.throws(
    () => drainNode(c.store, 'node-2'),
    (e: unknown) => e instanceof DrainRefused && e.message === 'unable to drain node "node-2" due to error: cannot delete Pods declare no controller (use --force to override): default/bare, continuing command...',
  );
  assert.equal(c.pod('bare')?.metadata.deletionTimestamp, undefined);
});
