import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorize, bootstrapRbacObjects, canIListRows, forbiddenMessage, rulesFor } from '../../src/rbac/index.js';
import { Harness } from '../admission/harness.js';

const RBAC = 'rbac.authorization.k8s.io/v1';

function cluster(): Harness {
  const h = new Harness();
  // As the cluster does at start: built by the control plane, so trusted.
  for (const obj of bootstrapRbacObjects()) h.store.create(obj, { trusted: true });
  h.store.create({
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: 'pod-reader', namespace: 'default' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
  });
  h.store.create({
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'read-pods', namespace: 'default' },
    subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: 'rbac.authorization.k8s.io' },
  });
  return h;
}

test('a RoleBinding grants its Role in its namespace, and the reason names the rule', () => {
  const h = cluster();
  const verdict = authorize(h.store, { user: 'jane', verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' });
  assert.equal(verdict.allowed, true);
  assert.equal(verdict.reason, 'allowed by RoleBinding "default/read-pods" of Role "pod-reader": rule {verbs: [get list watch], resources: [pods]}');
  assert.deepEqual(verdict.rule?.binding, { kind: 'RoleBinding', namespace: 'default', name: 'read-pods' });
  assert.deepEqual(verdict.rule?.role, { kind: 'Role', namespace: 'default', name: 'pod-reader' });

  const deleting = authorize(h.store, { user: 'jane', verb: 'delete', resource: 'pods', apiGroup: '', namespace: 'default', name: 'web-0' });
  assert.equal(deleting.allowed, false);
  assert.match(deleting.reason, /^denied: no rule allows delete pods "web-0" in namespace "default"; User "jane" is bound by /);
  assert.match(deleting.reason, /RoleBinding "default\/read-pods" of Role "pod-reader" to User "jane"/);
  const elsewhere = authorize(h.store, { user: 'jane', verb: 'get', resource: 'pods', apiGroup: '', namespace: 'prod' });
  assert.equal(elsewhere.allowed, false);
});

test('forbidden messages match the apiserver', () => {
  assert.equal(
    forbiddenMessage({ user: 'jane', verb: 'delete', resource: 'pods', apiGroup: '', namespace: 'default' }),
    'pods is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"',
  );
  assert.equal(
    forbiddenMessage({ user: 'jane', verb: 'list', resource: 'nodes', apiGroup: '' }),
    'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope',
  );
  assert.equal(
    forbiddenMessage({ user: 'jane', verb: 'get', resource: 'pods', apiGroup: '', namespace: 'default', name: 'web-0' }),
    'pods "web-0" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"',
  );
  assert.equal(
    forbiddenMessage({ user: 'jane', verb: 'list', resource: 'deployments', apiGroup: 'apps', namespace: 'dev' }),
    'deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "dev"',
  );
  assert.equal(
    forbiddenMessage({ user: 'system:serviceaccount:default:ci', verb: 'create', resource: 'pods', subresource: 'exec', apiGroup: '', namespace: 'default', name: 'web-0' }),
    'pods "web-0" is forbidden: User "system:serviceaccount:default:ci" cannot create resource "pods/exec" in API group "" in the namespace "default"',
  );
  assert.equal(forbiddenMessage({ user: 'jane', verb: 'get', path: '/metrics' }), 'forbidden: User "jane" cannot get path "/metrics"');
});

test('system:masters may do anything; cluster-admin is bound to it', () => {
  const h = cluster();
  const verdict = authorize(h.store, { user: 'kubernetes-admin', groups: ['system:masters'], verb: 'delete', resource: 'nodes', apiGroup: '' });
  assert.equal(verdict.allowed, true);
  assert.match(verdict.reason, /group "system:masters"/);
  const crb = h.store.get('ClusterRoleBinding', undefined, 'cluster-admin')!;
  assert.deepEqual(crb.subjects, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
});

test('ClusterRoles bound cluster-wide or in one namespace', () => {
  const h = cluster();
  h.store.create({
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'ops-view' },
    subjects: [{ kind: 'Group', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'ClusterRole', name: 'view', apiGroup: 'rbac.authorization.k8s.io' },
  });
  h.store.create({
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'bob-edit', namespace: 'default' },
    subjects: [{ kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'ClusterRole', name: 'edit', apiGroup: 'rbac.authorization.k8s.io' },
  });
  const ops = authorize(h.store, { user: 'ann', groups: ['ops'], verb: 'list', resource: 'deployments', apiGroup: 'apps', namespace: 'kube-system' });
  assert.equal(ops.allowed, true);
  assert.match(ops.reason, /^allowed by ClusterRoleBinding "ops-view" of ClusterRole "view": rule \{verbs: \[get list watch\], apiGroups: \[apps\], resources: \[.*deployments/);
  // view does not read secrets; edit does, and writes deployments — but only in its namespace.
  assert.equal(authorize(h.store, { user: 'ann', groups: ['ops'], verb: 'get', resource: 'secrets', apiGroup: '', namespace: 'default' }).allowed, false);
  assert.equal(authorize(h.store, { user: 'bob', verb: 'get', resource: 'secrets', apiGroup: '', namespace: 'default' }).allowed, true);
  assert.equal(authorize(h.store, { user: 'bob', verb: 'patch', resource: 'deployments', subresource: 'scale', apiGroup: 'apps', namespace: 'default' }).allowed, true);
  assert.equal(authorize(h.store, { user: 'bob', verb: 'create', resource: 'deployments', apiGroup: 'apps', namespace: 'kube-system' }).allowed, false);
  // edit cannot touch RBAC; admin can.
  assert.equal(authorize(h.store, { user: 'bob', verb: 'create', resource: 'rolebindings', apiGroup: 'rbac.authorization.k8s.io', namespace: 'default' }).allowed, false);
});

test('service accounts match by name, group and the binding namespace', () => {
  const h = cluster();
  h.store.create({
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'ci', namespace: 'default' },
    subjects: [{ kind: 'ServiceAccount', name: 'builder' }],
    roleRef: { kind: 'ClusterRole', name: 'admin', apiGroup: 'rbac.authorization.k8s.io' },
  });
  h.store.create({
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'all-sa-view' },
    subjects: [{ kind: 'Group', name: 'system:serviceaccounts:kube-system', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'ClusterRole', name: 'view', apiGroup: 'rbac.authorization.k8s.io' },
  });
  const sa = 'system:serviceaccount:default:builder';
  const verdict = authorize(h.store, { user: sa, verb: 'create', resource: 'rolebindings', apiGroup: 'rbac.authorization.k8s.io', namespace: 'default' });
  assert.equal(verdict.allowed, true);
  assert.equal(verdict.rule?.subject.kind, 'ServiceAccount');
  assert.equal(verdict.rule?.subject.name, 'builder');
  assert.equal(authorize(h.store, { user: 'system:serviceaccount:other:builder', verb: 'get', resource: 'pods', apiGroup: '', namespace: 'default' }).allowed, false);
  assert.equal(authorize(h.store, { user: 'system:serviceaccount:kube-system:x', verb: 'list', resource: 'pods', apiGroup: '', namespace: 'default' }).allowed, true);
});

test('resourceNames, */subresource wildcards and non-resource URLs', () => {
  const h = cluster();
  h.store.create({
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name: 'narrow' },
    rules: [
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'update'] },
      { apiGroups: ['*'], resources: ['*/scale'], verbs: ['update'] },
      { nonResourceURLs: ['/metrics', '/debug/*'], verbs: ['get'] },
    ],
  });
  h.store.create({
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'narrow' },
    subjects: [{ kind: 'User', name: 'eve', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'ClusterRole', name: 'narrow', apiGroup: 'rbac.authorization.k8s.io' },
  });
  const ask = (extra: Record<string, string>) => authorize(h.store, { user: 'eve', verb: 'get', apiGroup: '', namespace: 'default', ...extra }).allowed;
  assert.equal(ask({ resource: 'configmaps', name: 'app-config' }), true);
  assert.equal(ask({ resource: 'configmaps', name: 'other' }), false);
  assert.equal(ask({ resource: 'configmaps', verb: 'list' }), false);
  assert.equal(ask({ verb: 'update', resource: 'deployments', subresource: 'scale', apiGroup: 'apps' }), true);
  assert.equal(ask({ verb: 'update', resource: 'deployments', apiGroup: 'apps' }), false);
  assert.equal(authorize(h.store, { user: 'eve', verb: 'get', path: '/debug/pprof' }).allowed, true);
  assert.equal(authorize(h.store, { user: 'eve', verb: 'get', path: '/metrics' }).allowed, true);
  assert.equal(authorize(h.store, { user: 'eve', verb: 'get', path: '/logs' }).allowed, false);
  // every authenticated user may read /version through system:discovery
  assert.equal(authorize(h.store, { user: 'nobody', verb: 'get', path: '/version' }).allowed, true);
});

test('a ClusterRole labelled aggregate-to-view adds to view at once', () => {
  const h = cluster();
  h.store.create({
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'viewer', namespace: 'default' },
    subjects: [{ kind: 'User', name: 'vic', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'ClusterRole', name: 'view', apiGroup: 'rbac.authorization.k8s.io' },
  });
  const ask = () => authorize(h.store, { user: 'vic', verb: 'list', resource: 'widgets', apiGroup: 'example.com', namespace: 'default' }).allowed;
  assert.equal(ask(), false);
  h.store.create({
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name: 'widget-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
    rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list'] }],
  });
  assert.equal(ask(), true);
  // ...and through view, to edit and admin.
  h.store.create({
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'adm', namespace: 'default' },
    subjects: [{ kind: 'User', name: 'ada', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'ClusterRole', name: 'admin', apiGroup: 'rbac.authorization.k8s.io' },
  });
  assert.equal(authorize(h.store, { user: 'ada', verb: 'list', resource: 'widgets', apiGroup: 'example.com', namespace: 'default' }).allowed, true);
});

test('a binding to a missing role grants nothing and says so', () => {
  const h = cluster();
  h.store.create({
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'dangling', namespace: 'default' },
    subjects: [{ kind: 'User', name: 'dan', apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'Role', name: 'gone', apiGroup: 'rbac.authorization.k8s.io' },
  });
  const verdict = authorize(h.store, { user: 'dan', verb: 'get', resource: 'pods', apiGroup: '', namespace: 'default' });
  assert.equal(verdict.allowed, false);
  assert.match(verdict.reason, /RoleBinding "default\/dangling" of Role "gone" to User "dan" \(Role "gone" not found\)/);
  const stranger = authorize(h.store, { user: 'zed', verb: 'get', resource: 'pods', apiGroup: '', namespace: 'default' });
  assert.match(stranger.reason, /^denied: /);
});

test('rulesFor and the can-i --list table', () => {
  const h = cluster();
  const granted = rulesFor(h.store, { user: 'jane' }, 'default');
  const sources = new Set(granted.map((g) => g.binding));
  assert.deepEqual([...sources].sort(), [
    'ClusterRoleBinding "system:basic-user"',
    'ClusterRoleBinding "system:discovery"',
    'ClusterRoleBinding "system:public-info-viewer"',
    'RoleBinding "default/read-pods"',
  ]);
  const rows = canIListRows(granted);
  assert.deepEqual(rows.find((r) => r.resources === 'pods'), { resources: 'pods', nonResourceURLs: '[]', resourceNames: '[]', verbs: '[get list watch]' });
  assert.deepEqual(rows.find((r) => r.resources === 'selfsubjectaccessreviews.authorization.k8s.io')?.verbs, '[create]');
  // /healthz comes from two roles but rows stay one per URL per rule.
  assert.ok(rows.some((r) => r.nonResourceURLs === '[/healthz]' && r.verbs === '[get]'));
  // kubectl sorts by the rule's Go string, so [create] rows come before [get ...] rows.
  const firstGet = rows.findIndex((r) => r.verbs.startsWith('[get'));
  const lastCreate = rows.map((r) => r.verbs).lastIndexOf('[create]');
  assert.ok(lastCreate < firstGet);
  // Outside default jane holds only the cluster-wide discovery rules.
  assert.equal(rulesFor(h.store, { user: 'jane' }, 'prod').some((g) => g.binding.startsWith('RoleBinding')), false);
});
