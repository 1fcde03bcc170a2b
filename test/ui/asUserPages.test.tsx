// The dashboard under --as: the describe, YAML and logs pages ask RBAC for what kubectl describe,
// get -o yaml and logs would (get; list events; get pods/log) and show the API server's 403 text when
// refused; scale asks for the scale subresource, as kubectl scale patches it.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import React from 'react';
import { setTimeout as delay } from 'node:timers/promises';
import type { Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestPaths, loadManifestText } from '../../src/manifests/load.js';
import type { UserInfo } from '../../src/store/admission.js';
import { App } from '../../src/ui/App.js';
import { resourcePage } from '../../src/ui/model/pages.js';
import { initialUiState } from '../../src/ui/model/uiReducer.js';
import { SimulationDriver } from '../../src/ui/simDriver.js';
import { KEYS, press, setTerminalSize } from '../helpers/ui.js';

afterEach(() => cleanup());

/** A Role in default with `rules`, bound to User jane. */
function roleForJane(name: string, rules: string): string {
  return `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${name}, namespace: default}
rules:
${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: jane-${name}, namespace: default}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: ${name}, apiGroup: rbac.authorization.k8s.io}
`;
}

const jane: UserInfo = { username: 'jane', groups: [] };

function clusterWith(rbac: string): Cluster {
  const cluster = new Cluster({ seed: 3 });
  applyManifests(cluster.store, loadManifestPaths(['fixtures/manifests/web']).manifests);
  applyManifests(cluster.store, loadManifestText(rbac, 'rbac.yaml').manifests);
  cluster.advance(60_000);
  return cluster;
}

async function dashboard(cluster: Cluster, kind: string) {
  const driver = new SimulationDriver(cluster, 0);
  const state = initialUiState(resourcePage(kind, 'default'), { namespace: 'default', logPane: { visible: false, height: 5, full: false, filter: '' } });
  const errors: unknown[] = [];
  const r = render(<App cluster={cluster} driver={driver} initialState={state} user={jane} onKeyError={(e) => errors.push(e)} />);
  setTerminalSize(r, 200, 30);
  await delay(20);
  return { r, errors };
}

/** The frame with its lines joined: a long message may wrap. */
async function waitFor(r: ReturnType<typeof render>, what: string | RegExp, timeoutMs = 6000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = (r.lastFrame() ?? '').replace(/\n\s*/g, ' ').replace(/\s+/g, ' ');
    if (typeof what === 'string' ? frame.includes(what) : what.test(frame)) return frame;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last frame:\n${r.lastFrame()}`);
    await delay(10);
  }
}

function firstWebPod(cluster: Cluster): string {
  return cluster.store
    .list<Pod>('Pod', { namespace: 'default' })
    .map((p) => p.metadata.name!)
    .filter((n) => n.startsWith('web-'))
    .sort()[0]!;
}

test('describe refused: a user who may list pods but not get them sees the 403 kubectl describe prints', async () => {
  const cluster = clusterWith(roleForJane('pod-lister', '- {apiGroups: [""], resources: [pods], verbs: [list]}'));
  const pod = firstWebPod(cluster);
  const { r, errors } = await dashboard(cluster, 'Pod');
  await waitFor(r, pod);
  await press(r, 'd');
  const frame = await waitFor(r, `pods "${pod}" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"`);
  assert.doesNotMatch(frame, /Containers:|Node:/, 'nothing of the pod is shown');
  await press(r, 'y');
  await waitFor(r, /yaml Pod default\/web-.*cannot get resource "pods"/);
  assert.doesNotMatch(r.lastFrame() ?? '', /apiVersion: v1/);
  assert.deepEqual(errors, []);
});

