import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { UserInfo } from '../../src/store/admission.js';
import { actingStore } from '../../src/ops/actingUser.js';
import { applyFiles } from '../../src/ops/applyFiles.js';
import { deleteObject } from '../../src/ops/deleteObject.js';
import { scaleTo } from '../../src/ops/workloads.js';
import { withWeb } from './opsHarness.js';

test('every write made through actingStore carries the acting user to admission', () => {
  const h = withWeb();
  const seen: Array<[string, string | undefined]> = [];
  h.store.addAdmissionPlugin({ name: 'recorder', validate: (r) => void seen.push([`${r.operation} ${r.object.kind}`, r.user?.username]) });
  // A member of system:masters, so RBAC allows every request and only the user's arrival is tested.
  const jane: UserInfo = { username: 'jane', groups: ['developers', 'system:masters'] };
  const store = actingStore(h.store, jane);

  assert.equal(scaleTo(store, 'Deployment', 'default', 'web', '5'), 'deployment.apps/web scaled');
  store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' } });
  assert.equal(deleteObject(store, 'ConfigMap', 'default', 'cfg'), 'configmap "cfg" deleted');

  assert.deepEqual(seen, [
    ['UPDATE Deployment', 'jane'],
    ['CREATE ConfigMap', 'jane'],
    ['DELETE ConfigMap', 'jane'],
  ]);
  // Reads pass through, and the store itself is untouched.
  assert.equal(store.get('Deployment', 'default', 'web')?.spec?.replicas, 5);
  assert.equal(actingStore(h.store, undefined), h.store);
});

test('an apply through actingStore is still one transaction, every object written as the user', () => {
  const h = withWeb(1);
  const users: Array<string | undefined> = [];
  h.store.addAdmissionPlugin({ name: 'recorder', validate: (r) => void users.push(r.user?.username) });
  const store = actingStore(h.store, { username: 'jane', groups: ['system:masters'] }); // RBAC allows all: admission is the subject
  h.store.delete('Deployment', 'default', 'web');
  users.length = 0;
  assert.deepEqual(applyFiles(store, ['fixtures/manifests/web']).lines, ['service/web created', 'deployment.apps/web created', 'ingress.networking.k8s.io/web created']);
  assert.deepEqual(users, ['jane', 'jane', 'jane']);
  const rv = h.store.resourceVersion;
  // The second object is refused by admission (no such namespace) after the first was written.
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-ops-'));
  const file = join(dir, 'two.yaml');
  writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n  namespace: nope\n');
  try {
    assert.throws(() => applyFiles(store, [file]), /two\.yaml:10:3: ConfigMap nope\/two: namespaces "nope" not found: create it first/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(h.store.get('ConfigMap', 'default', 'one'), undefined);
  assert.equal(h.store.resourceVersion, rv, 'nothing from a refused apply is kept');
});
