import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import type { Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { assertInvariants, checkInvariants, checkWhileRunning, InvariantError, type RuleName } from '../../src/sim/invariants.js';

const container = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], ...extra });
const template = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({ metadata: { labels }, spec: { containers: [container('c', extra)] } });

/** A little of everything the rules look at. */
function workloads(): KObject[] {
  return [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { resources: { requests: { cpu: '500m', memory: '256Mi' } } }) } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'batch' }, spec: { replicas: 2, strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'batch' } }, template: template({ app: 'batch' }) } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 80 }] } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template({ app: 'db' }) } },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }) } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { completions: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'busybox', command: ['sleep', '600'] }] } } } },
    { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', hostPath: { path: '/data/pv1' } } },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } } },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'other' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } } },
  ];
}

function healthyCluster(): Cluster {
  const cluster = new Cluster({ nodes: 3, seed: 7 });
  checkInvariants(cluster); // start watching (the Job rule counts from here)
  for (const obj of workloads()) cluster.store.create(obj);
  cluster.advance(90_000);
  return cluster;
}

/** Makes a change the controllers would repair, and drops the reconciles it queued so they cannot. */
function breakWith(cluster: Cluster, change: () => void): void {
  change();
  cluster.queue.clear();
}

function rulesOf(cluster: Cluster): RuleName[] {
  return [...new Set(checkInvariants(cluster).map((v) => v.rule))].sort();
}

function podsOf(cluster: Cluster, app: string): Pod[] {
  return cluster.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);
}

function only<T extends KObject>(cluster: Cluster, kind: string, name: string): T {
  return cluster.store.get<T>(kind, 'default', name) ?? assert.fail(`${kind} ${name} missing`);
}

function controlled(cluster: Cluster, kind: string, owner: KObject): KObject[] {
  return cluster.store.list(kind, { namespace: 'default', ownerUid: owner.metadata.uid });
}

describe('invariants on a healthy cluster', () => {
  test('hold at every settled instant while it starts, rolls out, scales, loses a node and deletes things', () => {
    const cluster = new Cluster({ nodes: 3, seed: 3 });
    let checks = 0;
    cluster.onSettled(() => checks++);
    checkWhileRunning(cluster);
    for (const obj of workloads()) cluster.store.create(obj);
    cluster.advance(60_000);
    cluster.store.modify('Deployment', 'default', 'web', (d) => { d.spec.template.spec.containers[0].image = 'nginx:1.28'; });
    cluster.store.modify('Deployment', 'default', 'batch', (d) => { d.spec.template.spec.containers[0].image = 'nginx:1.28'; });
    cluster.advance(60_000);
    cluster.store.modify('Deployment', 'default', 'web', (d) => { d.spec.replicas = 6; });
    cluster.store.modify('StatefulSet', 'default', 'db', (s) => { s.spec.replicas = 3; });
    cluster.advance(30_000);
    cluster.store.delete('Node', undefined, 'node-3');
    cluster.advance(120_000);
    cluster.store.delete('PersistentVolumeClaim', 'default', 'data');
    cluster.store.delete('Deployment', 'default', 'batch');
    cluster.advance(60_000);
    assert.ok(checks > 100, `checked at ${checks} instants`);
    assert.deepEqual(checkInvariants(cluster), []);
    // The pods of the lost node were replaced and collected.
    assert.equal(podsOf(cluster, 'web').length, 6);
    assert.ok(cluster.store.list<Pod>('Pod').every((p) => p.spec?.nodeName !== 'node-3'));
  });

  test('the checker stops when asked, and checks only every N-th instant', () => {
    const cluster = new Cluster({ nodes: 1 });
    let seen = 0;
    cluster.onSettled(() => seen++);
    const stop = checkWhileRunning(cluster, { every: 5 });
    cluster.store.create(workloads()[0]);
    cluster.advance(10_000);
    assert.ok(seen >= 5);
    stop();
    breakWith(cluster, () => cluster.store.modify('ReplicaSet', 'default', controlled(cluster, 'ReplicaSet', only(cluster, 'Deployment', 'web'))[0].metadata.name!, (rs) => { rs.status.replicas = 9; }, { subresource: 'status' }));
    assert.doesNotThrow(() => cluster.advance(1));
  });
});

