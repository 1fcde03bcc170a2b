// The store's promise to everyone it hands an object to (a caller, a watcher): that object is never
// changed afterwards. Writes share unchanged parts between versions (copy-on-write), so this checks
// that random sequences of writes never write into an earlier version: every object handed out is
// deep-frozen on receipt (a write to it would throw in these strict-mode modules), and each modify
// ends with the same JSON as the same change applied to a plain deep copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { clone, type KObject } from '../../src/api/object.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/store/store.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

type Change = { name: string; status: boolean; apply: (d: any) => void };

const word = fc.constantFrom('a', 'b', 'c', 'web', 'db');

/** Changes a controller might make in a modify callback, each to a draft or to a plain copy alike. */
const change: fc.Arbitrary<Change> = fc.oneof(
  word.map((w) => ({ name: `phase ${w}`, status: true, apply: (d: any) => void ((d.status ??= {}).phase = w) })),
  word.map((w) => ({ name: `push condition ${w}`, status: true, apply: (d: any) => void ((d.status ??= {}).conditions ??= []).push({ type: w, status: 'True' }) })),
  word.map((w) => ({
    name: `flip condition ${w}`,
    status: true,
    apply: (d: any) => {
      const c = d.status?.conditions?.find((x: any) => x.type === w);
      if (c) c.status = c.status === 'True' ? 'False' : 'True';
    },
  })),
  word.map((w) => ({ name: `spread status ${w}`, status: true, apply: (d: any) => void (d.status = { ...d.status, podIP: w, conditions: (d.status?.conditions ?? []).filter((c: any) => c.type !== w) }) })),
  fc.tuple(word, word).map(([k, v]) => ({ name: `label ${k}=${v}`, status: false, apply: (d: any) => void (d.metadata.labels = { ...d.metadata.labels, [k]: v }) })),
  fc.tuple(word, word).map(([k, v]) => ({ name: `annotate ${k}=${v}`, status: false, apply: (d: any) => void ((d.metadata.annotations ??= {})[k] = v) })),
  word.map((k) => ({ name: `unlabel ${k}`, status: false, apply: (d: any) => void delete d.metadata.labels?.[k] })),
  word.map((w) => ({ name: `bind ${w}`, status: false, apply: (d: any) => void (d.spec.nodeName = w) })),
  word.map((w) => ({ name: `image ${w}`, status: false, apply: (d: any) => void (d.spec.containers[0].image = w) })),
  word.map((w) => ({ name: `env ${w}`, status: false, apply: (d: any) => void (d.spec.containers[d.spec.containers.length - 1].env ??= []).push({ name: w, value: w }) })),
  word.map((w) => ({ name: `add container ${w}`, status: false, apply: (d: any) => void d.spec.containers.push({ name: `c-${d.spec.containers.length}`, image: w }) })),
  fc.constant({
    name: 'rotate containers',
    status: false,
    apply: (d: any) => {
      const cs = d.spec.containers;
      d.spec.containers = [cs[cs.length - 1], ...cs.slice(0, -1)];
    },
  }),
  fc.constant({
    name: 'drop first container',
    status: false,
    apply: (d: any) => {
      if (d.spec.containers.length > 1) d.spec.containers.splice(0, 1);
    },
  }),
  fc.constant({ name: 'toleration', status: false, apply: (d: any) => void (d.spec.tolerations ??= []).push({ key: 'k', operator: 'Exists' }) }),
);

type Op =
  | { op: 'modify'; pod: number; changes: Change[] }
  | { op: 'updateStatus'; pod: number; phase: string }
  | { op: 'update'; pod: number; label: string }
  | { op: 'patch'; pod: number; label: string }
  | { op: 'delete'; pod: number; finalizer: boolean }
  | { op: 'removeFinalizers'; pod: number };

