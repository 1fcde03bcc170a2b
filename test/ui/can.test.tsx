import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { Cluster } from '../../src/cluster.js';
import { CAN_VERBS, canMatrix, parseSubject, reasonsOf, type CanSubject } from '../../src/ui/model/canMatrix.js';
import { wrapText } from '../../src/ui/views/CanView.js';
import { KEYS, command, demoCluster, filter, frameHas, misfit, press, renderApp, screenLines, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

function withRbac(): Cluster {
  const cluster = demoCluster([], 1_000);
  cluster.store.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'pod-reader', namespace: 'default' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
  });
  cluster.store.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'read-pods', namespace: 'default' },
    subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: 'rbac.authorization.k8s.io' },
  });
  cluster.store.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'devs-view' },
    subjects: [{ kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'ClusterRole', name: 'view', apiGroup: 'rbac.authorization.k8s.io' },
  });
  return cluster;
}

const marks = (cluster: Cluster, subject: CanSubject, namespace: string | undefined, resource: string) =>
  canMatrix(cluster.store, subject, namespace)
    .find((r) => r.resource === resource)!
    .decisions.map((d) => (d.allowed ? '✓' : '✗'))
    .join('');

test('subjects are written as k9s does: a bare name or u: is a user, g: a group, s:ns:name a service account', () => {
  assert.deepEqual(parseSubject('jane'), { user: 'jane', groups: [], label: 'User "jane"' });
  assert.deepEqual(parseSubject('u:jane'), { user: 'jane', groups: [], label: 'User "jane"' });
  assert.deepEqual(parseSubject('g:devs'), { user: 'member-of:devs', groups: ['devs'], label: 'Group "devs"' });
  assert.deepEqual(parseSubject('s:default:builder'), { user: 'system:serviceaccount:default:builder', groups: [], label: 'ServiceAccount "default/builder"' });
  assert.ok('error' in parseSubject('s:default'));
});

test('the grid answers each verb from the authorizer, per namespace, with the rule that granted it', () => {
  const cluster = withRbac();
  const jane = parseSubject('jane') as CanSubject;
  assert.deepEqual([...CAN_VERBS], ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
  assert.equal(marks(cluster, jane, 'default', 'pods'), '✓✓✓✗✗✗✗');
  assert.equal(marks(cluster, jane, 'default', 'deployments'), '✗✗✗✗✗✗✗');
  assert.equal(marks(cluster, jane, 'kube-system', 'pods'), '✗✗✗✗✗✗✗', 'a RoleBinding grants only in its namespace');
  const devs = parseSubject('g:devs') as CanSubject;
  assert.equal(marks(cluster, devs, 'kube-system', 'deployments'), '✓✓✓✗✗✗✗');
  assert.equal(marks(cluster, devs, 'default', 'secrets'), '✗✗✗✗✗✗✗', 'view does not read secrets');

  const reasons = reasonsOf(canMatrix(cluster.store, jane, 'default').find((r) => r.resource === 'pods')!);
  assert.deepEqual(reasons.map((r) => [r.verbs.join(' '), r.allowed]), [['get list watch', true], ['create update patch delete', false]]);
  assert.match(reasons[0].reason, /^allowed by RoleBinding "default\/read-pods" of Role "pod-reader": rule \{verbs: \[get list watch\], resources: \[pods\]\}$/);
  assert.match(reasons[1].reason, /^denied: no rule allows create\/update\/patch\/delete pods in namespace "default"; User "jane" is bound by .*RoleBinding "default\/read-pods" of Role "pod-reader" to User "jane"$/);
});

test('reasons wrap to the width at spaces', () => {
  assert.deepEqual(wrapText('allowed by RoleBinding "default/read-pods"', 20), ['allowed by', 'RoleBinding', '"default/read-pods"']);
});

test(':can jane shows the grid in the active namespace, and why for the selected resource, within 80x24', async () => {
  const cluster = withRbac();
  const app = await renderApp(cluster, { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('pods(default)'));
  await command(app.r, 'can jane');
  let frame = await waitForFrame(app.r, frameHas('can User "jane" in namespace default'));
  assert.match(frame, /RESOURCE\s+GET LIST WATCH CREATE UPDATE PATCH DELETE/);
  assert.equal(misfit(frame, 80, 24), undefined);
  await filter(app.r, '^pods');
  frame = await waitForFrame(app.r, frameHas('</^pods>', 'why, for pods'));
  const row = screenLines(frame).find((l) => l.startsWith('>pods'))!;
  assert.deepEqual(row.replace(/^>pods\s+/, '').split(/\s+/), ['✓', '✓', '✓', '✗', '✗', '✗', '✗']);
  assert.match(frame.replace(/\n /g, ' '), /✓ get list watch: allowed by RoleBinding "default\/read-pods" of Role "pod-reader"/);
  assert.match(frame, /✗ create update patch delete: denied/);
  assert.equal(misfit(frame, 80, 24), undefined);
  await press(app.r, KEYS.esc);
  frame = await waitForFrame(app.r, (f) => !f.includes('</^pods>') && f.includes('can User "jane"'));
  assert.match(frame, /^>bindings|^>clusterrolebindings\*|^>clusterroles\*|^>configmaps/m);
});