test('containers refused: Enter on a pod the user may list but not get shows the 403 in place of its containers', async () => {
  const cluster = clusterWith(roleForJane('pod-lister', '- {apiGroups: [""], resources: [pods], verbs: [list]}'));
  const pod = firstWebPod(cluster);
  const { r, errors } = await dashboard(cluster, 'Pod');
  await waitFor(r, pod);
  await press(r, KEYS.enter);
  const frame = await waitFor(r, `pods "${pod}" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"`);
  assert.match(frame, /containers\(default\/web-/);
  assert.doesNotMatch(frame, /nginx/, 'nothing of the pod is shown');
  assert.deepEqual(errors, []);
});

test('describe allowed, events not: the object is shown and the Events section carries the refusal', async () => {
  const cluster = clusterWith(roleForJane('pod-reader', '- {apiGroups: [""], resources: [pods], verbs: [get, list]}'));
  const pod = firstWebPod(cluster);
  const { r, errors } = await dashboard(cluster, 'Pod');
  await waitFor(r, pod);
  await press(r, 'd');
  await waitFor(r, `Name: ${pod}`);
  await press(r, 'G'); // the end of the page, where the Events section is
  await waitFor(r, 'Events: events is forbidden: User "jane" cannot list resource "events" in API group "" in the namespace "default"');
  assert.deepEqual(errors, []);
});

test('logs refused: without pods/log the logs page shows the 403 kubectl logs prints; with it, the logs', async () => {
  const cluster = clusterWith(roleForJane('pod-reader', '- {apiGroups: [""], resources: [pods], verbs: [get, list]}'));
  const pod = firstWebPod(cluster);
  const { r, errors } = await dashboard(cluster, 'Pod');
  await waitFor(r, pod);
  await press(r, 'l');
  await waitFor(r, `pods "${pod}" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"`);
  assert.deepEqual(errors, []);
  cleanup();

  applyManifests(cluster.store, loadManifestText(roleForJane('log-reader', '- {apiGroups: [""], resources: [pods/log], verbs: [get]}'), 'logs.yaml').manifests);
  const allowed = await dashboard(cluster, 'Pod');
  await waitFor(allowed.r, pod);
  await press(allowed.r, 'l');
  await waitFor(allowed.r, `logs default/${pod}`);
  await delay(50);
  assert.doesNotMatch(allowed.r.lastFrame() ?? '', /forbidden/);
});

test('scale asks for the scale subresource, as kubectl scale does; a refused get is flashed, not a crash', async () => {
  const cluster = clusterWith(roleForJane('deployer', '- {apiGroups: [apps], resources: [deployments], verbs: [get, list, patch]}'));
  const { r, errors } = await dashboard(cluster, 'Deployment');
  await waitFor(r, /web\s+\d+\/\d+/);
  await press(r, 's');
  await waitFor(r, 'scale deployment.apps/web to replicas:');
  await press(r, KEYS.backspace, '5', KEYS.enter);
  await waitFor(r, 'deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"');
  assert.notEqual(cluster.store.get('Deployment', 'default', 'web')?.spec?.replicas, 5);
  assert.deepEqual(errors, []);
  cleanup();

  const lister = clusterWith(roleForJane('lister', '- {apiGroups: [apps], resources: [deployments], verbs: [list]}'));
  const refused = await dashboard(lister, 'Deployment');
  await waitFor(refused.r, /web\s+\d+\/\d+/);
  await press(refused.r, 's');
  await waitFor(refused.r, 'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"');
  assert.deepEqual(refused.errors, [], 'the refusal is an outcome, not a key handler error');
});

test('xray under --as: a refused root list shows the 403; branches of kinds the user may not list are left out', async () => {
  const refused = clusterWith(roleForJane('pod-lister', '- {apiGroups: [""], resources: [pods], verbs: [list]}'));
  const a = await dashboard(refused, 'Pod');
  await waitFor(a.r, firstWebPod(refused));
  await press(a.r, ':', ...'xray deploy', KEYS.enter);
  await waitFor(a.r, 'deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "default"');
  assert.deepEqual(a.errors, []);
  cleanup();

  const deploymentsOnly = clusterWith(roleForJane('deploy-lister', '- {apiGroups: [apps], resources: [deployments, replicasets], verbs: [list, get]}'));
  const b = await dashboard(deploymentsOnly, 'Deployment');
  await waitFor(b.r, /web\s+\d+\/\d+/);
  await press(b.r, ':', ...'xray deploy', KEYS.enter);
  const frame = await waitFor(b.r, /ReplicaSet web-/);
  assert.doesNotMatch(frame, /Pod web-/, 'no pods under the ReplicaSet: the Role does not list pods');
  assert.deepEqual(b.errors, []);
});
