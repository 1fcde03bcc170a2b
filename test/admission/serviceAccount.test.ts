import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Harness, message, pod } from './harness.js';

test('a pod without a service account runs as default and gets the kube-api-access volume in every container', () => {
  const h = new Harness();
  const created = h.store.create(
    pod('web', {
      initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      containers: [
        { name: 'app', image: 'nginx:1.27' },
        { name: 'side', image: 'busybox:1.36' },
      ],
    }),
  );
  assert.equal(created.spec.serviceAccountName, 'default');
  assert.equal(created.spec.serviceAccount, 'default');
  const volume = created.spec.volumes.find((v: { name: string }) => v.name.startsWith('kube-api-access-'));
  assert.match(volume.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(volume.projected, {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  });
  for (const c of [...created.spec.initContainers, ...created.spec.containers]) {
    assert.deepEqual(
      c.volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount'),
      { name: volume.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    );
  }
});

test('the volume suffix comes from the seeded random: same seed, same name', () => {
  const names = [1, 2].map(() => new Harness([], { seed: 42 }).store.create(pod('web')).spec.volumes[0].name);
  assert.equal(names[0], names[1]);
  const other = new Harness([], { seed: 43 }).store.create(pod('web')).spec.volumes[0].name;
  assert.notEqual(other, names[0]);
});

test('a pod naming a missing service account is refused', () => {
  const h = new Harness();
  assert.throws(
    () => h.store.create(pod('x', { serviceAccountName: 'foo' })),
    message('pods "x" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found'),
  );
});

test('automountServiceAccountToken: the pod wins over the account', () => {
  const h = new Harness();
  h.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet', namespace: 'default' }, automountServiceAccountToken: false });
  const fromAccount = h.store.create(pod('a', { serviceAccountName: 'quiet' }));
  assert.equal(fromAccount.spec.volumes, undefined);
  const podSays = h.store.create(pod('b', { serviceAccountName: 'quiet', automountServiceAccountToken: true }));
  assert.equal(podSays.spec.volumes.length, 1);
  const optOut = h.store.create(pod('c', { automountServiceAccountToken: false }));
  assert.equal(optOut.spec.volumes, undefined);
});

test('a container already mounting the token path keeps its own mount', () => {
  const h = new Harness();
  const created = h.store.create(
    pod('web', {
      volumes: [{ name: 'mine', emptyDir: {} }],
      containers: [
        { name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] },
      ],
    }),
  );
  assert.deepEqual(created.spec.volumes.map((v: { name: string }) => v.name), ['mine']);
  assert.equal(created.spec.containers[0].volumeMounts.length, 1);
});

test('the account image pull secrets are copied to pods that have none', () => {
  const h = new Harness();
  h.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'puller', namespace: 'default' }, imagePullSecrets: [{ name: 'regcred' }] });
  const created = h.store.create(pod('web', { serviceAccountName: 'puller' }));
  assert.deepEqual(created.spec.imagePullSecrets, [{ name: 'regcred' }]);
});

test('default in a fresh namespace is admitted as the apiserver would after waiting for the controller', () => {
  const h = new Harness([], { serviceAccounts: false });
  h.namespace('dev');
  const created = h.store.create(pod('web', {}, { namespace: 'dev' }));
  assert.equal(created.spec.serviceAccountName, 'default');
  // but a named account is looked up once, and a missing one refused
  assert.throws(
    () => h.store.create(pod('x', { serviceAccountName: 'builder' }, { namespace: 'dev' })),
    message('pods "x" is forbidden: error looking up service account dev/builder: serviceaccount "builder" not found'),
  );
});
