import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import { ResourceQuotaController } from '../../src/controllers/resourceQuotaController.js';
import { container, Harness, message, pod } from './harness.js';

function quota(h: Harness, name: string, hard: Record<string, string>, extra: Record<string, unknown> = {}): KObject {
  return h.store.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'default' }, spec: { hard, ...extra } });
}

const used = (h: Harness, name: string) => h.store.get('ResourceQuota', 'default', name)?.status?.used;

test('admission charges usage at once and refuses what would exceed hard, naming the generateName prefix', () => {
  const h = new Harness();
  quota(h, 'compute', { 'requests.cpu': '2', pods: '10' });
  h.store.create(pod('a', { containers: [container('app', { cpu: '1' })] }));
  assert.deepEqual(used(h, 'compute'), { pods: '1', 'requests.cpu': '1' });
  h.store.create(pod('b', { containers: [container('app', { cpu: '500m' }), container('side', { cpu: '500m' })] }));
  assert.deepEqual(used(h, 'compute'), { pods: '2', 'requests.cpu': '2' });
  assert.throws(
    () => h.store.create(pod('', { containers: [container('app', { cpu: '500m' })] }, { name: undefined, generateName: 'web-7c5ddbdf54-' })),
    message('pods "web-7c5ddbdf54-" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=2, limited: requests.cpu=2'),
  );
  assert.deepEqual(used(h, 'compute'), { pods: '2', 'requests.cpu': '2' });
});

test('several exceeded resources are listed sorted', () => {
  const h = new Harness();
  quota(h, 'small', { 'requests.cpu': '1', 'requests.memory': '1Gi', pods: '5' });
  assert.throws(
    () => h.store.create(pod('big', { containers: [container('app', { cpu: '2', memory: '2Gi' })] })),
    message('pods "big" is forbidden: exceeded quota: small, requested: requests.cpu=2,requests.memory=2Gi, used: requests.cpu=0,requests.memory=0, limited: requests.cpu=1,requests.memory=1Gi'),
  );
});

test('a quota on cpu or memory makes every container state it', () => {
  const h = new Harness();
  quota(h, 'compute', { 'limits.cpu': '4', 'limits.memory': '4Gi' });
  assert.throws(
    () => h.store.create(pod('x', { containers: [container('app', { cpu: '100m' }), container('side', undefined, { cpu: '1' })] })),
    message('pods "x" is forbidden: failed quota: compute: must specify limits.cpu for: app; limits.memory for: app,side'),
  );
});

test('dry runs and duplicate names are not charged', () => {
  const h = new Harness();
  quota(h, 'count', { pods: '3' });
  h.store.create(pod('a'), { dryRun: true });
  assert.equal(used(h, 'count'), undefined);
  h.store.create(pod('a'));
  assert.throws(() => h.store.create(pod('a')));
  assert.deepEqual(used(h, 'count'), { pods: '1' });
});

test('object counts: services, node ports, load balancers, config maps, count/<resource>.<group>', () => {
  const h = new Harness();
  quota(h, 'objects', {
    services: '5',
    'services.nodeports': '2',
    'services.loadbalancers': '1',
    configmaps: '1',
    'count/deployments.apps': '1',
  });
  const svc = (name: string, type: string, ports: number[]) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { type, selector: { app: name }, ports: ports.map((port) => ({ port })) },
  });
  h.store.create(svc('np', 'NodePort', [80]));
  h.store.create(svc('lb', 'LoadBalancer', [443]));
  assert.deepEqual(used(h, 'objects'), { configmaps: '0', 'count/deployments.apps': '0', services: '2', 'services.loadbalancers': '1', 'services.nodeports': '2' });
  assert.throws(
    () => h.store.create(svc('np2', 'NodePort', [81])),
    message('services "np2" is forbidden: exceeded quota: objects, requested: services.nodeports=1, used: services.nodeports=2, limited: services.nodeports=2'),
  );
  h.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one', namespace: 'default' } });
  assert.throws(
    () => h.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two', namespace: 'default' } }),
    message('configmaps "two" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1'),
  );
  const deployment = (name: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
  });
  h.store.create(deployment('web'));
  assert.throws(
    () => h.store.create(deployment('api')),
    message('deployments.apps "api" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1'),
  );
});