const POD_COUNT = 4;
const podIndex = fc.integer({ min: 0, max: POD_COUNT - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('modify' as const), pod: podIndex, changes: fc.array(change, { minLength: 1, maxLength: 4 }) }) },
  fc.record({ op: fc.constant('updateStatus' as const), pod: podIndex, phase: word }),
  fc.record({ op: fc.constant('update' as const), pod: podIndex, label: word }),
  fc.record({ op: fc.constant('patch' as const), pod: podIndex, label: word }),
  fc.record({ op: fc.constant('delete' as const), pod: podIndex, finalizer: fc.boolean() }),
  fc.record({ op: fc.constant('removeFinalizers' as const), pod: podIndex }),
);

const podNamed = (i: number): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `p${i}`, namespace: 'default', labels: { app: 'web' }, finalizers: i % 2 ? ['example.com/hold'] : undefined },
  spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80 }] }], tolerations: [{ key: 'x', operator: 'Exists' }] },
});

/** What the store's answer must equal: the same change made to a plain copy, with the store's counters. */
function expectedAfter(current: KObject, result: KObject, c: Change[], status: boolean): string {
  const plain = clone(current);
  for (const one of c) one.apply(plain);
  const expected = status ? { ...current, status: plain.status } : { ...plain, status: current.status };
  expected.metadata = { ...expected.metadata, resourceVersion: result.metadata.resourceVersion, generation: result.metadata.generation };
  return JSON.stringify(expected);
}

function runOps(ops: Op[]): void {
  const store = new Store(new VirtualClock(), new SeededRandom(3));
  // Every version a watcher sees, old and new, is frozen as it arrives.
  store.watch({}, (e) => {
    deepFreeze(e.object);
    if (e.old) deepFreeze(e.old);
  });
  const handedOut: Array<[KObject, string]> = [];
  const keep = (obj: KObject | undefined) => {
    if (obj) handedOut.push([deepFreeze(obj), JSON.stringify(obj)]);
  };
  for (let i = 0; i < POD_COUNT; i++) keep(store.create(podNamed(i)));
  for (const o of ops) {
    const name = `p${o.pod}`;
    const current = store.get('Pod', 'default', name);
    keep(current);
    if (!current) {
      keep(store.create(podNamed(o.pod)));
      continue;
    }
    switch (o.op) {
      case 'modify': {
        const status = o.changes[0].status;
        const changes = o.changes.filter((c) => c.status === status);
        const result = store.modify('Pod', 'default', name, (d) => changes.forEach((c) => c.apply(d)), { trusted: true, subresource: status ? 'status' : undefined });
        keep(result);
        if (result.metadata.uid === current.metadata.uid && store.get('Pod', 'default', name) === result) {
          assert.equal(JSON.stringify(result), expectedAfter(current, result, changes, status), changes.map((c) => c.name).join(', '));
        }
        break;
      }
      case 'updateStatus':
        keep(store.updateStatus({ ...current, status: { ...current.status, phase: o.phase } }));
        break;
      case 'update':
        keep(store.update({ ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, v: o.label } } }, { trusted: true }));
        break;
      case 'patch':
        keep(store.patch('Pod', 'default', name, { metadata: { labels: { p: o.label } } }, { trusted: true }));
        break;
      case 'delete':
        keep(store.delete('Pod', 'default', name, { gracePeriodSeconds: o.finalizer ? 30 : 0 }));
        break;
      case 'removeFinalizers':
        keep(store.modify('Pod', 'default', name, (d) => void delete d.metadata.finalizers, { trusted: true }));
        break;
    }
    for (const p of store.list('Pod')) keep(p);
  }
  for (const [obj, json] of handedOut) assert.equal(JSON.stringify(obj), json);
}

test('no write changes an object handed out before (callers, lists and watchers)', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => runOps(ops)),
    { numRuns: 300, seed: 20261122 },
  );
});

