import assert from 'node:assert/strict';
import { test } from 'node:test';
import { container, Harness, message, pod } from './harness.js';

function limitRange(h: Harness, name: string, limits: Array<Record<string, unknown>>) {
  h.store.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'default' }, spec: { limits } });
}

test('containers without resources get the default limit and default request, and the pod says so', () => {
  const h = new Harness();
  limitRange(h, 'defaults', [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }]);
  const p = h.store.create(pod('web'));
  assert.deepEqual(p.spec.containers[0].resources, {
    limits: { cpu: '500m', memory: '256Mi' },
    // memory has no defaultRequest: the request follows the (defaulted) limit
    requests: { cpu: '100m', memory: '256Mi' },
  });
  assert.equal(
    p.metadata.annotations?.['kubernetes.io/limit-ranger'],
    'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
  );
});

test('what a container states is kept; only the missing values are filled', () => {
  const h = new Harness();
  limitRange(h, 'defaults', [{ type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '200m' } }]);
  const p = h.store.create(pod('web', { containers: [container('app', { cpu: '300m' }, undefined)] }));
  assert.deepEqual(p.spec.containers[0].resources, { limits: { cpu: '1' }, requests: { cpu: '300m' } });
  assert.equal(p.metadata.annotations?.['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu limit for container app');
});

test('a max with no default becomes the default limit', () => {
  const h = new Harness();
  limitRange(h, 'cap', [{ type: 'Container', max: { cpu: '1' } }]);
  const p = h.store.create(pod('web'));
  assert.deepEqual(p.spec.containers[0].resources, { limits: { cpu: '1' }, requests: { cpu: '1' } });
});

test('maximum, minimum and ratio violations use the plugin messages', () => {
  const h = new Harness();
  limitRange(h, 'bounds', [{ type: 'Container', max: { cpu: '1' }, min: { cpu: '100m' }, maxLimitRequestRatio: { cpu: '2' } }]);
  assert.throws(
    () => h.store.create(pod('x', { containers: [container('app', { cpu: '1' }, { cpu: '2' })] })),
    message('pods "x" is forbidden: maximum cpu usage per Container is 1, but limit is 2'),
  );
  assert.throws(
    () => h.store.create(pod('y', { containers: [container('app', { cpu: '50m' }, { cpu: '100m' })] })),
    message('pods "y" is forbidden: minimum cpu usage per Container is 100m, but request is 50m'),
  );
  assert.throws(
    () => h.store.create(pod('z', { containers: [container('app', { cpu: '200m' }, { cpu: '800m' })] })),
    message('pods "z" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000'),
  );
  h.store.create(pod('ok', { containers: [container('app', { cpu: '400m' }, { cpu: '800m' })] }));
});

test('a missing request or limit is named', () => {
  const h = new Harness();
  limitRange(h, 'mem', [{ type: 'Pod', max: { memory: '1Gi' }, min: { memory: '64Mi' } }]);
  assert.throws(
    () => h.store.create(pod('x')),
    message('pods "x" is forbidden: [minimum memory usage per Pod is 64Mi.  No request is specified, maximum memory usage per Pod is 1Gi.  No limit is specified]'),
  );
});

test('Pod limits apply to the sum of the containers', () => {
  const h = new Harness();
  limitRange(h, 'pod', [{ type: 'Pod', max: { memory: '1Gi' } }]);
  assert.throws(
    () =>
      h.store.create(
        pod('x', { containers: [container('a', { memory: '512Mi' }, { memory: '768Mi' }), container('b', { memory: '256Mi' }, { memory: '512Mi' })] }),
      ),
    message('pods "x" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1280Mi'),
  );
});

test('claims are held to PersistentVolumeClaim min and max on create and update', () => {
  const h = new Harness();
  limitRange(h, 'storage', [{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' }, min: { storage: '1Gi' } }]);
  const claim = (name: string, size: string) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: size } } },
  });
  assert.throws(
    () => h.store.create(claim('big', '5Gi')),
    message('persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi'),
  );
  assert.throws(
    () => h.store.create(claim('small', '500Mi')),
    message('persistentvolumeclaims "small" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi'),
  );
  h.store.create(claim('fine', '1Gi'));
});

test('a generateName pod is named by its prefix', () => {
  const h = new Harness();
  limitRange(h, 'bounds', [{ type: 'Container', max: { cpu: '1' } }]);
  assert.throws(
    () => h.store.create(pod('', { containers: [container('app', undefined, { cpu: '2' })] }, { name: undefined, generateName: 'web-7c5ddbdf54-' })),
    message('pods "web-7c5ddbdf54-" is forbidden: maximum cpu usage per Container is 1, but limit is 2'),
  );
});
