// The expiry queue keeps times and namespaces as runs of equal values (runQueue.ts): what expires,
// when and in what order must be what a queue of one entry apiece gives, through compaction (the
// front dropped as it is consumed) and a merge of restored entries into a half-consumed queue.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExpiryQueue } from '../../src/events/expiryQueue.js';
import { RunQueue } from '../../src/events/runQueue.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { runClockUntil } from '../helpers/runClockUntil.js';

test('a run queue gives back what was pushed, in order, through takes, compaction and more pushes', () => {
  const q = new RunQueue<string>();
  const model: string[] = [];
  const random = new SeededRandom(3);
  for (let step = 0; step < 5000; step++) {
    if (model.length && random.next() < 0.45) {
      assert.equal(q.peek(), model[0]);
      assert.equal(q.take(), model.shift());
    } else {
      const v = `v${random.int(3)}`;
      q.push(v);
      model.push(v);
    }
    if (step % 500 === 0) q.compact();
    if (step % 250 === 0) assert.deepEqual([...q], model);
  }
  assert.deepEqual([...q], model);
});

test('thousands of entries in runs of times and namespaces expire as scheduled, across a restore merged mid-way', () => {
  const clock = new VirtualClock(0);
  const expired: string[] = [];
  const q = new ExpiryQueue(clock, (ns, name) => expired.push(`${clock.now()} ${ns}/${name}`));
  const random = new SeededRandom(9);
  const expected: Array<{ at: number; key: string; order: number }> = [];
  let at = 1000;
  let order = 0; // scheduled entries first, restored ones (1,000,000 on) after those of the same time
  for (let i = 0; i < 6000; i++) {
    if (random.next() < 0.1) at += random.int(50);
    const ns = `ns-${random.int(3)}`;
    q.schedule(ns, `e-${i}`, at);
    expected.push({ at, key: `${ns}/e-${i}`, order: order++ });
  }
  // Consume about half (the queue compacts its front), then restore entries that fall among the rest.
  const middle = expected[3000].at;
  runClockUntil(clock, middle - 1);
  const restored = Array.from({ length: 500 }, (_, i) => ({ namespace: `r-${i % 2}`, name: `r-${i}`, at: middle + random.int(at - middle + 100) }));
  q.scheduleAll(restored);
  // Restored entries go after queued ones of the same time.
  for (const r of restored) expected.push({ at: r.at, key: `${r.namespace}/${r.name}`, order: 1_000_000 + Number(r.name.slice(2)) });
  runClockUntil(clock, at + 1000);
  const sorted = [...expected].sort((a, b) => a.at - b.at || a.order - b.order);
  assert.deepEqual(expired, sorted.map((e) => `${e.at} ${e.key}`));
  assert.equal(q.size, 0);
});