test('a status write keeps the spec and metadata maps of the previous version; a binding copies only the spec', () => {
  const store = new Store(new VirtualClock(), new SeededRandom(3));
  const v1 = deepFreeze(store.create(podNamed(0)));
  const v2 = deepFreeze(store.modify('Pod', 'default', 'p0', (d) => void (d.status.phase = 'Running'), { subresource: 'status' }));
  assert.equal(v2.spec, v1.spec);
  assert.equal(v2.metadata.labels, v1.metadata.labels);
  const v3 = store.modify('Pod', 'default', 'p0', (d) => void (d.spec.nodeName = 'node-1'), { trusted: true });
  assert.notEqual(v3.spec, v2.spec);
  assert.equal(v3.spec.containers, v2.spec.containers);
  assert.equal(v3.spec.tolerations, v2.spec.tolerations);
  assert.equal(v3.status, v2.status);
  assert.equal(v3.metadata.generation, v2.metadata.generation);
  // A trusted update from a spread of the stored object: the parts sent back unchanged are shared, not copied.
  const v4 = store.update<KObject>({ ...v3, metadata: { ...v3.metadata, annotations: { a: 'b' } } }, { trusted: true });
  assert.equal(v4.spec, v3.spec);
  assert.equal(v4.metadata.labels, v3.metadata.labels);
  assert.deepEqual(v4.metadata.annotations, { a: 'b' });
});

test('admission and defaulting write to the new version only', () => {
  const store = new Store(new VirtualClock(), new SeededRandom(3));
  store.addAdmissionPlugin({
    name: 'StampsContainers',
    mutate({ operation, object }) {
      if (operation === 'UPDATE' && object.kind === 'Pod') for (const c of object.spec.containers) c.image = 'nginx:stamped';
    },
  });
  const v1 = deepFreeze(store.create(podNamed(0)));
  const v2 = deepFreeze(store.modify('Pod', 'default', 'p0', (d) => void (d.metadata.labels!.extra = 'yes')));
  assert.equal(v2.spec.containers[0].image, 'nginx:stamped');
  assert.equal(v1.spec.containers[0].image, 'nginx');
  // What the write left as it was is shared again with the previous version (pods' common parts are interned).
  assert.equal(v2.spec.tolerations, v1.spec.tolerations);
  const v3 = store.update({ ...v2, metadata: { ...v2.metadata, labels: { app: 'db' } } });
  assert.equal(v3.metadata.labels.app, 'db');
  assert.equal(v2.metadata.labels!.app, 'web');
});

test('adopt: a status handed over is stored as it is; without adopt it is copied', () => {
  const store = new Store(new VirtualClock(), new SeededRandom(3));
  const v1 = store.create(podNamed(0));
  const handed = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
  const v2 = store.updateStatus({ ...v1, status: handed }, { adopt: true });
  assert.equal(v2.status, handed);
  const kept = { phase: 'Failed' };
  const v3 = store.updateStatus({ ...v2, status: kept });
  assert.notEqual(v3.status, kept);
  assert.deepEqual(v3.status, kept);
});

test('a binding writes spec.nodeName and the status the draft carries, sharing the rest', () => {
  const store = new Store(new VirtualClock(), new SeededRandom(3));
  const v1 = deepFreeze(store.create(podNamed(0)));
  const v2 = store.modify(
    'Pod',
    'default',
    'p0',
    (d) => {
      d.spec.nodeName = 'node-1';
      (d.status.conditions ??= []).push({ type: 'PodScheduled', status: 'True' });
    },
    { trusted: true, subresource: 'binding' },
  );
  assert.equal(v2.spec.nodeName, 'node-1');
  assert.deepEqual(v2.status.conditions, [{ type: 'PodScheduled', status: 'True' }]);
  assert.equal(v2.spec.containers, v1.spec.containers);
  assert.equal(v2.metadata.generation, v1.metadata.generation);
  assert.equal(v1.spec.nodeName, undefined);
  assert.equal(v1.status.conditions, undefined);
});
