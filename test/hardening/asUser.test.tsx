// --as USER [--as-group GROUP]: kubesim run and the dashboard act as that subject. Every request made
// for them is put to the RBAC authorizer and refused with the apiserver's own 403 text; the control
// plane is never restricted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import React from 'react';
import { setTimeout as delay } from 'node:timers/promises';
import { isApiError } from '../../src/api/errors.js';
import type { Pod } from '../../src/api/types.js';
import { main } from '../../src/cli/main.js';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestPaths, loadManifestText } from '../../src/manifests/load.js';
import { deleteObject, scaleTo } from '../../src/ops/index.js';
import { actingStore } from '../../src/ops/actingUser.js';
import { asUser, listRefusal } from '../../src/rbac/asUser.js';
import { App } from '../../src/ui/App.js';
import { resourcePage } from '../../src/ui/model/pages.js';
import { initialUiState } from '../../src/ui/model/uiReducer.js';
import { SimulationDriver } from '../../src/ui/simDriver.js';

afterEach(() => cleanup());

const RBAC = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: default}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: jane-reads-pods, namespace: default}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: default}
rules:
- {apiGroups: [apps], resources: [deployments], verbs: [get, list, create, patch, delete]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-deploy, namespace: default}
subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: deployer, apiGroup: rbac.authorization.k8s.io}
`;

/** The web fixture running, plus the RBAC above, applied by the cluster admin. */
function clusterWithRbac(): Cluster {
  const cluster = new Cluster({ seed: 3 });
  applyManifests(cluster.store, loadManifestPaths(['fixtures/manifests/web']).manifests);
  applyManifests(cluster.store, loadManifestText(RBAC, 'rbac.yaml').manifests);
  cluster.advance(60_000);
  return cluster;
}

const jane = { username: 'jane', groups: [] };
const janeInDevs = { username: 'jane', groups: ['devs'] };

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected a refusal');
}

test('a refused request throws the apiserver 403 and changes nothing; an allowed one goes through', () => {
  const cluster = clusterWithRbac();
  const store = actingStore(cluster.store, jane);
  const pod = cluster.store.list<Pod>('Pod', { namespace: 'default' })[0]!.metadata.name!;
  const rv = cluster.store.resourceVersion;

  const del = thrown(() => deleteObject(store, 'Pod', 'default', pod));
  assert.ok(isApiError(del) && del.reason === 'Forbidden' && del.code === 403);
  assert.equal(del.message, `pods "${pod}" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"`);
  assert.equal(
    thrown(() => scaleTo(store, 'Deployment', 'default', 'web', '5')).message,
    'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"',
  );
  assert.equal(
    thrown(() => store.list('Pod')).message,
    'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope',
  );
  assert.equal(cluster.store.resourceVersion, rv, 'nothing was written');

  // What the Role grants works: reading pods in default.
  assert.ok(store.get('Pod', 'default', pod));
  assert.ok(store.list('Pod', { namespace: 'default' }).length > 0);
  // A group named with --as-group brings the group's rights: the deployer Role (patch) scales.
  assert.equal(scaleTo(actingStore(cluster.store, janeInDevs), 'Deployment', 'default', 'web', '4'), 'deployment.apps/web scaled');
  assert.equal(cluster.store.get('Deployment', 'default', 'web')?.spec?.replicas, 4);
});

test('the control plane acts for itself: the user cannot scale, the controllers still reconcile', () => {
  const cluster = clusterWithRbac();
  scaleTo(actingStore(cluster.store, janeInDevs), 'Deployment', 'default', 'web', '5');
  cluster.advance(60_000);
  // The ReplicaSet controller created pods jane may not create herself.
  assert.equal(cluster.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => p.metadata.labels?.app === 'web').length, 5);
  assert.throws(() => asUser(cluster.store, janeInDevs).create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }), {
    message: 'pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "default"',
  });
});

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

