import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../src/api/types.js';
import { drain } from '../../src/sim/nodeOperations.js';
import { agentDaemonSet } from '../helpers/agentDaemonSet.js';
import { makeCluster, runningPod, s } from './harness.js';

const rs = { kind: 'ReplicaSet', name: 'web-7c5d' };

function clusterWithMixedPods() {
  const c = makeCluster({ nodes: 2 });
  const ds = c.store.create(agentDaemonSet(), { trusted: true });
  const create = (pod: Pod) => c.store.create(pod, { trusted: true });
  create(runningPod('web-1', 'node-2', { owner: rs }));
  create(runningPod('ds-agent', 'node-2', { owner: { kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid } }));
  create(runningPod('bare', 'node-2'));
  create(runningPod('cache', 'node-2', { owner: rs, volumes: [{ name: 'scratch', emptyDir: {} }] }));
  create(
    runningPod('kube-apiserver-node-2', 'node-2', {
      namespace: 'kube-system',
      owner: { kind: 'Node', name: 'node-2' },
      annotations: { 'kubernetes.io/config.mirror': 'abc123' },
    }),
  );
  create(runningPod('web-2', 'node-1', { owner: rs }));
  c.settle();
  return c;
}

test('drain refuses, with kubectl’s messages, pods it may not delete without a flag', () => {
  const c = clusterWithMixedPods();
  const result = drain(c.store, 'node-2');
  assert.equal(result.ok, false);
  assert.deepEqual(result.stdout, ['node/node-2 cordoned']);
  const aggregate =
    '[cannot delete Pods declare no controller (use --force to override): default/bare, ' +
    'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache, ' +
    'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/ds-agent]';
  assert.deepEqual(result.stderr, [
    `error: unable to drain node "node-2" due to error: ${aggregate}, continuing command...`,
    'There are pending nodes to be drained:',
    ' node-2',
    aggregate,
  ]);
  assert.deepEqual(result.evicted, []);
  // The node stays cordoned, and nothing was evicted.
  assert.equal(c.node('node-2').spec!.unschedulable, true);
  assert.equal(c.pod('web-1')!.metadata.deletionTimestamp, undefined);
});

test('a single bare pod: the one-error form of the message', () => {
  const c = makeCluster({ nodes: 2 });
  c.store.create(runningPod('pod-x', 'node-2'), { trusted: true });
  const result = drain(c.store, 'node-2');
  assert.equal(result.ok, false);
  assert.deepEqual(result.stderr, [
    'error: unable to drain node "node-2" due to error: cannot delete Pods declare no controller (use --force to override): default/pod-x, continuing command...',
    'There are pending nodes to be drained:',
    ' node-2',
    'cannot delete Pods declare no controller (use --force to override): default/pod-x',
  ]);
});

test('drain with the flags cordons, evicts through the Eviction API and skips DaemonSet and mirror pods', () => {
  const c = clusterWithMixedPods();
  c.runTo(s(10));
  const result = drain(c.store, 'node-2', { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true });
  assert.equal(result.ok, true);
  assert.deepEqual(result.stdout, [
    'node/node-2 cordoned',
    'evicting pod default/bare',
    'evicting pod default/cache',
    'evicting pod default/web-1',
    'pod/bare evicted',
    'pod/cache evicted',
    'pod/web-1 evicted',
    'node/node-2 drained',
  ]);
  // kubectl's emptyDir warning is overwritten by the controller check after it; these two remain.
  assert.deepEqual(result.stderr, [
    'Warning: deleting Pods that declare no controller: default/bare; ignoring DaemonSet-managed Pods: default/ds-agent',
  ]);
  assert.deepEqual(result.evicted, ['default/bare', 'default/cache', 'default/web-1']);
  // No kubelet in this harness: the evicted pods are still terminating.
  assert.deepEqual(result.terminating, ['default/bare', 'default/cache', 'default/web-1']);
  for (const name of ['bare', 'cache', 'web-1']) {
    const pod = c.pod(name)!;
    assert.equal(pod.metadata.deletionTimestamp, '2026-01-01T00:00:40Z', name);
    const condition = pod.status!.conditions!.find((x) => x.type === 'DisruptionTarget')!;
    assert.deepEqual([condition.status, condition.reason, condition.message], ['True', 'EvictionByEvictionAPI', 'Eviction API: evicting']);
  }
  assert.equal(c.pod('ds-agent')!.metadata.deletionTimestamp, undefined);
  assert.equal(c.pod('kube-apiserver-node-2', 'kube-system')!.metadata.deletionTimestamp, undefined);
  assert.equal(c.pod('web-2')!.metadata.deletionTimestamp, undefined);
  c.settle();
  assert.ok((c.node('node-2').spec!.taints ?? []).some((t) => t.key === 'node.kubernetes.io/unschedulable' && t.effect === 'NoSchedule'));
});

test('--grace-period overrides the pods’ own, and finished pods need no flag and go at once', () => {
  const c = makeCluster({ nodes: 2 });
  c.store.create(runningPod('web-1', 'node-2', { owner: rs }), { trusted: true });
  c.store.create(runningPod('done', 'node-2', { phase: 'Succeeded' }), { trusted: true });
  const result = drain(c.store, 'node-2', { gracePeriodSeconds: 5 });
  assert.equal(result.ok, true, result.stderr.join('\n'));
  assert.deepEqual(result.stderr, []);
  assert.equal(c.pod('web-1')!.metadata.deletionTimestamp, '2026-01-01T00:00:05Z');
  assert.equal(c.pod('done'), undefined);
  assert.deepEqual(result.terminating, ['default/web-1']);
});

test('a DaemonSet pod whose DaemonSet is gone is an error, or evicted with --force', () => {
  const c = makeCluster({ nodes: 2 });
  c.store.create(runningPod('orphan-agent', 'node-2', { owner: { kind: 'DaemonSet', name: 'gone' } }), { trusted: true });
  assert.equal(drain(c.store, 'node-2').stderr.at(-1), 'cannot delete daemonsets.apps "gone" not found: default/orphan-agent');
  const forced = drain(c.store, 'node-2', { force: true });
  assert.equal(forced.ok, true);
  // As in kubectl, the later filters' verdict (it has a controller) replaces that warning.
  assert.deepEqual(forced.stderr, []);
  assert.deepEqual(forced.stdout, ['node/node-2 already cordoned', 'evicting pod default/orphan-agent', 'pod/orphan-agent evicted', 'node/node-2 drained']);
});
