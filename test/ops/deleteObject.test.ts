import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/api/errors.js';
import type { Pod } from '../../src/api/types.js';
import { deleteObject, deleteQuestion } from '../../src/ops/deleteObject.js';
import { withWeb } from './opsHarness.js';

test('deleting a deployment prints kubectl’s line and the collector removes its replica sets and pods (background)', () => {
  const h = withWeb();
  assert.equal(h.store.list('Pod', { namespace: 'default' }).length, 3);
  assert.equal(deleteObject(h.store, 'Deployment', 'default', 'web'), 'deployment.apps "web" deleted');
  assert.equal(h.store.get('Deployment', 'default', 'web'), undefined, 'the owner goes at once');
  h.advance(5000);
  assert.equal(h.store.list('ReplicaSet', { namespace: 'default' }).length, 0);
  assert.equal(h.store.list('Pod', { namespace: 'default' }).length, 0);
});

test('a pod on a node terminates gracefully; kill (force) removes it at once', () => {
  const h = withWeb(2);
  const [a, b] = h.store.list<Pod>('Pod', { namespace: 'default' });
  assert.equal(deleteObject(h.store, 'Pod', 'default', a.metadata.name!), `pod "${a.metadata.name}" deleted`);
  const terminating = h.store.get<Pod>('Pod', 'default', a.metadata.name!);
  assert.ok(terminating?.metadata.deletionTimestamp, 'graceful: still there, terminating');
  assert.equal(terminating?.metadata.deletionGracePeriodSeconds, 30);

  assert.equal(deleteObject(h.store, 'Pod', 'default', b.metadata.name!, { force: true }), `pod "${b.metadata.name}" force deleted`);
  assert.equal(h.store.get('Pod', 'default', b.metadata.name!), undefined);
});

test('refusals are the API’s own errors', () => {
  const h = withWeb(1);
  assert.throws(() => deleteObject(h.store, 'Deployment', 'default', 'nope'), (e: unknown) => e instanceof ApiError && e.message === 'deployments.apps "nope" not found');
});

test('the confirmation names the object as kubectl does', () => {
  assert.equal(deleteQuestion('Deployment', 'default', 'web'), 'Delete deployment.apps "web" in namespace default?');
  assert.equal(deleteQuestion('Node', undefined, 'node-2'), 'Delete node "node-2"?');
  assert.equal(deleteQuestion('Pod', 'default', 'web-x', true), 'Kill pod "web-x" in namespace default now (grace period 0)?');
});
