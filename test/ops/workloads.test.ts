import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../src/api/types.js';
import { formatUndoChoices, imagePrompt, scaleTo, setImageFromText, toggleRolloutPause, undoChoices, undoTo } from '../../src/ops/workloads.js';
import { rolloutComplete, withWeb } from './opsHarness.js';

test('scale from what was typed; anything but a count is refused with kubectl’s words', () => {
  const h = withWeb();
  assert.equal(scaleTo(h.store, 'Deployment', 'default', 'web', ' 5 '), 'deployment.apps/web scaled');
  h.until(() => rolloutComplete(h));
  assert.equal(h.store.list('Pod', { namespace: 'default' }).length, 5);
  assert.throws(() => scaleTo(h.store, 'Deployment', 'default', 'web', '-1'), /COUNT must be greater than or equal to 0/);
  assert.throws(() => scaleTo(h.store, 'Deployment', 'default', 'web', 'three'), /invalid replica count "three"/);
  const rs = h.replicaSetsOf('web')[0];
  assert.equal(scaleTo(h.store, 'ReplicaSet', 'default', rs.metadata.name!, '0'), `replicaset.apps/${rs.metadata.name} scaled`);
});

test('pause and resume as one toggle', () => {
  const h = withWeb();
  assert.equal(toggleRolloutPause(h.store, 'default', 'web'), 'deployment.apps/web paused');
  assert.equal(h.get<Deployment>('Deployment', 'web').spec?.paused, true);
  setImageFromText(h.store, 'Deployment', 'default', 'web', 'web=nginx:1.27');
  h.advance(30_000);
  assert.equal(h.replicaSetsOf('web').length, 1, 'paused: the new template does not roll out');
  assert.equal(toggleRolloutPause(h.store, 'default', 'web'), 'deployment.apps/web resumed');
  h.until(() => rolloutComplete(h));
  assert.equal(h.replicaSetsOf('web').length, 2);
});

test('set image from container=image, or a bare image for the first container', () => {
  const h = withWeb();
  assert.deepEqual(imagePrompt(h.get('Deployment', 'web')), { initial: 'web=', current: 'web=nginx:1.25' });
  assert.equal(setImageFromText(h.store, 'Deployment', 'default', 'web', 'web=nginx:1.27'), 'deployment.apps/web image updated');
  assert.equal(h.get<Deployment>('Deployment', 'web').spec?.template?.spec?.containers[0].image, 'nginx:1.27');
  setImageFromText(h.store, 'Deployment', 'default', 'web', 'nginx:1.28');
  assert.equal(h.get<Deployment>('Deployment', 'web').spec?.template?.spec?.containers[0].image, 'nginx:1.28');
  assert.throws(() => setImageFromText(h.store, 'Deployment', 'default', 'web', 'db=mysql:8'), /unable to find container named "db"/);
  assert.throws(() => setImageFromText(h.store, 'Deployment', 'default', 'web', 'web='), /no image given for container "web"/);
});

test('undo lists the revisions with their change-causes and goes back to the one chosen', () => {
  const h = withWeb();
  h.store.modify<Deployment>('Deployment', 'default', 'web', (d) => {
    d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'kubernetes.io/change-cause': 'nginx 1.27' };
  });
  setImageFromText(h.store, 'Deployment', 'default', 'web', 'web=nginx:1.27');
  h.until(() => rolloutComplete(h));
  const choices = undoChoices(h.store, 'default', 'web');
  assert.deepEqual(choices, { rows: [{ revision: 1, changeCause: '<none>' }, { revision: 2, changeCause: 'nginx 1.27' }], current: 2, previous: 1 });
  assert.equal(formatUndoChoices(choices), '1 <none>, 2 (current)');
  assert.throws(() => undoTo(h.store, 'default', 'web', '7'), /unable to find specified revision 7 in history/);
  assert.throws(() => undoTo(h.store, 'default', 'web', 'one'), /invalid revision "one"/);
  assert.equal(undoTo(h.store, 'default', 'web', '1'), 'deployment.apps/web rolled back');
  h.until(() => rolloutComplete(h));
  const images = h.replicaSetsOf('web').filter((rs: ReplicaSet) => (rs.spec?.replicas ?? 0) > 0).map((rs) => rs.spec?.template?.spec?.containers[0].image);
  assert.deepEqual(images, ['nginx:1.25']);
  assert.equal(undoChoices(h.store, 'default', 'web').current, 3);
});
