// Priority, DefaultTolerationSeconds and DefaultStorageClass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import { Harness, message, pod } from './harness.js';

const priorityClass = (name: string, value: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  ...extra,
});

test('priorityClassName resolves to spec.priority and the class preemption policy', () => {
  const h = new Harness();
  h.store.create(priorityClass('batch-low', 100, { preemptionPolicy: 'Never' }));
  const p = h.store.create(pod('job', { priorityClassName: 'batch-low' }));
  assert.equal(p.spec.priority, 100);
  assert.equal(p.spec.preemptionPolicy, 'Never');
});

test('pods without a class get priority 0, or the global default class', () => {
  const h = new Harness();
  const plain = h.store.create(pod('a'));
  assert.equal(plain.spec.priority, 0);
  assert.equal(plain.spec.priorityClassName, undefined);
  assert.equal(plain.spec.preemptionPolicy, 'PreemptLowerPriority');
  h.store.create(priorityClass('standard', 500, { globalDefault: true }));
  const defaulted = h.store.create(pod('b'));
  assert.equal(defaulted.spec.priorityClassName, 'standard');
  assert.equal(defaulted.spec.priority, 500);
});

test('the built-in system classes resolve without being stored', () => {
  const h = new Harness();
  assert.equal(h.store.create(pod('a', { priorityClassName: 'system-cluster-critical' })).spec.priority, 2000000000);
  assert.equal(h.store.create(pod('b', { priorityClassName: 'system-node-critical' })).spec.priority, 2000001000);
});

test('an unknown class is refused, and so is a priority that disagrees with the class', () => {
  const h = new Harness();
  assert.throws(() => h.store.create(pod('x', { priorityClassName: 'foo' })), message('pods "x" is forbidden: no PriorityClass with name foo was found'));
  h.store.create(priorityClass('high', 1000));
  assert.throws(
    () => h.store.create(pod('y', { priorityClassName: 'high', priority: 5 })),
    message('pods "y" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name'),
  );
});

test('only one PriorityClass may be the global default', () => {
  const h = new Harness();
  h.store.create(priorityClass('standard', 500, { globalDefault: true }));
  assert.throws(
    () => h.store.create(priorityClass('other', 600, { globalDefault: true })),
    message('priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass standard is already marked as default. Only one default can exist'),
  );
});

test('pods tolerate not-ready and unreachable nodes for 300 s unless they say otherwise', () => {
  const h = new Harness();
  const p = h.store.create(pod('a'));
  assert.deepEqual(p.spec.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
  const own = h.store.create(
    pod('b', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] }),
  );
  assert.deepEqual(
    own.spec.tolerations.map((t: { key: string; tolerationSeconds: number }) => [t.key, t.tolerationSeconds]),
    [
      ['node.kubernetes.io/unreachable', 10],
      ['node.kubernetes.io/not-ready', 300],
    ],
  );
  // A wildcard toleration (empty key, Exists) already covers both.
  const everything = h.store.create(pod('c', { tolerations: [{ operator: 'Exists' }] }));
  assert.deepEqual(everything.spec.tolerations, [{ operator: 'Exists' }]);
});

const storageClass = (name: string, isDefault: boolean): KObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, annotations: isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
  provisioner: 'rancher.io/local-path',
});

const claim = (name: string, storageClassName?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '1Gi' } },
    ...(storageClassName !== undefined ? { storageClassName } : {}),
  },
});

test('claims without a class get the default one, the newest if several; "" stays', () => {
  const h = new Harness();
  assert.equal(h.store.create(claim('none')).spec.storageClassName, undefined);
  h.store.create(storageClass('slow', true));
  h.store.create(storageClass('other', false));
  assert.equal(h.store.create(claim('a')).spec.storageClassName, 'slow');
  h.clock.setNow(h.clock.now() + 5000);
  h.store.create(storageClass('fast', true));
  assert.equal(h.store.create(claim('b')).spec.storageClassName, 'fast');
  assert.equal(h.store.create(claim('c', '')).spec.storageClassName, '');
  assert.equal(h.store.create(claim('d', 'other')).spec.storageClassName, 'other');
});
