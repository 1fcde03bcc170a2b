import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from '../../src/api/types.js';
import { eventsFor, live, playShipped, pods, runTo, secondsAt } from './helpers.js';

const DOWN_AT = 120;
const GRACE = 50;
const TOLERATION = 300;

function readyOf(node: Node | undefined): string | undefined {
  return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

test('node-failure: Unknown after the grace period, evictions after the 300s tolerations, replacements elsewhere, the StatefulSet pod waits', () => {
  const { cluster, runner } = playShipped('node-failure');
  runTo(cluster, DOWN_AT - 1);
  const onNode2 = (prefix: string) => live(pods(cluster, 'default', prefix)).filter((p) => p.spec?.nodeName === 'node-2');
  const [web2] = onNode2('web-');
  const [db2] = onNode2('db-');
  const [ds2] = onNode2('node-exporter-');
  assert.ok(web2 && db2 && ds2, 'node-2 runs one pod of each workload');

  // Within the grace period nothing changes.
  runTo(cluster, DOWN_AT + GRACE - 5);
  assert.equal(readyOf(cluster.store.get<Node>('Node', undefined, 'node-2')), 'True');
  runTo(cluster, DOWN_AT + GRACE + 10);
  const node2 = cluster.store.get<Node>('Node', undefined, 'node-2')!;
  assert.equal(readyOf(node2), 'Unknown');
  const unreachable = node2.spec?.taints?.find((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute');
  assert.ok(unreachable?.timeAdded, 'the unreachable NoExecute taint is on the node');
  const taintedAt = secondsAt(cluster, unreachable.timeAdded);
  assert.ok(taintedAt >= DOWN_AT + GRACE && taintedAt <= DOWN_AT + GRACE + 10, `tainted at ${taintedAt}s`);

  // The pods tolerate the taint for 300 s: nothing is evicted before then.
  runTo(cluster, taintedAt + TOLERATION - 1);
  assert.equal(cluster.store.get<Pod>('Pod', 'default', web2.metadata.name!)?.metadata.deletionTimestamp, undefined);
  runTo(cluster, taintedAt + TOLERATION + 30);
  const evicted = cluster.store.get<Pod>('Pod', 'default', web2.metadata.name!)!;
  assert.ok(evicted.metadata.deletionTimestamp, 'the web pod on node-2 is Terminating (its kubelet cannot confirm)');
  assert.equal(eventsFor(cluster, evicted, 'TaintManagerEviction')[0]?.message, `Marking for deletion Pod default/${web2.metadata.name}`);

  // web is replaced at once, on another node.
  const webNow = live(pods(cluster, 'default', 'web-'));
  assert.equal(webNow.length, 3);
  const replacement = webNow.find((p) => secondsAt(cluster, p.metadata.creationTimestamp) > DOWN_AT)!;
  assert.ok(replacement, 'a replacement web pod exists');
  assert.ok(secondsAt(cluster, replacement.metadata.creationTimestamp) >= DOWN_AT + GRACE + TOLERATION, 'created only after grace period + 300 s');
  assert.notEqual(replacement.spec?.nodeName, 'node-2');
  assert.equal(replacement.status?.phase, 'Running');

  // The StatefulSet's pod waits: the old one is Terminating, no second one with its name exists.
  const db = cluster.store.get<Pod>('Pod', 'default', db2.metadata.name!)!;
  assert.ok(db.metadata.deletionTimestamp);
  assert.equal(db.metadata.uid, db2.metadata.uid);
  // The DaemonSet's pod tolerates unreachable forever.
  assert.equal(cluster.store.get<Pod>('Pod', 'default', ds2.metadata.name!)?.metadata.deletionTimestamp, undefined);

  // 12m: node-2 comes back; the deletions finish and db comes back on node-2.
  runTo(cluster, 12 * 60 + 60);
  assert.equal(readyOf(cluster.store.get<Node>('Node', undefined, 'node-2')), 'True');
  assert.equal(cluster.store.get<Node>('Node', undefined, 'node-2')?.spec?.taints?.length ?? 0, 0);
  assert.equal(cluster.store.get('Pod', 'default', web2.metadata.name!), undefined);
  const dbBack = cluster.store.get<Pod>('Pod', 'default', db2.metadata.name!)!;
  assert.notEqual(dbBack.metadata.uid, db2.metadata.uid);
  assert.equal(dbBack.spec?.nodeName, 'node-2');
  assert.equal(dbBack.status?.phase, 'Running');
  assert.ok(runner.finished);
});