test('kubesim run --as: a Role that reads pods does not allow applying a Deployment (exit 1, nothing applied)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-as-'));
  try {
    const file = join(dir, 'app.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: team-a}\ndata: {a: "1"}\n---\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: team-a}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: api}}\n' +
        '  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: api, image: nginx}]}\n',
    );
    // The rbac-quota scenario binds ClusterRole pod-reader (get, list, watch pods) to jane in team-a.
    const refused = await run('run', '--scenario', 'rbac-quota', '-f', file, '--as', 'jane', '--for', '0s', '-o', 'json');
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /app\.yaml:1:1: ConfigMap team-a\/cfg: configmaps "cfg" is forbidden: User "jane" cannot get resource "configmaps" in API group "" in the namespace "team-a"\n/);
    assert.match(refused.stderr, /nothing was applied/);
    assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');

    // The deployer service account may manage Deployments there, but not ConfigMaps: still refused.
    const sa = ['--as', 'system:serviceaccount:team-a:deployer'];
    const partly = await run('run', '--scenario', 'rbac-quota', '-f', file, ...sa, '--for', '0s');
    assert.equal(partly.code, 1);
    assert.match(partly.stderr, /configmaps "cfg" is forbidden: User "system:serviceaccount:team-a:deployer" cannot get resource "configmaps"/);

    // Only the Deployment: allowed, applied and run by the controllers.
    const deployOnly = join(dir, 'deploy.yaml');
    writeFileSync(deployOnly, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: team-a}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: api, image: nginx}]}\n');
    const allowed = await run('run', '--scenario', 'rbac-quota', '-f', deployOnly, ...sa, '--for', '30s', '-o', 'json');
    assert.equal(allowed.code, 0, allowed.stderr);
    const items = JSON.parse(allowed.stdout).items as Array<{ kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } }>;
    assert.ok(items.some((o) => o.kind === 'Deployment' && o.metadata.name === 'api' && o.metadata.namespace === 'team-a'));
    assert.ok(items.some((o) => o.kind === 'Pod' && o.metadata.labels?.app === 'api'), 'the controllers ran it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kubesim run: --as-group needs --as, and --as needs a name (exit 2)', async () => {
  const noUser = await run('run', '-f', 'fixtures/manifests/web', '--as-group', 'devs');
  assert.equal(noUser.code, 2);
  assert.match(noUser.stderr, /^error: kubesim run: --as-group needs --as USER/);
  const empty = await run('run', '-f', 'fixtures/manifests/web', '--as', '');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /--as: give the name of the user to act as/);
});

async function dashboardAs(cluster: Cluster, kind: string, user = jane) {
  const driver = new SimulationDriver(cluster, 0);
  const state = initialUiState(resourcePage(kind, 'default'), { namespace: 'default', logPane: { visible: false, height: 5, full: false, filter: '' } });
  const errors: unknown[] = [];
  const r = render(<App cluster={cluster} driver={driver} initialState={state} user={user} onKeyError={(e) => errors.push(e)} />);
  await delay(20);
  return { r, errors };
}

async function waitFor(r: ReturnType<typeof render>, what: string | RegExp, timeoutMs = 6000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = (r.lastFrame() ?? '').replace(/\n\s*/g, ' ');
    if (typeof what === 'string' ? frame.includes(what) : what.test(frame)) return frame;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last frame:\n${r.lastFrame()}`);
    await delay(10);
  }
}

test('dashboard --as: a list the user may not make shows the refusal; an action the user may not take is refused', async () => {
  const cluster = clusterWithRbac();
  assert.equal(listRefusal(cluster.store, jane, 'Deployment', 'default'), 'deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "default"');

  const deployments = await dashboardAs(cluster, 'Deployment');
  await waitFor(deployments.r, 'deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "default"');
  assert.doesNotMatch(deployments.r.lastFrame() ?? '', /\bweb\s+\d+\/\d+/, 'no rows of a refused list');
  cleanup();

  const pods = await dashboardAs(cluster, 'Pod');
  const first = cluster.store.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.metadata.name!).sort()[0]!;
  await waitFor(pods.r, first);
  pods.r.stdin.write('\u0004'); // ctrl-d: delete, after a question
  await waitFor(pods.r, /\[y\/N\]/);
  pods.r.stdin.write('y');
  await waitFor(pods.r, `pods "${first}" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"`);
  assert.ok(cluster.store.get('Pod', 'default', first), 'the pod is still there');
  assert.deepEqual(pods.errors, [], 'a refusal is not a crash');
});
