import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isApiError } from '../../src/api/errors.js';
import { parseSelector } from '../../src/api/labels.js';
import { parseFieldSelector } from '../../src/api/fields.js';
import type { KObject } from '../../src/api/object.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { NAME_ALPHABET, SeededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/store/store.js';
import type { WatchEvent } from '../../src/store/watch.js';

function newStore(seed = 7) {
  return new Store(new VirtualClock(), new SeededRandom(seed));
}

const cm = (name: string, data: Record<string, string> = {}, ns = 'default'): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data });
const pod = (name: string, labels: Record<string, string> = {}, extra: Partial<KObject> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
  ...extra,
});

test('create assigns uid, resourceVersion, creationTimestamp and generation', () => {
  const store = newStore();
  const created = store.create(pod('web-0'));
  assert.match(created.metadata.uid!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(created.metadata.resourceVersion, '1');
  assert.equal(created.metadata.creationTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(created.metadata.generation, 1);
  assert.equal(store.get('Pod', 'default', 'web-0'), created);
});

test('names are unique per namespace and kind', () => {
  const store = newStore();
  store.create(cm('a'));
  store.create(cm('a', {}, 'kube-system'));
  assert.throws(() => store.create(cm('a')), (e) => isApiError(e, 'AlreadyExists') && e.message === 'configmaps "a" already exists');
});

test('generateName appends five characters from the apiserver alphabet', () => {
  const store = newStore();
  const created = store.create<KObject>({ ...pod(''), metadata: { generateName: 'web-7c5d-', namespace: 'default' } });
  assert.match(created.metadata.name!, new RegExp(`^web-7c5d-[${NAME_ALPHABET}]{5}$`));
});

test('same seed, same names and uids', () => {
  const names = (seed: number) => {
    const store = newStore(seed);
    return [1, 2, 3].map(() => {
      const p = store.create<KObject>({ ...pod(''), metadata: { generateName: 'x-', namespace: 'default' } });
      return `${p.metadata.name} ${p.metadata.uid}`;
    });
  };
  assert.deepEqual(names(42), names(42));
  assert.notDeepEqual(names(42), names(43));
});

test('a stale resourceVersion is a 409 Conflict', () => {
  const store = newStore();
  const v1 = store.create(cm('a', { k: '1' }));
  store.update({ ...v1, data: { k: '2' } });
  assert.throws(
    () => store.update({ ...v1, data: { k: '3' } }),
    (e) => isApiError(e, 'Conflict') && e.code === 409 && /the object has been modified/.test(e.message),
  );
  assert.equal(store.get('ConfigMap', 'default', 'a')!.data.k, '2');
});

test('generation is bumped by spec changes, not by status or metadata', () => {
  const store = newStore();
  const d = store.create<KObject>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } });
  assert.equal(d.metadata.generation, 1);
  const labelled = store.update<KObject>({ ...d, metadata: { ...d.metadata, labels: { a: 'b' } } });
  assert.equal(labelled.metadata.generation, 1);
  const scaled = store.update({ ...labelled, spec: { ...labelled.spec, replicas: 3 } });
  assert.equal(scaled.metadata.generation, 2);
  const withStatus = store.updateStatus({ ...scaled, status: { replicas: 3 } });
  assert.equal(withStatus.metadata.generation, 2);
  assert.deepEqual(withStatus.status, { replicas: 3 });
});

test('update cannot change status, updateStatus cannot change spec', () => {
  const store = newStore();
  const p = store.create(pod('p'));
  const s = store.updateStatus({ ...p, status: { phase: 'Running' } });
  const u = store.update<KObject>({ ...s, status: { phase: 'Failed' } });
  assert.equal(u.status.phase, 'Running');
  const s2 = store.updateStatus<KObject>({ ...u, spec: { ...u.spec, nodeName: 'x' }, status: { phase: 'Succeeded' } });
  assert.equal(s2.spec.nodeName, undefined);
  assert.equal(s2.status.phase, 'Succeeded');
});

test('watch delivers ADDED, MODIFIED, DELETED in order, filtered by kind and namespace', () => {
  const store = newStore();
  const seen: string[] = [];
  const all: string[] = [];
  store.watch({ kind: 'ConfigMap', namespace: 'default' }, (e: WatchEvent) => seen.push(`${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`));
  store.watch({}, (e) => all.push(`${e.type} ${e.object.kind}`));
  const a = store.create(cm('a'));
  store.create(cm('b', {}, 'other'));
  store.create(pod('p'));
  store.update({ ...a, data: { x: 'y' } });
  store.delete('ConfigMap', 'default', 'a');
  assert.deepEqual(seen, ['ADDED a 1', 'MODIFIED a 4', 'DELETED a 5']);
  assert.deepEqual(all, ['ADDED ConfigMap', 'ADDED ConfigMap', 'ADDED Pod', 'MODIFIED ConfigMap', 'DELETED ConfigMap']);
});

