import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DaemonSet, Deployment, Ingress, Job, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service } from '../../src/api/types.js';
import { isReady, live, playShipped, pods, runTo } from './helpers.js';

test('default: a tainted control plane and 3 workers, kube-system, a web app with Service and Ingress, a database with claims, a CronJob, an HPA under load and after it', () => {
  const { cluster, runner } = playShipped('default');
  const { store } = cluster;
  runTo(cluster, 5 * 60 + 30);

  const nodes = store.list<Node>('Node');
  assert.deepEqual(nodes.map((n) => n.metadata.name).sort(), ['control-plane', 'node-1', 'node-2', 'node-3']);
  const cp = store.get<Node>('Node', undefined, 'control-plane')!;
  assert.equal(cp.metadata.labels?.['node-role.kubernetes.io/control-plane'], '');
  assert.deepEqual(cp.spec?.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);

  // Only what tolerates the taint runs on the control plane.
  const onControlPlane = store.list<Pod>('Pod', { nodeName: 'control-plane' }).map((p) => p.metadata.name!);
  assert.ok(onControlPlane.every((n) => n.startsWith('kube-proxy-') || n.startsWith('coredns-')), onControlPlane.join(', '));

  // kube-system: coredns (2) behind kube-dns 10.96.0.10, kube-proxy on every node.
  const coredns = live(pods(cluster, 'kube-system', 'coredns-'));
  assert.equal(coredns.length, 2);
  assert.ok(coredns.every(isReady));
  assert.equal(store.get<Deployment>('Deployment', 'kube-system', 'coredns')?.status?.readyReplicas, 2);
  assert.equal(store.get<Service>('Service', 'kube-system', 'kube-dns')?.spec?.clusterIP, '10.96.0.10');
  const proxies = live(pods(cluster, 'kube-system', 'kube-proxy-'));
  assert.deepEqual(proxies.map((p) => p.spec?.nodeName).sort(), ['control-plane', 'node-1', 'node-2', 'node-3']);
  assert.equal(store.get<DaemonSet>('DaemonSet', 'kube-system', 'kube-proxy')?.status?.numberReady, 4);

  // web: 3 ready pods, a Service with their endpoints, an Ingress with an address.
  const web = live(pods(cluster, 'default', 'web-'));
  assert.equal(web.filter(isReady).length, 3);
  const ingress = store.get<Ingress>('Ingress', 'default', 'web')!;
  assert.ok(ingress.status?.loadBalancer?.ingress?.[0]?.ip, 'the ingress controller published its address');
  const endpoints = store.get('Endpoints', 'default', 'web');
  assert.equal(endpoints?.subsets?.[0]?.addresses?.length, 3);

  // db: its claim was provisioned on the node the scheduler picked for db-0.
  const db0 = store.get<Pod>('Pod', 'default', 'db-0')!;
  assert.equal(db0.status?.phase, 'Running');
  const claim = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data-db-0')!;
  assert.equal(claim.status?.phase, 'Bound');
  assert.equal(claim.spec?.storageClassName, 'standard');
  const volume = store.get<PersistentVolume>('PersistentVolume', undefined, claim.spec!.volumeName!)!;
  assert.deepEqual(volume.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values, [db0.spec!.nodeName]);

  // The CronJob ran at 0:05.
  const jobs = store.list<Job>('Job', { namespace: 'default' }).filter((j) => j.metadata.name!.startsWith('report-'));
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0].status?.succeeded, 1);

  // php-apache scaled out under the load that started at 1m: ceil(1 × 310m / 100m) = 4.
  const replicas = () => store.get<Deployment>('Deployment', 'default', 'php-apache')!.spec!.replicas!;
  assert.equal(replicas(), 4);
  assert.equal(runner.next()?.label, 'remove the load on deployment/php-apache');
  // The load stops at 12m; the stabilization window holds the replicas 5 minutes, then back to 1.
  runTo(cluster, 16 * 60);
  assert.equal(replicas(), 4);
  runTo(cluster, 18 * 60);
  assert.equal(replicas(), 1);
  assert.ok(runner.finished);
});
