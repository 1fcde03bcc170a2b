import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NamespaceController } from '../../src/controllers/namespaceController.js';
import { ServiceAccountController } from '../../src/controllers/serviceAccountController.js';
import { Harness, message, pod } from './harness.js';

const condition = (h: Harness, ns: string, type: string) =>
  h.store.get('Namespace', undefined, ns)?.status?.conditions?.find((c: { type: string }) => c.type === type);

test('the serviceaccount controller creates default in every namespace and re-creates it', () => {
  const h = new Harness([ServiceAccountController], { serviceAccounts: false });
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) assert.ok(h.store.get('ServiceAccount', ns, 'default'), ns);
  h.namespace('dev');
  h.settle();
  assert.ok(h.store.get('ServiceAccount', 'dev', 'default'));
  const made = h.decisions.query({ component: 'serviceaccount-controller' }).at(-1)!;
  assert.equal(made.action, 'created service account dev/default');
  h.store.delete('ServiceAccount', 'dev', 'default');
  h.settle();
  assert.ok(h.store.get('ServiceAccount', 'dev', 'default'));
});

test('deleting a namespace removes its content, reports what remains, then removes the namespace', () => {
  const h = new Harness([ServiceAccountController, NamespaceController]);
  h.namespace('dev');
  h.settle();
  const { store } = h;
  store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain', namespace: 'dev' }, data: { a: '1' } });
  store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'dev', finalizers: ['example.com/hold'] } });
  store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'dev' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  store.create(pod('pending', {}, { namespace: 'dev' }));
  store.create(pod('running', { nodeName: 'node-1' }, { namespace: 'dev' }));

  store.delete('Namespace', undefined, 'dev');
  h.settle();
  assert.equal(store.get('Namespace', undefined, 'dev')?.status?.phase, 'Terminating');
  assert.equal(store.get('ConfigMap', 'dev', 'plain'), undefined);
  assert.equal(store.get('Service', 'dev', 'web'), undefined);
  assert.equal(store.get('Pod', 'dev', 'pending'), undefined);
  assert.equal(store.get('ServiceAccount', 'dev', 'default'), undefined, 'not re-created in a terminating namespace');
  assert.ok(store.get('Pod', 'dev', 'running')?.metadata.deletionTimestamp, 'a bound pod terminates gracefully');
  assert.ok(store.get('ConfigMap', 'dev', 'held')?.metadata.deletionTimestamp);

  assert.deepEqual(
    { ...condition(h, 'dev', 'NamespaceContentRemaining'), lastTransitionTime: undefined },
    {
      type: 'NamespaceContentRemaining',
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: configmaps. has 1 resource instances, pods. has 1 resource instances',
      lastTransitionTime: undefined,
    },
  );
  const finalizers = condition(h, 'dev', 'NamespaceFinalizersRemaining');
  assert.equal(finalizers.reason, 'SomeFinalizersRemain');
  assert.equal(finalizers.message, 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
  assert.equal(condition(h, 'dev', 'NamespaceDeletionDiscoveryFailure').message, 'All resources successfully discovered');
  assert.equal(condition(h, 'dev', 'NamespaceDeletionContentFailure').reason, 'ContentDeleted');

  const waiting = h.decisions.query({ component: 'namespace-controller' }).at(-1)!;
  assert.equal(waiting.action, 'waiting for namespace content to be removed');
  assert.match(waiting.reason, /pods\. has 1 resource instances/);
  assert.match(waiting.reason, /checking again in 16s/);

  assert.throws(
    () => store.create(pod('late', {}, { namespace: 'dev' })),
    message('pods "late" is forbidden: unable to create new content in namespace dev because it is being terminated'),
  );

  // The kubelet confirms the pod stopped; whoever owns the finalizer lets go.
  store.delete('Pod', 'dev', 'running', { gracePeriodSeconds: 0 });
  store.modify('ConfigMap', 'dev', 'held', (cm) => {
    cm.metadata.finalizers = [];
  });
  assert.ok(store.get('Namespace', undefined, 'dev'), 'the controller has not looked again yet');
  h.advance(16_000);
  assert.equal(store.get('Namespace', undefined, 'dev'), undefined);
  const done = h.decisions.query({ component: 'namespace-controller' }).at(-1)!;
  assert.equal(done.action, 'removed finalizer kubernetes');
});

test('an empty namespace goes in one pass', () => {
  const h = new Harness([NamespaceController]);
  h.namespace('tmp');
  h.store.delete('Namespace', undefined, 'tmp');
  assert.ok(h.store.get('Namespace', undefined, 'tmp'), 'waits for the namespace controller');
  h.settle();
  assert.equal(h.store.get('Namespace', undefined, 'tmp'), undefined);
});
