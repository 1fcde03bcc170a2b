import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import type { Deployment, Pod, ReplicaSet } from '../../src/api/types.js';
import { DeploymentController } from '../../src/controllers/deploymentController.js';
import { GarbageCollector } from '../../src/controllers/garbageCollector.js';
import { ReplicaSetController } from '../../src/controllers/replicaSetController.js';
import { deployment, Harness, podTemplate, rolloutComplete } from './harness.js';

const CONTROLLERS = [ReplicaSetController, DeploymentController, GarbageCollector];

function running(h: Harness): Harness {
  h.store.create(deployment('web', 3));
  h.until(() => rolloutComplete(h));
  return h;
}

const count = (h: Harness, kind: string) => h.store.list(kind, { namespace: 'default' }).length;

function configMap(name: string, owner?: KObject): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'default',
      ...(owner ? { ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, blockOwnerDeletion: true }] } : {}),
    },
    data: {},
  };
}

describe('garbage collector', () => {
  it('Background: the deployment goes at once, then its replica sets, then their pods', () => {
    const h = running(new Harness({ controllers: CONTROLLERS, pods: { terminateAfterMs: 2000 } }));
    const [rs] = h.replicaSetsOf('web');
    h.store.delete('Deployment', 'default', 'web');
    assert.equal(h.store.get('Deployment', 'default', 'web'), undefined);
    h.settle();
    assert.equal(count(h, 'ReplicaSet'), 0);
    const pods = h.store.list<Pod>('Pod', { namespace: 'default' });
    assert.equal(pods.length, 3);
    assert.ok(pods.every((p) => p.metadata.deletionTimestamp), 'pods terminate gracefully');
    h.advance(3000);
    assert.equal(count(h, 'Pod'), 0);
    const log = h.decisionsOf('garbage-collector');
    assert.ok(log.some((x) => x.startsWith(`delete replicaset default/${rs.metadata.name} (background) (every owner is gone (deployment web uid `)));
    assert.equal(log.filter((x) => x.startsWith('delete pod ')).length, 3);
  });

  it('Foreground: pods go first, then the replica set, then the deployment', () => {
    const h = running(new Harness({ controllers: CONTROLLERS, pods: { terminateAfterMs: 2000 } }));
    const order: string[] = [];
    let had = { d: true, rs: true, pods: 3 };
    h.onStep = () => {
      const now = { d: !!h.store.get('Deployment', 'default', 'web'), rs: count(h, 'ReplicaSet') > 0, pods: count(h, 'Pod') };
      if (had.pods > 0 && now.pods === 0) order.push('pods');
      if (had.rs && !now.rs) order.push('replicaset');
      if (had.d && !now.d) order.push('deployment');
      had = now;
    };
    h.store.delete('Deployment', 'default', 'web', { propagationPolicy: 'Foreground' });
    h.settle();
    const d = h.get<Deployment>('Deployment', 'web');
    assert.ok(d.metadata.deletionTimestamp);
    assert.deepEqual(d.metadata.finalizers, ['foregroundDeletion']);
    const rs = h.replicaSetsOf('web')[0];
    assert.deepEqual(rs.metadata.finalizers, ['foregroundDeletion'], 'the replica set has pods of its own: it is deleted in the foreground too');
    assert.equal(rs.spec?.replicas, 3, 'the deployment controller does not scale a deployment being deleted');
    assert.equal(count(h, 'Pod'), 3, 'the replica set controller does not replace pods of a replica set being deleted');
    h.advance(3000);
    assert.deepEqual(order, ['pods', 'replicaset', 'deployment']);
    assert.ok(h.decisionsOf('garbage-collector').some((x) => x.startsWith('finish foreground deletion of deployment default/web')));
  });

  it('Orphan: the replica set goes, its pods stay without an owner and a new matching replica set adopts them', () => {
    const h = new Harness({ controllers: CONTROLLERS });
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: podTemplate('web') },
    } as ReplicaSet;
    h.store.create(rs);
    h.advance(3000);
    const before = h.store.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.metadata.name).sort();
    h.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Orphan' });
    h.settle();
    assert.equal(h.store.get('ReplicaSet', 'default', 'web'), undefined);
    const pods = h.store.list<Pod>('Pod', { namespace: 'default' });
    assert.deepEqual(pods.map((p) => p.metadata.name).sort(), before);
    assert.ok(pods.every((p) => !p.metadata.ownerReferences && !p.metadata.deletionTimestamp));
    assert.ok(h.decisionsOf('garbage-collector').some((x) => x.startsWith('orphan 2 dependents of replicaset default/web')));

    h.store.create({ ...rs, metadata: { name: 'web2', namespace: 'default' } });
    h.settle();
    const web2 = h.get<ReplicaSet>('ReplicaSet', 'web2');
    const owned = h.store.list<Pod>('Pod', { namespace: 'default', ownerUid: web2.metadata.uid });
    assert.deepEqual(owned.map((p) => p.metadata.name).sort(), before, 'adopted, none created');
  });

  it('an owner is identified by uid: a new object with the same name does not keep dependents alive', () => {
    const h = new Harness({ controllers: [GarbageCollector], pods: false });
    const owner = h.store.create(configMap('owner'));
    h.store.create(configMap('dependent', owner));
    h.store.delete('ConfigMap', 'default', 'owner');
    h.store.create(configMap('owner'));
    h.settle();
    assert.equal(h.store.get('ConfigMap', 'default', 'dependent'), undefined);
    assert.ok(h.store.get('ConfigMap', 'default', 'owner'));
  });

  it('keeps a dependent that still has another owner, dropping only the reference to the gone one', () => {
    const h = new Harness({ controllers: [GarbageCollector], pods: false });
    const a = h.store.create(configMap('a'));
    const b = h.store.create(configMap('b'));
    const dep = configMap('dep', a);
    dep.metadata.ownerReferences!.push({ apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: b.metadata.uid! });
    h.store.create(dep);
    h.store.delete('ConfigMap', 'default', 'a');
    h.settle();
    const left = h.get('ConfigMap', 'dep');
    assert.deepEqual(left.metadata.ownerReferences?.map((r) => r.name), ['b']);
  });

  it('collects objects whose owners were already gone when it started', () => {
    const h = new Harness({ controllers: [], pods: false });
    h.store.create({ ...configMap('stale'), metadata: { name: 'stale', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' }] } });
    h.store.create(configMap('plain'));
    const gc = new GarbageCollector(h.cp);
    gc.start();
    h.settle();
    assert.equal(h.store.get('ConfigMap', 'default', 'stale'), undefined);
    assert.ok(h.store.get('ConfigMap', 'default', 'plain'));
  });
});
