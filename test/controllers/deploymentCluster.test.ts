// The workload controllers inside the full Cluster: real scheduler, real kubelets, every controller.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deployment, Pod, ReplicaSet, ReplicationController } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { rolloutHistory, rolloutUndo, setImage } from '../../src/sim/rollout.js';
import { deployment, podTemplate } from './harness.js';

function complete(c: Cluster, name: string): boolean {
  const d = c.store.get<Deployment>('Deployment', 'default', name)!;
  const st = d.status ?? {};
  return st.observedGeneration === d.metadata.generation && st.updatedReplicas === d.spec?.replicas && st.availableReplicas === d.spec?.replicas && st.replicas === d.spec?.replicas;
}

function until(c: Cluster, done: () => boolean, limitMs = 10 * 60_000): void {
  const stop = c.clock.now() + limitMs;
  while (!done()) {
    assert.ok(c.clock.now() < stop, 'condition not reached in time');
    c.advance(1000);
  }
}

const imageOf = (rs: ReplicaSet) => rs.spec?.template?.spec?.containers[0].image;

describe('workload controllers in the full cluster', () => {
  it('rolls a deployment forward and back with pods scheduled and started by the real components', () => {
    const c = new Cluster({ seed: 11 });
    c.store.create(deployment('web', 4, {}, 'nginx:1.25'));
    until(c, () => complete(c, 'web'));
    const d0 = c.store.get<Deployment>('Deployment', 'default', 'web')!;
    const rssOf = () => c.store.list<ReplicaSet>('ReplicaSet', { namespace: 'default', ownerUid: d0.metadata.uid });

    let maxTotal = 0;
    let minAvailable = Infinity;
    setImage(c.store, 'Deployment', 'default', 'web', 'web', 'nginx:1.26');
    until(c, () => {
      const rss = rssOf();
      maxTotal = Math.max(maxTotal, rss.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0));
      minAvailable = Math.min(minAvailable, c.store.get<Deployment>('Deployment', 'default', 'web')!.status?.availableReplicas ?? 0);
      return complete(c, 'web');
    });
    // 4 replicas, 25%/25%: surge 1, unavailable 1.
    assert.ok(maxTotal <= 5, `at most 5 pods wanted (saw ${maxTotal})`);
    assert.ok(minAvailable >= 3, `at least 3 available (saw ${minAvailable})`);
    const pods = c.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => !p.metadata.deletionTimestamp);
    assert.equal(pods.length, 4);
    assert.ok(pods.every((p) => p.spec?.nodeName && p.status?.phase === 'Running' && p.spec.containers[0].image === 'nginx:1.26'));

    assert.equal(rolloutUndo(c.store, 'default', 'web', 1), 'deployment.apps/web rolled back');
    until(c, () => complete(c, 'web'));
    const back = rssOf().find((rs) => imageOf(rs) === 'nginx:1.25')!;
    assert.equal(back.spec?.replicas, 4);
    assert.equal(back.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    assert.equal(back.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.deepEqual(rolloutHistory(c.store, 'default', 'web').map((r) => r.revision), [2, 3]);
    const scaled = c.store.list('Event', { namespace: 'default' }).filter((e) => e.reason === 'ScalingReplicaSet');
    assert.ok(scaled.every((e) => e.source?.component === 'deployment-controller'));
    assert.ok(scaled.some((e) => /^Scaled down replica set web-\w+ from 1 to 0$/.test(e.message ?? '')));
  });

  it('runs the first-tutorial ReplicationController and collects its pods when it is deleted', () => {
    const c = new Cluster({ seed: 5 });
    c.store.create<ReplicationController>({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'mysql', namespace: 'default' },
      spec: { replicas: 1, selector: { app: 'mysql' }, template: podTemplate('mysql', 'mysql:8') },
    } as ReplicationController);
    until(c, () => c.store.get<ReplicationController>('ReplicationController', 'default', 'mysql')?.status?.readyReplicas === 1);
    const [pod] = c.store.list<Pod>('Pod', { namespace: 'default' });
    assert.match(pod.metadata.name!, /^mysql-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const first = c.decisions.query({ component: 'replication-controller' })[0];
    assert.equal(`${first.action} (${first.reason})`, 'create 1 pod (0 active pods < 1 desired → create 1 (slow start batch 1))');

    c.store.delete('ReplicationController', 'default', 'mysql');
    until(c, () => c.store.list('Pod', { namespace: 'default' }).length === 0);
    assert.ok(c.decisions.query({ component: 'garbage-collector' }).some((d) => d.action === `delete pod default/${pod.metadata.name} (background)`));
  });
});
