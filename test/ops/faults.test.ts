import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestPaths } from '../../src/manifests/load.js';
import { crashPod, isNodeDown, nodeDown, nodeUp, toggleNode } from '../../src/ops/faults.js';

function webCluster(): Cluster {
  const c = new Cluster({ seed: 1 });
  applyManifests(c.store, loadManifestPaths(['fixtures/manifests/web']).manifests);
  c.advance(60_000);
  return c;
}

const readyOf = (c: Cluster, node: string) => c.store.get<Node>('Node', undefined, node)?.status?.conditions?.find((x) => x.type === 'Ready');

test('a node taken down goes Unknown after the 50s grace period; brought back, it is Ready again', () => {
  const c = webCluster();
  assert.equal(
    nodeDown(c, 'node-2'),
    'node-2 is down: its kubelet stopped posting status; the node controller marks it Unknown after 50s and evicts its pods after their 300s tolerations',
  );
  assert.equal(isNodeDown(c, 'node-2'), true);
  assert.equal(nodeDown(c, 'node-2'), 'node-2 is already down');
  c.advance(30_000);
  assert.equal(readyOf(c, 'node-2')?.status, 'True', 'nothing happens within the grace period');
  c.advance(40_000);
  assert.equal(readyOf(c, 'node-2')?.status, 'Unknown');
  assert.equal(readyOf(c, 'node-2')?.reason, 'NodeStatusUnknown');

  assert.match(nodeUp(c, 'node-2'), /^node-2 is back: its kubelet posts status again/);
  c.advance(20_000);
  assert.equal(readyOf(c, 'node-2')?.status, 'True');
  assert.match(toggleNode(c, 'node-2'), /^node-2 is down/);
  assert.match(toggleNode(c, 'node-2'), /^node-2 is back/);
  assert.throws(() => nodeDown(c, 'node-9'), /nodes "node-9" not found/);
});

test('a crashed pod’s first container exits with code 1 and is restarted by its kubelet', () => {
  const c = webCluster();
  const pod = c.store.list<Pod>('Pod', { namespace: 'default' })[0];
  const name = pod.metadata.name!;
  assert.equal(crashPod(c, 'default', name), `pod/${name}: container web crashed (exit code 1); restartPolicy Always: the kubelet restarts it, with back-off if it keeps failing`);
  c.advance(5_000);
  const after = c.store.get<Pod>('Pod', 'default', name)!;
  const status = after.status?.containerStatuses?.[0];
  assert.equal(status?.restartCount, 1);
  assert.equal(status?.lastState?.terminated?.exitCode, 1);
  assert.equal(status?.lastState?.terminated?.reason, 'Error');
  assert.ok(c.decisions.query({ object: { kind: 'Pod', namespace: 'default', name } }).some((d) => d.action === 'container web crashed'));
  assert.throws(() => crashPod(c, 'default', 'nope'), /pods "nope" not found/);
});

test('a pod on a node that is down cannot be crashed', () => {
  const c = webCluster();
  const pod = c.store.list<Pod>('Pod', { namespace: 'default' })[0];
  nodeDown(c, pod.spec!.nodeName!);
  assert.throws(() => crashPod(c, 'default', pod.metadata.name!), new RegExp(`the kubelet of ${pod.spec!.nodeName} is down`));
});