describe('each rule fails on a hand-broken cluster', () => {
  let cluster: Cluster;
  beforeEach(() => {
    cluster = healthyCluster();
    assert.deepEqual(checkInvariants(cluster), [], 'the healthy cluster passes');
  });

  test('pod-node: pods naming a node that has been gone longer than the pod GC allows', () => {
    const victim = podsOf(cluster, 'web')[0].spec!.nodeName!;
    breakWith(cluster, () => cluster.store.delete('Node', undefined, victim));
    cluster.clock.setNow(cluster.clock.now() + 59_000);
    assert.ok(!rulesOf(cluster).includes('pod-node'), 'within the quarantine');
    cluster.clock.setNow(cluster.clock.now() + 2_000);
    const v = checkInvariants(cluster).find((x) => x.rule === 'pod-node');
    assert.ok(v, 'violation');
    assert.equal(v.object, `Node ${victim}`);
    assert.match(v.message, /^missing for 61s \(pod GC allows 60s\) but \d+ pods still name it/);
  });

  test('node-allocatable: requests above what the node has', () => {
    const pod = podsOf(cluster, 'web')[0];
    breakWith(cluster, () => cluster.store.modify<Pod>('Pod', 'default', pod.metadata.name!, (p) => { p.spec!.containers[0].resources = { requests: { cpu: '5' } }; }, { trusted: true }));
    const v = checkInvariants(cluster).filter((x) => x.rule === 'node-allocatable');
    assert.equal(v.length, 1);
    assert.equal(v[0].object, `Node ${pod.spec!.nodeName}`);
    assert.match(v[0].message, /exceed allocatable: cpu \d+m > 4000m/);
  });

  test('pod-ip: two running pods with one IP', () => {
    const [a, b] = podsOf(cluster, 'web');
    breakWith(cluster, () => cluster.store.modify<Pod>('Pod', 'default', b.metadata.name!, (p) => { p.status!.podIP = a.status!.podIP; }, { subresource: 'status' }));
    assert.ok(checkInvariants(cluster).some((v) => v.rule === 'pod-ip' && v.message.startsWith(`IP ${a.status!.podIP} is also the IP of pod default/`)));
  });

  test('owner-gc: a dependent of a deleted owner left behind', () => {
    breakWith(cluster, () => cluster.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'left', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'no-such-uid' }] } }));
    const v = checkInvariants(cluster);
    assert.deepEqual(v, [{ rule: 'owner-gc', object: 'ConfigMap default/left', message: 'owner ConfigMap gone is gone (no object has uid no-such-uid) and the garbage collector left it' }]);
  });

  test('replicaset-replicas: more active pods than desired', () => {
    const rs = controlled(cluster, 'ReplicaSet', only(cluster, 'Deployment', 'web'))[0];
    const extra = { ...podsOf(cluster, 'web')[0] } as Pod;
    breakWith(cluster, () => cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-extra', labels: extra.metadata.labels, ownerReferences: extra.metadata.ownerReferences }, spec: { containers: [container('c')] } }));
    const v = checkInvariants(cluster).find((x) => x.rule === 'replicaset-replicas');
    assert.deepEqual(v, { rule: 'replicaset-replicas', object: `ReplicaSet default/${rs.metadata.name}`, message: '4 active pods > spec.replicas 3' });
    assert.ok(rulesOf(cluster).includes('replicaset-status'), 'its status no longer counts them either');
  });

  test('replicaset-status: counts that do not match the pods', () => {
    const rs = controlled(cluster, 'ReplicaSet', only(cluster, 'Deployment', 'web'))[0];
    breakWith(cluster, () => cluster.store.modify('ReplicaSet', 'default', rs.metadata.name!, (r) => { r.status.readyReplicas = 1; }, { subresource: 'status' }));
    const v = checkInvariants(cluster).filter((x) => x.object === `ReplicaSet default/${rs.metadata.name}`);
    assert.deepEqual(v.map((x) => x.message), ['status.readyReplicas 1 but 3 ready']);
    assert.ok(rulesOf(cluster).includes('deployment-status'), 'nor does the Deployment sum it');
  });

  test('deployment-surge: replica sets asking for more than replicas + maxSurge', () => {
    const rs = controlled(cluster, 'ReplicaSet', only(cluster, 'Deployment', 'web'))[0];
    breakWith(cluster, () => cluster.store.modify('ReplicaSet', 'default', rs.metadata.name!, (r) => { r.spec.replicas = 5; }));
    const v = checkInvariants(cluster).filter((x) => x.rule === 'deployment-surge');
    assert.deepEqual(v.map((x) => x.message), ['its replica sets ask for 5 pods > 3 replicas + maxSurge 1 = 4']);
  });

  test('deployment-recreate: pods of two templates running together', () => {
    const d = only(cluster, 'Deployment', 'batch');
    const old = controlled(cluster, 'ReplicaSet', d)[0];
    breakWith(cluster, () => {
      const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'batch', uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true };
      const rs = cluster.store.create<KObject>({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'batch-new', labels: { app: 'batch', v: '2' }, ownerReferences: [ref] }, spec: { replicas: 0, selector: { matchLabels: { app: 'batch', v: '2' } }, template: template({ app: 'batch', v: '2' }) } });
      cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'batch-new-1', labels: { app: 'batch', v: '2' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'batch-new', uid: rs.metadata.uid!, controller: true }] }, spec: { containers: [container('c')] } });
    });
    const v = checkInvariants(cluster).find((x) => x.rule === 'deployment-recreate');
    assert.deepEqual(v, { rule: 'deployment-recreate', object: 'Deployment default/batch', message: `pods of 2 replica sets run at once (${old.metadata.name}, batch-new)` });
  });

  test('deployment-status: a sum that is off', () => {
    breakWith(cluster, () => cluster.store.modify('Deployment', 'default', 'web', (d) => { d.status.availableReplicas = 2; }, { subresource: 'status' }));
    const v = checkInvariants(cluster);
    assert.deepEqual(v.map((x) => [x.rule, x.object, x.message]), [['deployment-status', 'Deployment default/web', 'status.availableReplicas 2 but its replica sets report 3']]);
  });

  test('statefulset-status, daemonset-status, job-status: counts that are off', () => {
    breakWith(cluster, () => {
      cluster.store.modify('StatefulSet', 'default', 'db', (s) => { s.status.replicas = 3; }, { subresource: 'status' });
      cluster.store.modify('DaemonSet', 'default', 'agent', (s) => { s.status.numberMisscheduled = 1; }, { subresource: 'status' });
      cluster.store.modify('Job', 'default', 'pi', (j) => { j.status.active = 0; }, { subresource: 'status' });
    });
    assert.deepEqual(checkInvariants(cluster).map((x) => [x.rule, x.message]), [
      ['statefulset-status', 'status.replicas 3 but it owns 2 pods'],
      ['daemonset-status', 'currentNumberScheduled 3 + numberMisscheduled 1 but its pods are on 3 nodes'],
      ['job-status', 'status.active 0 but 1 active pod'],
    ]);
  });

  test('endpoints: a terminating pod still listed', () => {
    const gone = podsOf(cluster, 'web')[0];
    // The pod starts terminating; the endpoints controller never hears of it.
    breakWith(cluster, () => cluster.store.delete('Pod', 'default', gone.metadata.name!));
    const v = checkInvariants(cluster).filter((x) => x.rule === 'endpoints');
    assert.deepEqual(v.map((x) => [x.object, x.message]), [['Endpoints default/web', `addresses lists 1 pod(s) that should not be there (${gone.metadata.name})`]]);
  });

  test('endpoints: a ready pod missing', () => {
    const kept = podsOf(cluster, 'web')[1];
    breakWith(cluster, () => cluster.store.modify('Endpoints', 'default', 'web', (ep) => {
      ep.subsets[0].addresses = ep.subsets[0].addresses.filter((a: { targetRef: { uid: string } }) => a.targetRef.uid !== kept.metadata.uid);
    }, { trusted: true }));
    const missing = checkInvariants(cluster).filter((x) => x.rule === 'endpoints');
    assert.deepEqual(missing.map((x) => x.message), [`addresses misses 1 pod(s) (${kept.metadata.name})`]);
  });

  test('pv-binding: two claims bound to one volume', () => {
    const bound = only(cluster, 'PersistentVolumeClaim', 'data');
    assert.equal(bound.status?.phase, 'Bound');
    breakWith(cluster, () => {
      cluster.store.modify('PersistentVolumeClaim', 'default', 'other', (c) => { c.spec.volumeName = 'pv1'; }, { trusted: true });
      cluster.store.modify('PersistentVolumeClaim', 'default', 'other', (c) => { c.status = { phase: 'Bound' }; }, { subresource: 'status' });
    });
    assert.deepEqual(checkInvariants(cluster).map((x) => [x.object, x.message]), [
      ['PersistentVolumeClaim default/other', 'Bound to pv1, whose claimRef is default/data uid ' + bound.metadata.uid],
      ['PersistentVolume pv1', 'bound by 2 claims: default/data, default/other'],
    ]);
  });

  test('a rule is silent when its controller is not part of the cluster', () => {
    const bare = new Cluster({ nodes: 1, controllers: [] });
    bare.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } });
    bare.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'left', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'no-such-uid' }] } });
    assert.deepEqual(checkInvariants(bare), []);
  });
});

describe('failing loudly', () => {
  test('assertInvariants throws the violations; checkWhileRunning throws out of runUntil at the next instant', () => {
    const cluster = healthyCluster();
    assert.doesNotThrow(() => assertInvariants(cluster));
    checkWhileRunning(cluster);
    breakWith(cluster, () => cluster.store.modify('Deployment', 'default', 'web', (d) => { d.status.replicas = 7; }, { subresource: 'status' }));
    assert.throws(() => cluster.advance(1000), (error: unknown) => {
      assert.ok(error instanceof InvariantError);
      assert.equal(error.violations[0].rule, 'deployment-status');
      assert.match(error.message, /^1 cluster invariant violation at 2026-01-01T00:01:3\dZ:\n {2}\[deployment-status\] Deployment default\/web: status\.replicas 7 but its replica sets report 3$/);
      return true;
    });
  });
});
