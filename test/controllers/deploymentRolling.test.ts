import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deployment, Pod, ReplicaSet } from '../../src/api/types.js';
import { DeploymentController } from '../../src/controllers/deploymentController.js';
import { GarbageCollector } from '../../src/controllers/garbageCollector.js';
import { ReplicaSetController } from '../../src/controllers/replicaSetController.js';
import { setImage } from '../../src/sim/rollout.js';
import { deployment, Harness, rolloutComplete } from './harness.js';
import type { PodSimulatorOptions } from '../helpers/podSimulator.js';

const CONTROLLERS = [ReplicaSetController, DeploymentController, GarbageCollector];

function harness(pods: PodSimulatorOptions = {}): Harness {
  return new Harness({ controllers: CONTROLLERS, pods });
}

const imageOf = (rs: ReplicaSet) => rs.spec?.template?.spec?.containers[0].image;

/** Records every distinct (new RS, old RS) pair of spec.replicas the rollout passes through. */
function trackPairs(h: Harness, newImage: string): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  h.onStep = () => {
    const rss = h.replicaSetsOf('web');
    const fresh = rss.find((rs) => imageOf(rs) === newImage);
    const old = rss.filter((rs) => rs !== fresh).reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
    const pair: [number, number] = [fresh?.spec?.replicas ?? 0, old];
    const last = pairs[pairs.length - 1];
    if (!last || last[0] !== pair[0] || last[1] !== pair[1]) pairs.push(pair);
  };
  h.onStep();
  return pairs;
}

/** Pods that count towards availability: Ready and not being deleted. */
function readyPods(h: Harness): number {
  return h.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
}

