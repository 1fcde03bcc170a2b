import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { ManifestErrors } from '../../src/manifests/errors.js';
import { applyFiles, parsePathList } from '../../src/ops/applyFiles.js';
import { withWeb } from './opsHarness.js';

const ROOT = resolve(import.meta.dirname, '../..');

test('apply takes paths relative to the directory kubesim started in, and prints kubectl’s lines', () => {
  const h = withWeb(1);
  h.store.delete('Deployment', 'default', 'web');
  const result = applyFiles(h.store, ['manifests/web'], resolve(ROOT, 'fixtures'));
  assert.deepEqual(result.lines, ['service/web created', 'deployment.apps/web created', 'ingress.networking.k8s.io/web created']);
  assert.equal(h.store.get('Deployment', 'default', 'web')?.spec?.replicas, 3);
  // Again: nothing changed.
  assert.deepEqual(applyFiles(h.store, [resolve(ROOT, 'fixtures/manifests/web/web.yaml')]).lines, ['service/web unchanged', 'deployment.apps/web unchanged', 'ingress.networking.k8s.io/web unchanged']);
});

test('a bad file is refused with file, line and field, and nothing from it is stored', () => {
  const h = withWeb(1);
  const rv = h.store.resourceVersion;
  assert.throws(
    () => applyFiles(h.store, ['test/fixtures/bad/negative-replicas.yaml'], ROOT),
    (e: unknown) => e instanceof ManifestErrors && /negative-replicas\.yaml:13:\d+: Deployment default\/web: spec\.replicas: Invalid value: -1/.test(e.message),
  );
  assert.equal(h.store.get('ConfigMap', 'default', 'fine'), undefined, 'the good document in the same file is not applied either');
  assert.equal(h.store.resourceVersion, rv);
  assert.throws(() => applyFiles(h.store, ['no/such/file.yaml'], ROOT), /no\/such\/file\.yaml/);
});

test('paths may be separated by spaces or commas', () => {
  assert.deepEqual(parsePathList(' a.yaml, b.yaml  dir/ '), ['a.yaml', 'b.yaml', 'dir/']);
});
