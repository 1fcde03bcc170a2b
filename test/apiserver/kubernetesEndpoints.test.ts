// The real kubectl sees what the API server keeps for itself: Endpoints and EndpointSlice
// default/kubernetes with its address on 6443, and kubectl apply patches what kubesim applied.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HOST_ADDRESS } from '../../src/controllers/endpoints/apiServerEndpoints.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestText } from '../../src/manifests/load.js';
import { ok, startTestServer, type TestServer } from './helpers.js';

const T = { timeout: 30_000 };

describe('default/kubernetes and client-side apply, through kubectl', { timeout: 90_000 }, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s?.stop();
  });

  it('kubectl get endpoints -A and endpointslices list the API server', T, async () => {
    const rows = (await ok(s, 'get', 'endpoints', '-A')).trimEnd().split('\n');
    assert.match(rows[0], /^NAMESPACE\s+NAME\s+ENDPOINTS\s+AGE$/);
    assert.ok(rows.some((r) => new RegExp(`^default\\s+kubernetes\\s+${HOST_ADDRESS.replace(/\./g, '\\.')}:6443\\s+\\S+$`).test(r)), rows.join('\n'));
    const slices = (await ok(s, 'get', 'endpointslices', '-n', 'default')).trimEnd().split('\n');
    assert.ok(slices.some((r) => new RegExp(`^kubernetes\\s+IPv4\\s+6443\\s+${HOST_ADDRESS.replace(/\./g, '\\.')}\\s+\\S+$`).test(r)), slices.join('\n'));
  });

  it('kubectl apply of a manifest kubesim applied: unchanged, then the same three-way patch', T, async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels: {a: "1", b: "2"}\ndata: {k: v}\n';
    applyManifests(s.cluster.store, loadManifestText(manifest, 'cfg.yaml').manifests);
    const path = join(s.dir, 'cfg.yaml');
    writeFileSync(path, manifest);
    assert.equal((await ok(s, 'apply', '-f', path)).trim(), 'configmap/cfg unchanged', 'kubectl reads the annotation kubesim wrote as its own');
    writeFileSync(path, manifest.replace(', b: "2"', ''));
    assert.equal((await ok(s, 'apply', '-f', path)).trim(), 'configmap/cfg configured');
    assert.deepEqual(s.cluster.store.get('ConfigMap', 'default', 'cfg')!.metadata.labels, { a: '1' });
  });
});
