// "No lookup scans the whole cluster": a list of one namespace, one owner's pods, one node's pods or
// one label pair must not even look at the other objects. Every pod outside the asked-for set is
// booby-trapped so that reading it throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSelector } from '../../src/api/labels.js';
import type { KObject } from '../../src/api/object.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/store/store.js';

function trap(obj: KObject): void {
  for (const key of ['kind', 'metadata', 'spec', 'status']) {
    Object.defineProperty(obj, key, {
      get() {
        throw new Error(`touched ${key} of an object the lookup should never see`);
      },
    });
  }
}

test('namespace, owner, node and label lookups touch only the objects they return', () => {
  const store = new Store(new VirtualClock(), new SeededRandom(1));
  const pod = (name: string, ns: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'other' }): KObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] }, ...extra }) as KObject;
  const owner = store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } } } } as KObject, { trusted: true });
  const ref = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner.metadata.uid!, controller: true }];
  const mine = [
    store.create({ ...pod('web-1', 'shop', {}, { app: 'web' }), metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' }, ownerReferences: ref } } as KObject, { trusted: true }),
    store.create({ ...pod('web-2', 'shop', {}, { app: 'web' }), metadata: { name: 'web-2', namespace: 'shop', labels: { app: 'web' }, ownerReferences: ref } } as KObject, { trusted: true }),
  ];
  const lonely = store.create({ ...pod('lonely', 'quiet'), spec: { nodeName: 'node-9', containers: [{ name: 'c', image: 'nginx' }] } } as KObject, { trusted: true });
  for (let i = 0; i < 2000; i++) trap(store.create(pod(`bulk-${i}`, i % 2 ? 'big' : 'huge'), { trusted: true }));

  assert.deepEqual(store.list('Pod', { namespace: 'shop' }).map((p) => p.metadata.name).sort(), ['web-1', 'web-2']);
  assert.deepEqual(store.list('Pod', { ownerUid: owner.metadata.uid }).map((p) => p.metadata.name).sort(), ['web-1', 'web-2']);
  assert.deepEqual(store.list('Pod', { namespace: 'shop', ownerUid: owner.metadata.uid }).length, 2);
  assert.deepEqual(store.list('Pod', { nodeName: 'node-9' }).map((p) => p.metadata.name), ['lonely']);
  assert.deepEqual(store.list('Pod', { labelSelector: parseSelector('app=web') }).map((p) => p.metadata.name).sort(), ['web-1', 'web-2']);
  assert.deepEqual(store.dependentsOf(owner.metadata.uid!), mine);
  assert.equal(store.count('Pod', 'quiet'), 1);
  assert.equal(store.get('Pod', 'quiet', 'lonely'), lonely);
  // And the trap is real: a whole-cluster list does hit it.
  assert.throws(() => store.list('Pod'), /touched/);
});
