// The API server's HTTP protocol with a plain HTTPS client: authentication, discovery, the Status
// of every failure, lists with selectors and pages, patches, server-side apply, watches (replay,
// 410, bookmarks, clean-up), tables and subresources. The clock is advanced by hand.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './helpers.js';

const deployment = (name: string, replicas = 2, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] }] } },
    ...extra,
  },
});

describe('apiserver protocol', { timeout: 60_000 }, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ bookmarkIntervalMs: 50 });
  });
  after(async () => {
    await s.stop();
  });

  it('serves TLS on 127.0.0.1 with a certificate signed by its own CA', () => {
    const { tls, url } = s.headless.server;
    assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = new X509Certificate(tls.caCert);
    const leaf = new X509Certificate(tls.cert);
    assert.equal(ca.ca, true);
    assert.equal(leaf.verify(ca.publicKey), true);
    assert.equal(leaf.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1');
  });

  it('answers 401 Unauthorized without the token, or with another', async () => {
    for (const token of [null, 'not-the-token']) {
      const r = await s.request('GET', '/api/v1/pods', { token });
      assert.equal(r.status, 401);
      assert.deepEqual(r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    }
    assert.equal((await s.request('GET', '/version')).json().gitVersion, 'v1.33.1');
  });

  it('serves legacy and aggregated discovery', async () => {
    const agg = await s.request('GET', '/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    assert.equal(agg.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = agg.json().items.find((g: any) => g.metadata.name === 'apps');
    const deployments = apps.versions[0].resources.find((r: any) => r.resource === 'deployments');
    assert.deepEqual(deployments.subresources.find((x: any) => x.subresource === 'scale').responseKind, { group: 'autoscaling', version: 'v1', kind: 'Scale' });
    assert.deepEqual(deployments.shortNames, ['deploy']);
    const core = (await s.request('GET', '/api/v1')).json();
    const eviction = core.resources.find((r: any) => r.name === 'pods/eviction');
    assert.deepEqual([eviction.group, eviction.version, eviction.kind], ['policy', 'v1', 'Eviction']);
    assert.deepEqual((await s.request('GET', '/api')).json().versions, ['v1']);
  });

  it('answers malformed and refused requests with the real Status', async () => {
    const bad = await s.request('POST', '/apis/apps/v1/namespaces/default/deployments', { raw: '{"kind": ', headers: { 'Content-Type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().reason, 'BadRequest');
    assert.match(bad.json().message, /^couldn't get version\/kind; json parse error: /);

    const strict = await s.request('POST', '/apis/apps/v1/namespaces/default/deployments?fieldValidation=Strict', { body: deployment('strict', 1, { replica: 3 }) });
    assert.equal(strict.status, 400);
    assert.equal(strict.json().message, 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');

    const warned = await s.request('POST', '/apis/apps/v1/namespaces/default/deployments?fieldValidation=Warn', { body: deployment('warned', 1, { replica: 3 }) });
    assert.equal(warned.status, 201);
    assert.equal(warned.headers.warning, '299 - "unknown field \\"spec.replica\\""');

    const invalid = await s.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body: deployment('neg', -1) });
    assert.equal(invalid.status, 422);
    const status = invalid.json();
    assert.equal(status.reason, 'Invalid');
    assert.equal(status.message, 'Deployment.apps "neg" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    assert.deepEqual(status.details, {
      kind: 'Deployment',
      group: 'apps',
      name: 'neg',
      causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }],
    });

    const missing = await s.request('GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json().details, { kind: 'deployments', group: 'apps', name: 'nope' });
    assert.equal(missing.json().message, 'deployments.apps "nope" not found');

    const again = await s.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body: deployment('warned', 1) });
    assert.equal(again.status, 409);
    assert.equal(again.json().reason, 'AlreadyExists');

    const selector = await s.request('GET', '/api/v1/pods?labelSelector=app+in+(x');
    assert.equal(selector.status, 400);
    const field = await s.request('GET', '/api/v1/pods?fieldSelector=spec.foo%3Dbar');
    assert.equal(field.json().message, 'field label not supported: spec.foo');
    assert.equal((await s.request('GET', '/apis/nothing/v1/things')).status, 404);
    const badPath = await s.request('GET', '/api/v1/namespaces/%ZZ/pods');
    assert.deepEqual([badPath.status, badPath.json().reason], [400, 'BadRequest']);
    const huge = await s.request('POST', '/api/v1/namespaces/default/configmaps', { raw: 'x'.repeat(4 * 1024 * 1024), headers: { 'Content-Type': 'application/json' } });
    assert.equal(huge.status, 413);
    const protobuf = await s.request('POST', '/api/v1/namespaces/default/configmaps', { raw: 'not protobuf', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' } });
    assert.equal(protobuf.status, 400);
    const yaml = await s.request('POST', '/api/v1/namespaces/default/configmaps', { raw: 'a: [b', headers: { 'Content-Type': 'application/yaml' } });
    assert.equal(yaml.status, 400);
    assert.equal((await s.request('GET', '/version')).status, 200, 'the server is still up');
    assert.equal((await s.request('DELETE', '/apis/apps/v1/namespaces/default/deployments/warned', { body: { propagationPolicy: 'Sideways' } })).status, 422);
  });

  it('refuses a stale resourceVersion with 409 Conflict', async () => {
    const live = (await s.request('GET', '/apis/apps/v1/namespaces/default/deployments/warned')).json();
    const stale = { ...live, metadata: { ...live.metadata, resourceVersion: '1' } };
    const r = await s.request('PUT', '/apis/apps/v1/namespaces/default/deployments/warned', { body: stale });
    assert.equal(r.status, 409);
    assert.equal(r.json().message, 'Operation cannot be fulfilled on deployments.apps "warned": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('lists with selectors and in consistent pages', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await s.request('POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, labels: { tier: i % 2 ? 'odd' : 'even' } }, data: { i: String(i) } } });
      assert.equal(r.status, 201);
    }
    const even = (await s.request('GET', '/api/v1/namespaces/default/configmaps?labelSelector=tier%3Deven')).json();
    assert.deepEqual(even.items.map((c: any) => c.metadata.name), ['cm-0', 'cm-2', 'cm-4']);
    assert.equal(even.items[0].kind, undefined, 'list items carry no kind');
    const names: string[] = [];
    let cont = '';
    let pages = 0;
    for (;;) {
      const page = (await s.request('GET', `/api/v1/namespaces/default/configmaps?labelSelector=tier&limit=2${cont ? `&continue=${cont}` : ''}`)).json();
      pages++;
      names.push(...page.items.map((c: any) => c.metadata.name));
      if (pages === 1) assert.equal(page.metadata.remainingItemCount, 3);
      // A change between pages does not show in the pages that follow.
      if (pages === 1) await s.request('DELETE', '/api/v1/namespaces/default/configmaps/cm-4');
      if (!page.metadata.continue) break;
      cont = encodeURIComponent(page.metadata.continue);
    }
    assert.equal(pages, 3);
    assert.deepEqual(names, ['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4']);
    const byName = (await s.request('GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Dcm-1')).json();
    assert.deepEqual(byName.items.map((c: any) => c.metadata.namespace + '/' + c.metadata.name), ['default/cm-1']);
    // `spec.nodeName=` lists the pods no node has taken (the pending ones), as kubectl users type it.
    const pending = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nowhere' }, spec: { nodeSelector: { disk: 'none' }, containers: [{ name: 'c', image: 'nginx' }] } };
    assert.equal((await s.request('POST', '/api/v1/namespaces/default/pods', { body: pending })).status, 201);
    const unscheduled = (await s.request('GET', '/api/v1/pods?fieldSelector=spec.nodeName%3D')).json();
    assert.deepEqual(unscheduled.items.map((p: any) => p.metadata.name), ['nowhere']);
    const scheduled = (await s.request('GET', '/api/v1/pods?fieldSelector=spec.nodeName%21%3D')).json();
    assert.ok(!scheduled.items.some((p: any) => p.metadata.name === 'nowhere'));
    await s.request('DELETE', '/api/v1/namespaces/default/pods/nowhere');
  });

  it('merges strategic patches by the real patch keys, and applies merge and JSON patches', async () => {
    await s.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body: deployment('smp') });
    const path = '/apis/apps/v1/namespaces/default/deployments/smp';
    const smp = { spec: { template: { spec: { $setElementOrder: undefined, containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } };
    let r = await s.request('PATCH', path, { body: smp, headers: { 'Content-Type': 'application/strategic-merge-patch+json' } });
    assert.equal(r.status, 200);
    let containers = r.json().spec.template.spec.containers;
    assert.deepEqual(containers.map((c: any) => `${c.name}=${c.image}`), ['nginx=nginx:1.27', 'sidecar=busybox']);

    r = await s.request('PATCH', path, {
      body: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }], containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    containers = r.json().spec.template.spec.containers;
    assert.deepEqual(containers.map((c: any) => c.name), ['nginx']);

    r = await s.request('PATCH', path, { body: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, headers: { 'Content-Type': 'application/strategic-merge-patch+json' } });
    assert.deepEqual(r.json().spec.strategy, { type: 'Recreate' });

    r = await s.request('PATCH', path, { body: { metadata: { labels: { team: 'a' } } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    assert.deepEqual(r.json().metadata.labels, { app: 'smp', team: 'a' });

    r = await s.request('PATCH', path, { body: [{ op: 'replace', path: '/spec/replicas', value: 5 }], headers: { 'Content-Type': 'application/json-patch+json' } });
    assert.equal(r.json().spec.replicas, 5);
    r = await s.request('PATCH', path, { body: [{ op: 'test', path: '/spec/replicas', value: 1 }], headers: { 'Content-Type': 'application/json-patch+json' } });
    assert.equal(r.status, 422);
    r = await s.request('PATCH', path, { body: {}, headers: { 'Content-Type': 'text/plain' } });
    assert.equal(r.status, 415);
  });

  it('applies server-side: creates, records managers, and refuses a conflicting manager unless forced', async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments/ssa';
    const yaml = (replicas: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ssa\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ssa}\n  template:\n    metadata:\n      labels: {app: ssa}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.25\n`;
    const apply = (manager: string | undefined, replicas: number, force = false) =>
      s.request('PATCH', `${path}?${manager ? `fieldManager=${manager}` : ''}${force ? '&force=true' : ''}`, { raw: yaml(replicas), headers: { 'Content-Type': 'application/apply-patch+yaml' } });

    const missing = await apply(undefined, 2);
    assert.equal(missing.status, 422);
    assert.equal(missing.json().message, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');

    const created = await apply('alice', 2);
    assert.equal(created.status, 201);
    const entry = created.json().metadata.managedFields.find((m: any) => m.manager === 'alice');
    assert.equal(entry.operation, 'Apply');
    assert.deepEqual(entry.fieldsV1.f_spec, undefined);
    assert.deepEqual(Object.keys(entry.fieldsV1['f:spec']).sort(), ['f:replicas', 'f:selector', 'f:template']);
    assert.deepEqual(entry.fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}'], { '.': {}, 'f:image': {}, 'f:name': {} });

    assert.equal((await apply('alice', 2)).status, 200);
    const same = await apply('bob', 2);
    assert.equal(same.status, 200, 'the same value is shared, not a conflict');
    const conflict = await apply('bob', 4);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json().reason, 'Conflict');
    assert.equal(conflict.json().message, 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
    assert.deepEqual(conflict.json().details.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' }]);

    const forced = await apply('bob', 4, true);
    assert.equal(forced.status, 200);
    assert.equal(forced.json().spec.replicas, 4);
    const alice = forced.json().metadata.managedFields.find((m: any) => m.manager === 'alice');
    assert.equal(alice.fieldsV1['f:spec']['f:replicas'], undefined, 'alice lost .spec.replicas to bob');

    // An update by another manager makes it the owner: alice's next different value conflicts with it.
    await s.request('PATCH', `${path}?fieldManager=carol`, { body: { spec: { replicas: 6 } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    const withUpdater = await apply('bob', 4);
    assert.equal(withUpdater.json().message, 'Apply failed with 1 conflict: conflict with "carol" using apps/v1: .spec.replicas');
  });

  it('answers Table requests with the printers columns', async () => {
    const r = await s.request('GET', '/apis/apps/v1/namespaces/default/deployments?labelSelector=app%3Dsmp', { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } });
    const table = r.json();
    assert.equal(table.kind, 'Table');
    assert.deepEqual(table.columnDefinitions.map((c: any) => [c.name, c.priority]), [
      ['NAME', 0], ['READY', 0], ['UP-TO-DATE', 0], ['AVAILABLE', 0], ['AGE', 0], ['CONTAINERS', 1], ['IMAGES', 1], ['SELECTOR', 1],
    ]);
    assert.equal(table.rows[0].cells[0], 'smp');
    assert.equal(table.rows[0].object.kind, 'PartialObjectMetadata');
  });

  it('serves the scale subresource as autoscaling/v1 Scale', async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments/smp/scale';
    const scale = (await s.request('GET', path)).json();
    assert.deepEqual([scale.kind, scale.apiVersion, scale.spec.replicas, scale.status.selector], ['Scale', 'autoscaling/v1', 5, 'app=smp']);
    const r = await s.request('PATCH', path, { body: { spec: { replicas: 1 } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    assert.equal(r.json().spec.replicas, 1);
    assert.equal(s.cluster.store.get('Deployment', 'default', 'smp')!.spec.replicas, 1);
  });

  it('binds a pod through the binding subresource, once', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'manual' }, spec: { schedulerName: 'my-scheduler', containers: [{ name: 'c', image: 'nginx' }] } };
    assert.equal((await s.request('POST', '/api/v1/namespaces/default/pods', { body: pod })).status, 201);
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'manual' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-2' } };
    const bound = await s.request('POST', '/api/v1/namespaces/default/pods/manual/binding', { body: binding });
    assert.deepEqual([bound.status, bound.json().status], [201, 'Success']);
    assert.equal(s.cluster.store.get('Pod', 'default', 'manual')!.spec.nodeName, 'node-2');
    const again = await s.request('POST', '/api/v1/namespaces/default/pods/manual/binding', { body: binding });
    assert.deepEqual([again.status, again.json().message], [409, 'pod manual is already assigned to node "node-2"']);
    const exec = await s.request('POST', '/api/v1/namespaces/default/pods/manual/exec?command=ls');
    assert.equal(exec.status, 400);
  });

  it('watches from a resourceVersion, replays what it missed, and refuses one too old with 410', async () => {
    const list = (await s.request('GET', '/api/v1/namespaces/default/configmaps')).json();
    const rv = list.metadata.resourceVersion;
    await s.request('POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } } });
    await s.request('DELETE', '/api/v1/namespaces/default/configmaps/cm-0');
    const lines = await readWatch(s, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=1`);
    assert.deepEqual(lines.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED late', 'DELETED cm-0']);

    const old = await s.request('GET', '/api/v1/configmaps?watch=true&resourceVersion=1');
    assert.equal(old.status, 410);
    assert.equal(old.json().reason, 'Expired');
    assert.match(old.json().message, /^too old resource version: 1 \(\d+\)$/);
  });

  it('sends bookmarks when asked and cleans up watches whose client left', async () => {
    const before = s.headless.server.openStreams;
    const events = await readWatch(s, '/api/v1/namespaces/default/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=1', 300);
    const bookmark = events.find((e) => e.type === 'BOOKMARK');
    assert.ok(bookmark, 'a BOOKMARK arrived');
    assert.equal(bookmark.object.kind, 'Pod');
    assert.match(bookmark.object.metadata.resourceVersion, /^\d+$/);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(s.headless.server.openStreams, before, 'the abandoned watch was closed');
  });

  it('serves metrics.k8s.io from the usage model', async () => {
    s.cluster.advance(60_000);
    const nodes = (await s.request('GET', '/apis/metrics.k8s.io/v1beta1/nodes')).json();
    assert.equal(nodes.kind, 'NodeMetricsList');
    assert.deepEqual(nodes.items.map((n: any) => n.metadata.name), ['node-1', 'node-2', 'node-3']);
    const pods = (await s.request('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods')).json();
    assert.ok(pods.items.length > 0);
    for (const p of pods.items) for (const c of p.containers) assert.match(c.usage.cpu, /^\d+n$/);
  });
});

/** Reads a watch stream's events until it ends (or `abortAfterMs`, when the client walks away). */
function readWatch(s: TestServer, path: string, abortAfterMs?: number): Promise<any[]> {
  const url = new URL(s.headless.url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port: url.port, path, headers: { Authorization: `Bearer ${s.headless.server.token}` }, ca: s.headless.server.tls.caCert }, (res) => {
      let buffer = '';
      res.on('data', (c) => (buffer += c));
      const done = () => resolve(buffer.split('\n').filter(Boolean).map((l) => JSON.parse(l)));
      res.on('end', done);
      res.on('close', done);
      if (abortAfterMs) setTimeout(() => req.destroy(), abortAfterMs);
    });
    req.on('error', (e) => (abortAfterMs ? undefined : reject(e)));
    req.end();
  });
}