test('storage requests, overall and per storage class', () => {
  const h = new Harness();
  quota(h, 'storage', { 'requests.storage': '10Gi', 'fast.storageclass.storage.k8s.io/requests.storage': '3Gi', persistentvolumeclaims: '5' });
  const claim = (name: string, cls: string, size: string) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: cls, resources: { requests: { storage: size } } },
  });
  h.store.create(claim('a', 'fast', '2Gi'));
  h.store.create(claim('b', 'slow', '5Gi'));
  assert.deepEqual(used(h, 'storage'), { 'fast.storageclass.storage.k8s.io/requests.storage': '2Gi', persistentvolumeclaims: '2', 'requests.storage': '7Gi' });
  assert.throws(
    () => h.store.create(claim('c', 'fast', '2Gi')),
    message('persistentvolumeclaims "c" is forbidden: exceeded quota: storage, requested: fast.storageclass.storage.k8s.io/requests.storage=2Gi, used: fast.storageclass.storage.k8s.io/requests.storage=2Gi, limited: fast.storageclass.storage.k8s.io/requests.storage=3Gi'),
  );
});

test('scopes: a BestEffort quota counts only best-effort pods', () => {
  const h = new Harness();
  quota(h, 'besteffort', { pods: '1' }, { scopes: ['BestEffort'] });
  h.store.create(pod('be'));
  h.store.create(pod('burstable', { containers: [container('app', { cpu: '100m' })] }));
  assert.deepEqual(used(h, 'besteffort'), { pods: '1' });
  assert.throws(() => h.store.create(pod('be2')), message('pods "be2" is forbidden: exceeded quota: besteffort, requested: pods=1, used: pods=1, limited: pods=1'));
});