describe('Deployment controller: creation', () => {
  it('creates web-<pod-template-hash> with revision and replica annotations and reports a complete rollout', () => {
    const h = harness();
    const reasons: string[] = [];
    h.onStep = () => {
      const c = h.store.get<Deployment>('Deployment', 'default', 'web')?.status?.conditions?.find((x) => x.type === 'Progressing');
      const text = c && `${c.reason}: ${c.message}`;
      if (text && reasons[reasons.length - 1] !== text) reasons.push(text);
    };
    h.store.create(deployment('web', 3));
    h.settle();
    const [rs] = h.replicaSetsOf('web');
    const hash = rs.metadata.labels?.['pod-template-hash'];
    assert.match(hash!, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    assert.equal(rs.metadata.name, `web-${hash}`);
    assert.equal(rs.spec?.replicas, 3);
    assert.deepEqual(rs.spec?.selector?.matchLabels, { app: 'web', 'pod-template-hash': hash });
    assert.equal(rs.spec?.template?.metadata?.labels?.['pod-template-hash'], hash);
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '3');
    assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '4');
    const pods = h.store.list<Pod>('Pod', { namespace: 'default', ownerUid: rs.metadata.uid });
    assert.equal(pods.length, 3);
    assert.ok(pods.every((p) => p.metadata.labels?.['pod-template-hash'] === hash && p.metadata.name!.startsWith(`web-${hash}-`)));
    assert.deepEqual(h.eventsFor('Deployment', 'web'), [`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    assert.equal(h.decisionsOf('deployment-controller')[0],
      `scale up replica set web-${hash} from 0 to 3 (rolling update: 3 desired + maxSurge 1 = 4 allowed, 0 exist → +3 (the new replica set needs only 3 more); new pod template → revision 1)`);
    let d = h.get<Deployment>('Deployment', 'web');
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    h.until(() => rolloutComplete(h));
    assert.deepEqual(reasons, [
      `NewReplicaSetCreated: Created new replica set "web-${hash}"`,
      `ReplicaSetUpdated: ReplicaSet "web-${hash}" is progressing.`,
      `NewReplicaSetAvailable: ReplicaSet "web-${hash}" has successfully progressed.`,
    ]);
    d = h.get<Deployment>('Deployment', 'web');
    assert.deepEqual(
      { replicas: d.status?.replicas, updated: d.status?.updatedReplicas, ready: d.status?.readyReplicas, available: d.status?.availableReplicas, unavailable: d.status?.unavailableReplicas },
      { replicas: 3, updated: 3, ready: 3, available: 3, unavailable: 0 },
    );
    const available = d.status?.conditions?.find((c) => c.type === 'Available');
    assert.deepEqual([available?.status, available?.reason, available?.message], ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
    const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
    assert.deepEqual([progressing?.status, progressing?.message], ['True', `ReplicaSet "web-${hash}" has successfully progressed.`]);
    assert.ok(h.decisionsOf('deployment-controller').some((x) => x.startsWith('rollout complete (ReplicaSet')));
  });

  it('gives the same template the same hash and a different template a different one', () => {
    const a = harness({});
    a.store.create(deployment('web', 1));
    a.settle();
    const b = harness({});
    b.store.create(deployment('web', 1));
    b.settle();
    const c = harness({});
    c.store.create(deployment('web', 1, {}, 'nginx:1.26'));
    c.settle();
    assert.equal(a.replicaSetsOf('web')[0].metadata.name, b.replicaSetsOf('web')[0].metadata.name);
    assert.notEqual(a.replicaSetsOf('web')[0].metadata.name, c.replicaSetsOf('web')[0].metadata.name);
  });
});

describe('Deployment controller: RollingUpdate', () => {
  it('10 replicas, maxSurge 3, maxUnavailable 2: passes through the exact (new, old) counts', () => {
    const h = harness({ runAfterMs: 1000, readyAfterMs: 1000, terminateAfterMs: 500 });
    h.store.create(deployment('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    const pairs = trackPairs(h, 'nginx:2');
    let maxTotal = 0;
    let minReady = Infinity;
    const onPairs = h.onStep!;
    h.onStep = () => {
      onPairs();
      const [n, o] = pairs[pairs.length - 1];
      maxTotal = Math.max(maxTotal, n + o);
      minReady = Math.min(minReady, readyPods(h));
    };
    assert.equal(setImage(h.store, 'Deployment', 'default', 'web', 'web', 'nginx:2'), 'deployment.apps/web image updated');
    h.until(() => rolloutComplete(h));
    assert.deepEqual(pairs, [
      [0, 10],
      [3, 10],
      [3, 8],
      [5, 8],
      [5, 3],
      [10, 3],
      [10, 0],
    ]);
    assert.equal(maxTotal, 13, 'never more than replicas + maxSurge');
    assert.ok(minReady >= 8, `never fewer than replicas − maxUnavailable ready (saw ${minReady})`);

    const rss = h.replicaSetsOf('web');
    const fresh = rss.find((rs) => imageOf(rs) === 'nginx:2')!.metadata.name!;
    const old = rss.find((rs) => imageOf(rs) === 'nginx:1')!.metadata.name!;
    const log = h.decisionsOf('deployment-controller');
    const after = log.slice(log.findIndex((x) => x.includes(`replica set ${fresh} from 0 to 3`)));
    assert.deepEqual(after.filter((x) => x.startsWith('scale') || x.startsWith('waiting')), [
      `scale up replica set ${fresh} from 0 to 3 (rolling update: 10 desired + maxSurge 3 = 13 allowed, 10 exist → +3; new pod template → revision 2)`,
      `scale down replica set ${old} from 10 to 8 (minAvailable 8 (10 − maxUnavailable 2); 10 available → 2 may go)`,
      `scale up replica set ${fresh} from 3 to 5 (rolling update: 10 desired + maxSurge 3 = 13 allowed, 11 exist → +2)`,
      `waiting (0 old pods may be removed: 13 pods − minAvailable 8 − 5 unavailable in the new replica set = 0; new replica set ${fresh} stays at 5: 13 pods = 13 allowed (10 + maxSurge 3))`,
      `scale down replica set ${old} from 8 to 3 (minAvailable 8 (10 − maxUnavailable 2); 13 available → 5 may go)`,
      `scale up replica set ${fresh} from 5 to 10 (rolling update: 10 desired + maxSurge 3 = 13 allowed, 8 exist → +5)`,
      `waiting (0 old pods may be removed: 13 pods − minAvailable 8 − 5 unavailable in the new replica set = 0)`,
      `scale down replica set ${old} from 3 to 0 (minAvailable 8 (10 − maxUnavailable 2); 13 available → 5 may go)`,
    ]);
    const events = h.eventsFor('Deployment', 'web');
    assert.deepEqual(events.slice(-6), [
      `ScalingReplicaSet: Scaled up replica set ${fresh} from 0 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${old} from 10 to 8`,
      `ScalingReplicaSet: Scaled up replica set ${fresh} from 3 to 5`,
      `ScalingReplicaSet: Scaled down replica set ${old} from 8 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${fresh} from 5 to 10`,
      `ScalingReplicaSet: Scaled down replica set ${old} from 3 to 0`,
    ]);
    const d = h.get<Deployment>('Deployment', 'web');
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.equal(h.get<ReplicaSet>('ReplicaSet', old).spec?.replicas, 0, 'the old replica set is kept for rollback');
  });

  it('defaults (25%/25%) on 10 replicas: 10 → 13 pods, old to 8, and never below 8 ready while pods get ready one by one', () => {
    let k = 0;
    const h = harness({ runAfterMs: 1000, readyAfterMs: (pod) => (pod.spec?.containers[0].image === 'nginx:2' ? 1000 + 700 * k++ : 1000), terminateAfterMs: 3000 });
    h.store.create(deployment('web', 10, {}, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    const pairs = trackPairs(h, 'nginx:2');
    let maxTotal = 0;
    let minReady = Infinity;
    const onPairs = h.onStep!;
    h.onStep = () => {
      onPairs();
      const [n, o] = pairs[pairs.length - 1];
      maxTotal = Math.max(maxTotal, n + o);
      minReady = Math.min(minReady, readyPods(h));
    };
    setImage(h.store, 'Deployment', 'default', 'web', 'web', 'nginx:2');
    h.until(() => rolloutComplete(h));
    assert.deepEqual(pairs.slice(0, 4), [[0, 10], [3, 10], [3, 8], [5, 8]]);
    assert.deepEqual(pairs[pairs.length - 1], [10, 0]);
    assert.equal(maxTotal, 13);
    assert.ok(minReady >= 8, `saw ${minReady} ready pods`);
    // Every scale-down of the old replica set stays within the availability budget.
    for (let i = 1; i < pairs.length; i++) {
      assert.ok(pairs[i][0] + pairs[i][1] <= 13);
    }
  });

  it('does not repeat a wait on a resync that changes nothing', () => {
    const h = harness({ readyAfterMs: (pod) => (pod.spec?.containers[0].image === 'nginx:bad' ? undefined : 1000) });
    h.store.create(deployment('web', 4, {}, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    setImage(h.store, 'Deployment', 'default', 'web', 'web', 'nginx:bad');
    h.advance(30_000);
    const waits = h.decisionsOf('deployment-controller').filter((x) => x.startsWith('waiting'));
    assert.equal(waits.length, 1);
    // 4 replicas: surge 1, unavailable 1 → old 4→3, new 1→2, then stuck.
    assert.match(waits[0], /^waiting \(0 old pods may be removed: 5 pods − minAvailable 3 − 2 unavailable in the new replica set = 0/);
    for (let i = 0; i < 5; i++) h.controllers[1].enqueue('default/web');
    h.settle();
    assert.equal(h.decisionsOf('deployment-controller').filter((x) => x.startsWith('waiting')).length, 1);
  });
});
