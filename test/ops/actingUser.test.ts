import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserInfo } from '../../src/store/admission.js';
import { actingStore } from '../../src/ops/actingUser.js';
import { deleteObject } from '../../src/ops/deleteObject.js';
import { scaleTo } from '../../src/ops/workloads.js';
import { withWeb } from './opsHarness.js';

test('every write made through actingStore carries the acting user to admission', () => {
  const h = withWeb();
  const seen: Array<[string, string | undefined]> = [];
  h.store.addAdmissionPlugin({ name: 'recorder', validate: (r) => void seen.push([`${r.operation} ${r.object.kind}`, r.user?.username]) });
  const jane: UserInfo = { username: 'jane', groups: ['developers'] };
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