test('scopes: Terminating/NotTerminating and a PriorityClass selector', () => {
  const h = new Harness();
  quota(h, 'long-running', { pods: '5' }, { scopes: ['NotTerminating'] });
  quota(h, 'critical', { pods: '5' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical'] }] } });
  h.store.create(pod('job', { activeDeadlineSeconds: 60 }));
  h.store.create(pod('web'));
  h.store.create(pod('agent', { priorityClassName: 'system-node-critical' }));
  assert.deepEqual(used(h, 'long-running'), { pods: '2' });
  assert.deepEqual(used(h, 'critical'), { pods: '1' });
});

test('the controller fills status for a new quota and gives usage back when objects go or finish', () => {
  const h = new Harness([ResourceQuotaController]);
  h.store.create(pod('a', { containers: [container('app', { cpu: '250m' })] }));
  h.store.create(pod('b', { containers: [container('app', { cpu: '250m' })] }));
  quota(h, 'compute', { 'requests.cpu': '1', pods: '4', 'count/pods': '10' });
  h.settle();
  const q = h.store.get('ResourceQuota', 'default', 'compute')!;
  assert.deepEqual(q.status, { hard: { 'count/pods': '10', pods: '4', 'requests.cpu': '1' }, used: { 'count/pods': '2', pods: '2', 'requests.cpu': '500m' } });
  const counted = h.decisions.query({ component: 'resourcequota-controller' }).at(-1)!;
  assert.equal(counted.action, 'counted usage');
  assert.match(counted.reason, /pods \(unset\) → 2 of 4/);

  h.store.delete('Pod', 'default', 'a');
  h.settle();
  assert.deepEqual(used(h, 'compute'), { 'count/pods': '1', pods: '1', 'requests.cpu': '250m' });
  const recount = h.decisions.query({ component: 'resourcequota-controller' }).at(-1)!;
  assert.equal(recount.action, 'recounted usage');
  assert.match(recount.reason, /requests\.cpu 500m → 250m of 1/);

  // A finished pod stops counting against pods and cpu, but count/pods counts every stored pod.
  h.store.modify('Pod', 'default', 'b', (p) => {
    p.status = { phase: 'Succeeded' };
  }, { subresource: 'status' });
  h.settle();
  assert.deepEqual(used(h, 'compute'), { 'count/pods': '1', pods: '0', 'requests.cpu': '0' });
});

test('a pod stuck terminating stops counting once its grace period has passed twice over', () => {
  const h = new Harness([ResourceQuotaController]);
  quota(h, 'count', { pods: '2' });
  h.store.create(pod('stuck', { nodeName: 'node-1' }));
  h.settle();
  h.store.delete('Pod', 'default', 'stuck'); // graceful: 30 s, and no kubelet to confirm
  h.settle();
  assert.deepEqual(used(h, 'count'), { pods: '1' });
  h.advance(59_000);
  assert.deepEqual(used(h, 'count'), { pods: '1' });
  h.advance(3_000);
  assert.deepEqual(used(h, 'count'), { pods: '0' });
});

test('hard changes are mirrored into status', () => {
  const h = new Harness([ResourceQuotaController]);
  quota(h, 'count', { pods: '2' });
  h.settle();
  h.store.modify('ResourceQuota', 'default', 'count', (q) => {
    q.spec.hard = { pods: '5' };
  });
  h.settle();
  assert.deepEqual(h.store.get('ResourceQuota', 'default', 'count')!.status.hard, { pods: '5' });
});

test('object counts come back when objects go, and a Service that drops its node ports gives them back', () => {
  const h = new Harness([ResourceQuotaController]);
  quota(h, 'objects', { configmaps: '2', resourcequotas: '3', 'services.nodeports': '1' });
  quota(h, 'second', { pods: '1' });
  h.settle();
  assert.deepEqual(used(h, 'objects'), { configmaps: '0', resourcequotas: '2', 'services.nodeports': '0' });
  h.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
  h.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } });
  h.store.delete('ConfigMap', 'default', 'a');
  h.store.delete('ResourceQuota', 'default', 'second');
  h.settle();
  assert.deepEqual(used(h, 'objects'), { configmaps: '1', resourcequotas: '1', 'services.nodeports': '0' });

  h.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  // Turning it into a NodePort Service is an update that is charged...
  h.store.patch('Service', 'default', 'web', { spec: { type: 'NodePort' } });
  assert.equal(used(h, 'objects')['services.nodeports'], '1');
  assert.throws(
    () => h.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np', namespace: 'default' }, spec: { type: 'NodePort', selector: { app: 'np' }, ports: [{ port: 80 }] } }),
    /exceeded quota: objects, requested: services.nodeports=1, used: services.nodeports=1, limited: services.nodeports=1/,
  );
  // ...and turning it back gives the port back once the controller recounts.
  h.store.patch('Service', 'default', 'web', { spec: { type: 'ClusterIP' } });
  h.settle();
  assert.equal(used(h, 'objects')['services.nodeports'], '0');
});

test('extended resources are quota’d by request; storage quotas leave pods alone', () => {
  const h = new Harness();
  quota(h, 'gpu', { 'requests.nvidia.com/gpu': '1', 'requests.storage': '1Gi' });
  const gpuPod = (name: string) => pod(name, { containers: [container('train', { 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '1' })] });
  h.store.create(gpuPod('a'));
  assert.deepEqual(used(h, 'gpu'), { 'requests.nvidia.com/gpu': '1', 'requests.storage': '0' });
  assert.throws(
    () => h.store.create(gpuPod('b')),
    message('pods "b" is forbidden: exceeded quota: gpu, requested: requests.nvidia.com/gpu=1, used: requests.nvidia.com/gpu=1, limited: requests.nvidia.com/gpu=1'),
  );
  h.store.create(pod('plain'));
});