test('lists use the namespace, owner, node and label indexes', () => {
  const store = newStore();
  for (let i = 0; i < 50; i++) store.create(pod(`p${i}`, { app: i % 2 ? 'web' : 'db', idx: String(i) }, { spec: { nodeName: i < 5 ? 'node-1' : 'node-2', containers: [{ name: 'a', image: 'nginx' }] } }));
  const owner = store.create(cm('owner'));
  store.create({ ...pod('owned'), metadata: { name: 'owned', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid!, controller: true }] } });
  assert.equal(store.list('Pod', { labelSelector: parseSelector('app=web') }).length, 25);
  assert.equal(store.list('Pod', { labelSelector: parseSelector('app=web,idx in (1,3,4)') }).length, 2);
  assert.equal(store.list('Pod', { labelSelector: parseSelector('app!=web') }).length, 26);
  assert.equal(store.list('Pod', { nodeName: 'node-1' }).length, 5);
  assert.deepEqual(store.list('Pod', { ownerUid: owner.metadata.uid }).map((p) => p.metadata.name), ['owned']);
  assert.equal(store.list('Pod', { namespace: 'other' }).length, 0);
  assert.equal(store.list('Pod', { fieldSelector: parseFieldSelector('metadata.name=p7') }).length, 1);
  assert.equal(store.count('Pod'), 51);
});

test('label index follows label changes', () => {
  const store = newStore();
  const p = store.create(pod('p', { app: 'a' }));
  store.update({ ...p, metadata: { ...p.metadata, labels: { app: 'b' } } });
  assert.equal(store.list('Pod', { labelSelector: parseSelector('app=a') }).length, 0);
  assert.equal(store.list('Pod', { labelSelector: parseSelector('app=b') }).length, 1);
});

test('finalizers hold a deleted object until the last one is removed', () => {
  const store = newStore();
  store.create({ ...cm('f'), metadata: { name: 'f', namespace: 'default', finalizers: ['example.com/hold'] } });
  const deleting = store.delete('ConfigMap', 'default', 'f')!;
  assert.ok(deleting.metadata.deletionTimestamp);
  assert.ok(store.get('ConfigMap', 'default', 'f'));
  store.modify('ConfigMap', 'default', 'f', (o) => void (o.metadata.finalizers = []));
  assert.equal(store.get('ConfigMap', 'default', 'f'), undefined);
});

test('a pod on a node is deleted gracefully; the final delete with grace 0 removes it', () => {
  const store = newStore();
  store.create(pod('p', {}, { spec: { nodeName: 'node-1', terminationGracePeriodSeconds: 30, containers: [{ name: 'a', image: 'nginx' }] } }));
  const terminating = store.delete('Pod', 'default', 'p')!;
  assert.equal(terminating.metadata.deletionGracePeriodSeconds, 30);
  assert.equal(terminating.metadata.deletionTimestamp, '2026-01-01T00:00:30Z');
  assert.ok(store.get('Pod', 'default', 'p'));
  store.delete('Pod', 'default', 'p', { gracePeriodSeconds: 0 });
  assert.equal(store.get('Pod', 'default', 'p'), undefined);
});

test('an unscheduled pod goes at once', () => {
  const store = newStore();
  store.create(pod('p'));
  store.delete('Pod', 'default', 'p');
  assert.equal(store.get('Pod', 'default', 'p'), undefined);
});

test('Orphan and Foreground propagation leave a finalizer for the garbage collector', () => {
  const store = newStore();
  store.create(cm('o'));
  store.create(cm('f'));
  assert.deepEqual(store.delete('ConfigMap', 'default', 'o', { propagationPolicy: 'Orphan' })!.metadata.finalizers, ['orphan']);
  assert.deepEqual(store.delete('ConfigMap', 'default', 'f', { propagationPolicy: 'Foreground' })!.metadata.finalizers, ['foregroundDeletion']);
});

test('delete of a missing object is a 404 naming the resource', () => {
  const store = newStore();
  assert.throws(() => store.delete('Deployment', 'default', 'nope'), (e) => isApiError(e, 'NotFound') && e.message === 'deployments.apps "nope" not found');
});

test('merge patch merges maps, replaces lists and deletes with null', () => {
  const store = newStore();
  store.create(cm('a', { keep: '1', drop: '2' }));
  const patched = store.patch('ConfigMap', 'default', 'a', { data: { drop: null, add: '3' } });
  assert.deepEqual(patched.data, { keep: '1', add: '3' });
});

test('a transaction that throws leaves no trace and tells no watcher', () => {
  const store = newStore();
  const seen: string[] = [];
  store.watch({}, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
  store.create(cm('before'));
  const rvBefore = store.resourceVersion;
  assert.throws(() =>
    store.transaction(() => {
      store.create(cm('x'));
      store.modify('ConfigMap', 'default', 'before', (o) => void (o.data = { changed: 'yes' }));
      store.create(cm('x')); // AlreadyExists: undo everything
    }),
  );
  assert.equal(store.get('ConfigMap', 'default', 'x'), undefined);
  assert.deepEqual(store.get('ConfigMap', 'default', 'before')!.data, {});
  assert.equal(store.resourceVersion, rvBefore);
  assert.deepEqual(seen, ['ADDED before']);
  store.transaction(() => store.create(cm('y')));
  assert.deepEqual(seen, ['ADDED before', 'ADDED y']);
});

test('snapshot and restore round-trip every object and the version counter', () => {
  const store = newStore();
  store.create(cm('a', { k: 'v' }));
  store.create(pod('p', { app: 'web' }));
  const snap = JSON.parse(JSON.stringify(store.snapshot()));
  const copy = newStore();
  copy.restore(snap);
  assert.deepEqual(copy.get('ConfigMap', 'default', 'a')!.data, { k: 'v' });
  assert.equal(copy.list('Pod', { labelSelector: parseSelector('app=web') }).length, 1);
  assert.equal(copy.resourceVersion, store.resourceVersion);
  assert.equal(copy.create(cm('b')).metadata.resourceVersion, String(store.resourceVersion + 1));
});
