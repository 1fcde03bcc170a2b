import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deployment, Pod, ReplicaSet } from '../../src/api/types.js';
import { DeploymentController } from '../../src/controllers/deploymentController.js';
import { GarbageCollector } from '../../src/controllers/garbageCollector.js';
import { ReplicaSetController } from '../../src/controllers/replicaSetController.js';
import { rolloutPause, rolloutResume, scale, setImage } from '../../src/sim/rollout.js';
import { deployment, Harness, rolloutComplete } from './harness.js';

const CONTROLLERS = [ReplicaSetController, DeploymentController, GarbageCollector];
const neverReadyIfBad = (pod: Pod) => (pod.spec?.containers[0].image?.includes('bad') ? undefined : 1000);
const imageOf = (rs: ReplicaSet) => rs.spec?.template?.spec?.containers[0].image;

function byImage(h: Harness, image: string): ReplicaSet {
  const rs = h.replicaSetsOf('web').find((r) => imageOf(r) === image);
  assert.ok(rs, `a replica set for ${image}`);
  return rs;
}

function podsWithImage(h: Harness, image: string): Pod[] {
  return h.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => p.spec?.containers[0].image === image);
}

describe('Deployment controller: Recreate', () => {
  it('scales the old replica set to 0 and starts new pods only when every old pod is gone', () => {
    const h = new Harness({ controllers: CONTROLLERS, pods: { terminateAfterMs: 5000 } });
    h.store.create(deployment('web', 3, { strategy: { type: 'Recreate' } }, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    let overlap = false;
    let newCreatedWhileOldLeft = -1;
    h.onStep = () => {
      const olds = podsWithImage(h, 'nginx:1').length;
      const news = podsWithImage(h, 'nginx:2').length;
      if (olds && news) overlap = true;
      if (news && newCreatedWhileOldLeft < 0) newCreatedWhileOldLeft = olds;
    };
    setImage(h.store, 'Deployment', 'default', 'web', 'web', 'nginx:2');
    h.settle();
    const old = byImage(h, 'nginx:1');
    assert.equal(old.spec?.replicas, 0);
    assert.equal(h.replicaSetsOf('web').length, 1, 'no new replica set while old pods run');
    assert.ok(h.decisionsOf('deployment-controller').includes('waiting (3 old pods still running; recreate starts new pods only once every old pod is gone)'));
    h.advance(4000);
    assert.equal(h.replicaSetsOf('web').length, 1, 'terminating pods still count as running');
    h.until(() => rolloutComplete(h));
    assert.equal(overlap, false, 'old and new pods never run together');
    assert.equal(newCreatedWhileOldLeft, 0);
    const fresh = byImage(h, 'nginx:2');
    const events = h.eventsFor('Deployment', 'web').slice(-2);
    assert.deepEqual(events, [
      `ScalingReplicaSet: Scaled down replica set ${old.metadata.name} from 3 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${fresh.metadata.name} from 0 to 3`,
    ]);
    assert.equal(fresh.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '3', 'no surge for Recreate');
  });
});

describe('Deployment controller: proportional scaling', () => {
  it('spreads a resize over old and new replica sets (docs example: 8 + 5 → 11 + 7)', () => {
    const h = new Harness({ controllers: CONTROLLERS, pods: { readyAfterMs: neverReadyIfBad } });
    h.store.create(deployment('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    setImage(h.store, 'Deployment', 'default', 'web', 'web', 'nginx:bad');
    h.advance(30_000);
    const old = byImage(h, 'nginx:1');
    const stuck = byImage(h, 'nginx:bad');
    assert.deepEqual([old.spec?.replicas, stuck.spec?.replicas], [8, 5], 'the rollout is stuck at 8 + 5');
    assert.equal(scale(h.store, 'Deployment', 'default', 'web', 15), 'deployment.apps/web scaled');
    h.settle();
    assert.equal(h.get<ReplicaSet>('ReplicaSet', old.metadata.name!).spec?.replicas, 11);
    assert.equal(h.get<ReplicaSet>('ReplicaSet', stuck.metadata.name!).spec?.replicas, 7);
    for (const name of [old.metadata.name!, stuck.metadata.name!]) {
      const a = h.get<ReplicaSet>('ReplicaSet', name).metadata.annotations!;
      assert.equal(a['deployment.kubernetes.io/desired-replicas'], '15');
      assert.equal(a['deployment.kubernetes.io/max-replicas'], '18');
    }
    const log = h.decisionsOf('deployment-controller');
    assert.ok(log.includes(`scale up replica set ${old.metadata.name} from 8 to 11 (proportional scaling: 15 desired + maxSurge 3 = 18 allowed, 13 exist → +5; ${old.metadata.name}: round(8 × 18 / 13) − 8 = +3)`));
    assert.ok(log.includes(`scale up replica set ${stuck.metadata.name} from 5 to 7 (proportional scaling: 15 desired + maxSurge 3 = 18 allowed, 13 exist → +5; ${stuck.metadata.name}: round(5 × 18 / 13) − 5 = +2)`));
    // Scaling back down spreads the other way.
    scale(h.store, 'Deployment', 'default', 'web', 10);
    h.settle();
    assert.equal(h.get<ReplicaSet>('ReplicaSet', old.metadata.name!).spec?.replicas! + h.get<ReplicaSet>('ReplicaSet', stuck.metadata.name!).spec?.replicas!, 13);
  });

  it('a resize with one active replica set goes to it alone', () => {
    const h = new Harness({ controllers: CONTROLLERS });
    h.store.create(deployment('web', 3));
    h.until(() => rolloutComplete(h));
    scale(h.store, 'Deployment', 'default', 'web', 6);
    h.settle();
    const [rs] = h.replicaSetsOf('web');
    assert.equal(rs.spec?.replicas, 6);
    assert.ok(h.decisionsOf('deployment-controller').includes(`scale up replica set ${rs.metadata.name} from 3 to 6 (scaling: ${rs.metadata.name} is the only active replica set, so it takes all 6 desired)`));
    h.until(() => rolloutComplete(h));
  });
});

describe('Deployment controller: pause and resume', () => {
  it('holds template changes while paused, still scales, and continues on resume', () => {
    const h = new Harness({ controllers: CONTROLLERS });
    h.store.create(deployment('web', 3, {}, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    assert.equal(rolloutPause(h.store, 'default', 'web'), 'deployment.apps/web paused');
    assert.throws(() => rolloutPause(h.store, 'default', 'web'), { message: 'deployments.apps "web" is already paused' });
    setImage(h.store, 'Deployment', 'default', 'web', 'web', 'nginx:2');
    h.advance(10_000);
    assert.equal(h.replicaSetsOf('web').length, 1, 'no new replica set while paused');
    let progressing = h.get<Deployment>('Deployment', 'web').status?.conditions?.find((c) => c.type === 'Progressing');
    assert.deepEqual([progressing?.status, progressing?.reason, progressing?.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    scale(h.store, 'Deployment', 'default', 'web', 5);
    h.settle();
    assert.equal(byImage(h, 'nginx:1').spec?.replicas, 5, 'scaling applies while paused');

    assert.equal(rolloutResume(h.store, 'default', 'web'), 'deployment.apps/web resumed');
    assert.throws(() => rolloutResume(h.store, 'default', 'web'), { message: 'deployments.apps "web" is not paused' });
    h.settle();
    assert.equal(h.replicaSetsOf('web').length, 2);
    const reasons = h.decisionsOf('deployment-controller').filter((x) => x.startsWith('rollout '));
    assert.ok(reasons.some((x) => x.startsWith('rollout paused')));
    assert.ok(reasons.some((x) => x.startsWith('rollout resumed')));
    h.until(() => rolloutComplete(h));
    progressing = h.get<Deployment>('Deployment', 'web').status?.conditions?.find((c) => c.type === 'Progressing');
    assert.equal(progressing?.reason, 'NewReplicaSetAvailable');
    assert.equal(byImage(h, 'nginx:2').spec?.replicas, 5);
  });
});

describe('Deployment controller: progress deadline', () => {
  it('marks a rollout that makes no progress for progressDeadlineSeconds as ProgressDeadlineExceeded', () => {
    const h = new Harness({ controllers: CONTROLLERS, pods: { readyAfterMs: neverReadyIfBad } });
    h.store.create(deployment('web', 4, { progressDeadlineSeconds: 60 }, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    setImage(h.store, 'Deployment', 'default', 'web', 'web', 'nginx:bad');
    h.advance(30_000);
    let progressing = h.get<Deployment>('Deployment', 'web').status?.conditions?.find((c) => c.type === 'Progressing');
    assert.equal(progressing?.reason, 'ReplicaSetUpdated');
    h.advance(60_000);
    const d = h.get<Deployment>('Deployment', 'web');
    progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
    const stuck = byImage(h, 'nginx:bad');
    assert.deepEqual([progressing?.status, progressing?.reason, progressing?.message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${stuck.metadata.name}" has timed out progressing.`]);
    const available = d.status?.conditions?.find((c) => c.type === 'Available');
    assert.equal(available?.reason, 'MinimumReplicasAvailable', '3 of 4 old pods still serve');
    assert.ok(h.decisionsOf('deployment-controller').some((x) => x.startsWith(`rollout stuck (ReplicaSet "${stuck.metadata.name}" has timed out progressing.`)));
    // Nothing is rolled back.
    assert.equal(stuck.spec?.replicas, 2);
  });

  it('reports MinimumReplicasUnavailable when too few pods are available', () => {
    const h = new Harness({ controllers: CONTROLLERS, pods: { readyAfterMs: neverReadyIfBad } });
    h.store.create(deployment('web', 2, {}, 'nginx:bad'));
    h.advance(10_000);
    const available = h.get<Deployment>('Deployment', 'web').status?.conditions?.find((c) => c.type === 'Available');
    assert.deepEqual([available?.status, available?.reason, available?.message], ['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.']);
  });
});
