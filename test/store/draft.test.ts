// Copy-on-write drafts: a draft reads like the object it stands for, copies only the paths written to,
// never writes to its base, and its finished value is plain data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDraft, finishDraft, isDraft } from '../../src/store/draft.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const base = () =>
  deepFreeze({
    metadata: { name: 'p', labels: { app: 'web' }, annotations: { a: '1' } },
    spec: { nodeName: '', containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'redis' }] },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] },
  } as any);

test('nothing written: the finished value is the base itself', () => {
  const b = base();
  const d = createDraft(b);
  assert.equal(d.spec.containers[1].image, 'redis');
  assert.equal(JSON.stringify(d), JSON.stringify(b));
  assert.equal(finishDraft(d), b);
});

test('a write copies only the path to it; everything else stays the same instance', () => {
  const b = base();
  const d = createDraft(b);
  d.spec.nodeName = 'node-1';
  const next = finishDraft(d);
  assert.notEqual(next, b);
  assert.notEqual(next.spec, b.spec);
  assert.equal(next.spec.nodeName, 'node-1');
  assert.equal(next.spec.containers, b.spec.containers);
  assert.equal(next.metadata, b.metadata);
  assert.equal(next.status, b.status);
  assert.equal(b.spec.nodeName, '');
  assert.equal(isDraft(next.spec), false);
});

test('array methods, spreads and filters of draft parts finish as plain data', () => {
  const b = base();
  const d = createDraft(b);
  d.status.conditions.push({ type: 'Ready', status: 'True' });
  d.status.conditions[0].status = 'True';
  d.spec.containers = [...d.spec.containers].reverse();
  d.metadata = { ...d.metadata, labels: { ...d.metadata.labels, tier: 'front' } };
  delete d.metadata.annotations.a;
  d.spec.containers[1].ports.splice(0, 1);
  const next = finishDraft(d);
  const walk = (v: unknown): void => {
    assert.equal(isDraft(v), false);
    if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x);
  };
  walk(next);
  assert.deepEqual(next.status.conditions, [
    { type: 'PodScheduled', status: 'True' },
    { type: 'Ready', status: 'True' },
  ]);
  assert.deepEqual(
    next.spec.containers.map((c: any) => c.name),
    ['b', 'a'],
  );
  assert.deepEqual(next.spec.containers[0].ports, undefined);
  assert.deepEqual(next.spec.containers[1].ports, []);
  assert.deepEqual(next.metadata.labels, { app: 'web', tier: 'front' });
  assert.deepEqual(next.metadata.annotations, {});
  // The base is as it was (it is frozen: any write to it would have thrown).
  assert.equal(b.status.conditions.length, 1);
  assert.equal(b.spec.containers[0].ports.length, 1);
});

test('a draft reads like a plain object: keys, in, JSON, Array.isArray, iteration', () => {
  const d = createDraft(base());
  assert.deepEqual(Object.keys(d.spec), ['nodeName', 'containers']);
  assert.ok('labels' in d.metadata);
  assert.ok(Array.isArray(d.spec.containers));
  assert.deepEqual([...d.spec.containers].map((c: any) => c.name), ['a', 'b']);
  assert.deepEqual({ ...d.metadata.labels }, { app: 'web' });
  assert.equal(d.spec.containers, d.spec.containers);
  assert.deepEqual(JSON.parse(JSON.stringify(d.status)), { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] });
});

test('a map key __proto__ stays a key', () => {
  const d = createDraft(deepFreeze({ data: { a: '1' } }) as any);
  d.data['__proto__'] = 'x';
  const next = finishDraft(d);
  assert.equal(Object.getPrototypeOf(next.data), Object.prototype);
  assert.deepEqual(Object.keys(next.data), ['a', '__proto__']);
});

test('a finished draft refuses writes', () => {
  const d = createDraft(base());
  const spec = d.spec;
  spec.nodeName = 'n';
  finishDraft(d);
  assert.throws(() => {
    spec.nodeName = 'other';
  }, /after its write finished/);
  assert.throws(() => {
    d.status.phase = 'Running';
  }, /after its write finished/);
});
