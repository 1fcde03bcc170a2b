import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, ReplicaSet, ReplicationController } from '../../src/api/types.js';
import { ReplicaSetController, ReplicationManager } from '../../src/controllers/replicaSetController.js';
import { Harness, podTemplate } from './harness.js';

function replicaSet(name: string, replicas: number, extra: Record<string, unknown> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(name), ...extra },
  } as ReplicaSet;
}

const ownedPods = (h: Harness, rs: string) => {
  const owner = h.get<ReplicaSet>('ReplicaSet', rs);
  return h.store.list<Pod>('Pod', { namespace: 'default', ownerUid: owner.metadata.uid });
};

describe('ReplicaSet controller', () => {
  it('creates the missing pods in slow-start batches with one SuccessfulCreate event each', () => {
    const h = new Harness({ controllers: [ReplicaSetController], pods: false });
    h.store.create(replicaSet('web', 10));
    h.settle();
    const pods = ownedPods(h, 'web');
    assert.equal(pods.length, 10);
    for (const pod of pods) {
      assert.match(pod.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.deepEqual(pod.metadata.ownerReferences, [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: h.get('ReplicaSet', 'web').metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
      assert.equal(pod.metadata.labels?.app, 'web');
    }
    // One event per pod, in creation order; the recorder folds the 10th similar event within 10 min
    // into a combined one, as client-go's correlator does.
    const expected = pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`);
    expected[9] = `SuccessfulCreate: (combined from similar events): Created pod: ${pods[9].metadata.name}`;
    assert.deepEqual(h.eventsFor('ReplicaSet', 'web'), expected);
    const [decision] = h.decisionsOf('replicaset-controller');
    assert.equal(decision, 'create 10 pods (0 active pods < 10 desired → create 10 (slow start batches 1+2+4+3))');
    // The next sync (triggered by the pods' creation) reports them; no second round of creates.
    const rs = h.get<ReplicaSet>('ReplicaSet', 'web');
    assert.equal(rs.status?.replicas, 10);
    assert.equal(rs.status?.fullyLabeledReplicas, 10);
    assert.equal(rs.status?.readyReplicas, 0);
    assert.equal(rs.status?.observedGeneration, 1);
    assert.equal(h.decisionsOf('replicaset-controller').length, 1);
  });

  it('stops after a failed batch, reports FailedCreate with the quota message and a ReplicaFailure condition', () => {
    const h = new Harness({ controllers: [ReplicaSetController], pods: false });
    h.store.create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods', namespace: 'default' }, spec: { hard: { pods: '2' } } });
    h.store.create(replicaSet('web', 5));
    h.settle();
    assert.equal(ownedPods(h, 'web').length, 2);
    const events = h.eventsFor('ReplicaSet', 'web');
    const failed = events.filter((e) => e.startsWith('FailedCreate'));
    // Batch 1 creates a pod; batch 2 creates one and hits the quota with the other; the last batch
    // (2 pods) is never attempted.
    assert.equal(failed.length, 1);
    assert.match(failed[0], /^FailedCreate: Error creating: pods "web-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2$/);
    const rs = h.get<ReplicaSet>('ReplicaSet', 'web');
    const condition = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    assert.equal(condition?.status, 'True');
    assert.equal(condition?.reason, 'FailedCreate');
    assert.match(condition?.message ?? '', /exceeded quota: pods/);
    const decision = h.decisionsOf('replicaset-controller').find((d) => d.startsWith('create'));
    assert.match(decision!, /0 active pods < 5 desired → create 5 \(slow start batches 1\+2\): 2 created, 1 failed, 2 not attempted/);
  });

  it('deletes surplus pods with SuccessfulDelete events, unscheduled and not-ready ones first', () => {
    const h = new Harness({ controllers: [ReplicaSetController], pods: { readyAfterMs: 1000 } });
    h.store.create(replicaSet('web', 4));
    h.advance(5000);
    assert.ok(ownedPods(h, 'web').every((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')));
    // One more pod that never gets scheduled (the simulator only binds pods it sees created while running).
    h.pods!.stop();
    h.store.modify<ReplicaSet>('ReplicaSet', 'default', 'web', (rs) => {
      rs.spec!.replicas = 5;
    });
    h.settle();
    const unscheduled = ownedPods(h, 'web').find((p) => !p.spec?.nodeName)!;
    assert.ok(unscheduled);
    h.store.modify<ReplicaSet>('ReplicaSet', 'default', 'web', (rs) => {
      rs.spec!.replicas = 3;
    });
    h.settle();
    const deleting = ownedPods(h, 'web').filter((p) => p.metadata.deletionTimestamp);
    // The unscheduled pod went at once; one ready pod is terminating.
    assert.equal(h.store.get('Pod', 'default', unscheduled.metadata.name!), undefined);
    assert.equal(deleting.length, 1);
    const events = h.eventsFor('ReplicaSet', 'web').filter((e) => e.startsWith('SuccessfulDelete'));
    assert.deepEqual(events, [`SuccessfulDelete: Deleted pod: ${unscheduled.metadata.name}`, `SuccessfulDelete: Deleted pod: ${deleting[0].metadata.name}`]);
    const decision = h.decisionsOf('replicaset-controller').find((d) => d.startsWith('delete'))!;
    assert.match(decision, new RegExp(`^delete 2 pods \\(5 active pods > 3 desired → delete 2: ${unscheduled.metadata.name} \\(unscheduled, Pending, not ready\\)`));
    h.settle();
    assert.equal(h.get<ReplicaSet>('ReplicaSet', 'web').status?.replicas, 3);
  });

  it('adopts matching orphans, releases pods whose labels change, and ignores pods owned by others', () => {
    const h = new Harness({ controllers: [ReplicaSetController], pods: false });
    const orphan = h.store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as Pod);
    const foreign = h.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'foreign', namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'other-uid', controller: true }] },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    } as Pod);
    h.store.create(replicaSet('web', 2));
    h.settle();
    const rs = h.get<ReplicaSet>('ReplicaSet', 'web');
    const adopted = h.get<Pod>('Pod', orphan.metadata.name!);
    assert.equal(adopted.metadata.ownerReferences?.[0].uid, rs.metadata.uid);
    assert.equal(adopted.metadata.ownerReferences?.[0].controller, true);
    assert.equal(h.get<Pod>('Pod', foreign.metadata.name!).metadata.ownerReferences?.[0].uid, 'other-uid');
    assert.equal(ownedPods(h, 'web').length, 2, 'the adopted orphan counts: only one pod created');
    assert.ok(h.decisionsOf('replicaset-controller').includes('adopt pod stray (orphan pod matches selector app=web)'));

    // Relabel the adopted pod: it is released and replaced.
    h.store.modify<Pod>('Pod', 'default', 'stray', (p) => {
      p.metadata.labels = { app: 'debug' };
    });
    h.settle();
    assert.equal(h.get<Pod>('Pod', 'stray').metadata.ownerReferences, undefined);
    assert.equal(ownedPods(h, 'web').length, 2);
    assert.ok(h.decisionsOf('replicaset-controller').includes('release pod stray (its labels no longer match selector app=web)'));
  });

  it('counts a pod as available only minReadySeconds after it became Ready, and requeues for it', () => {
    const h = new Harness({ controllers: [ReplicaSetController], pods: { runAfterMs: 1000, readyAfterMs: 1000 } });
    h.store.create(replicaSet('web', 2, { minReadySeconds: 10 }));
    h.advance(3000);
    let rs = h.get<ReplicaSet>('ReplicaSet', 'web');
    assert.equal(rs.status?.readyReplicas, 2);
    assert.equal(rs.status?.availableReplicas, 0);
    h.advance(9000);
    assert.equal(h.get<ReplicaSet>('ReplicaSet', 'web').status?.availableReplicas, 0, 'ready for 9 s < 10 s');
    h.advance(2000);
    rs = h.get<ReplicaSet>('ReplicaSet', 'web');
    assert.equal(rs.status?.availableReplicas, 2, 'no pod event arrived: the requeue did it');
  });

  it('runs ReplicationControllers with the same loop under their own component name', () => {
    const h = new Harness({ controllers: [ReplicationManager], pods: false });
    h.store.create<ReplicationController>({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'mysql', namespace: 'default' },
      spec: { replicas: 1, selector: { app: 'mysql' }, template: podTemplate('mysql') },
    } as ReplicationController);
    h.settle();
    const rc = h.get<ReplicationController>('ReplicationController', 'mysql');
    const pods = h.store.list<Pod>('Pod', { namespace: 'default', ownerUid: rc.metadata.uid });
    assert.equal(pods.length, 1);
    assert.deepEqual(pods[0].metadata.ownerReferences?.[0], { apiVersion: 'v1', kind: 'ReplicationController', name: 'mysql', uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true });
    const ev = h.store.list('Event', { namespace: 'default' }).find((e) => e.reason === 'SuccessfulCreate')!;
    assert.equal(ev.source.component, 'replication-controller');
    assert.equal(ev.message, `Created pod: ${pods[0].metadata.name}`);
    assert.deepEqual(h.decisionsOf('replication-controller'), ['create 1 pod (0 active pods < 1 desired → create 1 (slow start batch 1))']);
  });
});
