import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/api/errors.js';
import { isNamespaceTerminatingError } from '../../src/store/admission/namespaceLifecycle.js';
import { Harness, message, pod } from './harness.js';

test('creating in a namespace that does not exist is a 404 naming the namespace', () => {
  const h = new Harness();
  assert.throws(
    () => h.store.create(pod('web', {}, { namespace: 'nope' })),
    (e: unknown) => e instanceof ApiError && e.code === 404 && e.message === 'namespaces "nope" not found',
  );
});

test('new namespaces start Active with the kubernetes finalizer', () => {
  const h = new Harness();
  const ns = h.namespace('dev');
  assert.deepEqual(ns.spec.finalizers, ['kubernetes']);
  assert.equal(ns.status.phase, 'Active');
});

test('creating in a terminating namespace is refused with the NamespaceTerminating cause', () => {
  const h = new Harness();
  h.namespace('dev');
  h.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'dev' } });
  h.store.delete('Namespace', undefined, 'dev');
  assert.equal(h.store.get('Namespace', undefined, 'dev')?.status?.phase, 'Terminating');
  let caught: unknown;
  try {
    h.store.create(pod('web', {}, { namespace: 'dev' }));
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ApiError);
  assert.equal(caught.code, 403);
  assert.equal(caught.message, 'pods "web" is forbidden: unable to create new content in namespace dev because it is being terminated');
  assert.ok(isNamespaceTerminatingError(caught));
  // A generateName'd object is named by its prefix.
  assert.throws(
    () => h.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-', namespace: 'dev' } }),
    message('configmaps "cfg-" is forbidden: unable to create new content in namespace dev because it is being terminated'),
  );
  // Updates of what is already there are still allowed.
  h.store.modify('ServiceAccount', 'dev', 'default', (sa) => {
    sa.metadata.labels = { touched: 'yes' };
  });
});

test('default, kube-system and kube-public may not be deleted; kube-node-lease may', () => {
  const h = new Harness();
  for (const name of ['default', 'kube-system', 'kube-public']) {
    assert.throws(() => h.store.delete('Namespace', undefined, name), message(`namespaces "${name}" is forbidden: this namespace may not be deleted`));
  }
  h.store.delete('Namespace', undefined, 'kube-node-lease');
  assert.ok(h.store.get('Namespace', undefined, 'kube-node-lease')?.metadata.deletionTimestamp);
});

test('cluster-scoped kinds skip the namespace check', () => {
  const h = new Harness();
  h.store.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
  assert.ok(h.store.get('PriorityClass', undefined, 'high'));
});

test('the event recorder drops events refused in a terminating namespace', () => {
  const h = new Harness();
  h.namespace('dev');
  h.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'dev' } });
  const p = h.store.create(pod('web', {}, { namespace: 'dev' }));
  h.events.record({ component: 'kubelet' }, p, 'Normal', 'Pulling', 'Pulling image "nginx:1.27"');
  assert.equal(h.store.count('Event', 'dev'), 1);
  h.store.delete('Namespace', undefined, 'dev');
  h.events.record({ component: 'kubelet' }, p, 'Normal', 'Killing', 'Stopping container app');
  assert.equal(h.store.count('Event', 'dev'), 1);
});
