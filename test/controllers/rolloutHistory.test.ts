import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deployment, ReplicaSet } from '../../src/api/types.js';
import { DeploymentController } from '../../src/controllers/deploymentController.js';
import { GarbageCollector } from '../../src/controllers/garbageCollector.js';
import { ReplicaSetController } from '../../src/controllers/replicaSetController.js';
import { formatRolloutHistory, rolloutHistory, rolloutRestart, rolloutUndo, scale, setImage } from '../../src/sim/rollout.js';
import { deployment, Harness, rolloutComplete } from './harness.js';

const CONTROLLERS = [ReplicaSetController, DeploymentController, GarbageCollector];
const imageOf = (rs: ReplicaSet) => rs.spec?.template?.spec?.containers[0].image;
const revision = (rs: ReplicaSet) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'];

function rolledTo(h: Harness, image: string): void {
  setImage(h.store, 'Deployment', 'default', 'web', 'web', image);
  h.until(() => rolloutComplete(h));
}

describe('rollout history and rollback', () => {
  it('undo to revision 1 reuses its replica set as revision 3 and records revision-history 1', () => {
    const h = new Harness({ controllers: CONTROLLERS });
    h.store.create(deployment('web', 3, {}, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    h.store.modify<Deployment>('Deployment', 'default', 'web', (d) => {
      d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'kubernetes.io/change-cause': 'image nginx:2' };
    });
    rolledTo(h, 'nginx:2');
    assert.deepEqual(rolloutHistory(h.store, 'default', 'web'), [
      { revision: 1, changeCause: '<none>' },
      { revision: 2, changeCause: 'image nginx:2' },
    ]);
    const first = h.replicaSetsOf('web').find((rs) => imageOf(rs) === 'nginx:1')!;

    assert.equal(rolloutUndo(h.store, 'default', 'web', 1), 'deployment.apps/web rolled back');
    const d = h.get<Deployment>('Deployment', 'web');
    assert.equal(d.spec?.template?.spec?.containers[0].image, 'nginx:1');
    assert.equal(d.spec?.template?.metadata?.labels?.['pod-template-hash'], undefined, 'the hash label is not copied back');
    h.until(() => rolloutComplete(h));

    assert.equal(h.replicaSetsOf('web').length, 2, 'the old replica set is reused, not recreated');
    const reused = h.get<ReplicaSet>('ReplicaSet', first.metadata.name!);
    assert.equal(revision(reused), '3');
    assert.equal(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(reused.spec?.replicas, 3);
    assert.equal(h.get<Deployment>('Deployment', 'web').metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    assert.ok(h.decisionsOf('deployment-controller').includes(
      `reuse replica set ${first.metadata.name} as revision 3 (the pod template matches revision 1 again (a rollback); its old number goes to revision-history)`,
    ));
    const rows = rolloutHistory(h.store, 'default', 'web');
    assert.deepEqual(rows.map((r) => r.revision), [2, 3]);
    assert.equal(formatRolloutHistory('web', rows), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         image nginx:2\n3         <none>');

    // Undo without a revision goes back to the previous one (2).
    assert.equal(rolloutUndo(h.store, 'default', 'web'), 'deployment.apps/web rolled back');
    h.until(() => rolloutComplete(h));
    assert.equal(h.get<Deployment>('Deployment', 'web').spec?.template?.spec?.containers[0].image, 'nginx:2');
    assert.equal(h.get<Deployment>('Deployment', 'web').metadata.annotations?.['kubernetes.io/change-cause'], 'image nginx:2');
  });

  it('refuses revisions that are not in the history, and skips one that is already current', () => {
    const h = new Harness({ controllers: CONTROLLERS });
    h.store.create(deployment('web', 1, {}, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    assert.throws(() => rolloutUndo(h.store, 'default', 'web'), { message: 'no rollout history found for deployment "web"' });
    rolledTo(h, 'nginx:2');
    assert.throws(() => rolloutUndo(h.store, 'default', 'web', 7), { message: 'unable to find specified revision 7 in history' });
    assert.equal(rolloutUndo(h.store, 'default', 'web', 2), 'deployment.apps/web skipped rollback (current template already matches revision 2)');
  });

  it('keeps only revisionHistoryLimit old replica sets, deleting the oldest revisions', () => {
    const h = new Harness({ controllers: CONTROLLERS });
    h.store.create(deployment('web', 2, { revisionHistoryLimit: 2 }, 'nginx:1'));
    h.until(() => rolloutComplete(h));
    for (const v of [2, 3, 4, 5]) rolledTo(h, `nginx:${v}`);
    h.settle();
    const left = h.replicaSetsOf('web').map((rs) => [revision(rs), imageOf(rs)]).sort();
    assert.deepEqual(left, [['3', 'nginx:3'], ['4', 'nginx:4'], ['5', 'nginx:5']]);
    const deletions = h.decisionsOf('deployment-controller').filter((x) => x.startsWith('delete old replica set'));
    assert.equal(deletions.length, 2);
    assert.match(deletions[0], /^delete old replica set web-\w+ \(revision 1\) \(revisionHistoryLimit 2: 3 old replica sets kept → 1 over the limit, oldest revisions go first\)$/);
    assert.match(deletions[1], /\(revision 2\)/);
  });
});

describe('rollout commands', () => {
  it('restart stamps restartedAt on the template and rolls every pod', () => {
    const h = new Harness({ controllers: CONTROLLERS });
    h.store.create(deployment('web', 2));
    h.until(() => rolloutComplete(h));
    h.advance(5000);
    assert.equal(rolloutRestart(h.store, 'Deployment', 'default', 'web'), 'deployment.apps/web restarted');
    const d = h.get<Deployment>('Deployment', 'web');
    assert.equal(d.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'], h.clock.iso());
    assert.throws(() => rolloutRestart(h.store, 'Deployment', 'default', 'web'), /if restart has already been triggered within the past second/);
    h.until(() => rolloutComplete(h));
    assert.equal(h.replicaSetsOf('web').length, 2);
    assert.throws(() => rolloutRestart(h.store, 'ReplicaSet', 'default', h.replicaSetsOf('web')[0].metadata.name!), /restarting is not supported$/);
  });

  it('set image names the missing container; scale refuses negative counts', () => {
    const h = new Harness({ controllers: CONTROLLERS });
    h.store.create(deployment('web', 1));
    h.settle();
    assert.throws(() => setImage(h.store, 'Deployment', 'default', 'web', 'x', 'nginx:2'), { message: 'unable to find container named "x"' });
    assert.throws(() => scale(h.store, 'Deployment', 'default', 'web', -1), /COUNT must be greater than or equal to 0/);
    assert.throws(() => scale(h.store, 'Deployment', 'default', 'nope', 1), { message: 'deployments.apps "nope" not found' });
    assert.equal(setImage(h.store, 'Deployment', 'default', 'web', '*', 'nginx:3'), 'deployment.apps/web image updated');
    assert.equal(h.get<Deployment>('Deployment', 'web').spec?.template?.spec?.containers[0].image, 'nginx:3');
  });
});
