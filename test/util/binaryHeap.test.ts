// The shared binary heap (virtual clock timers, scheduler active queue): pops come out in the order
// a stable sort gives, whatever mix of pushes and pops came before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BinaryHeap } from '../../src/util/binaryHeap.js';

interface Entry {
  key: number;
  seq: number;
}

/** Smaller key first, then earlier pushed: the shape both users give (time or priority, then seq). */
const before = (a: Entry, b: Entry): boolean => a.key < b.key || (a.key === b.key && a.seq < b.seq);
const byKeyThenSeq = (a: Entry, b: Entry): number => a.key - b.key || a.seq - b.seq;

describe('BinaryHeap', () => {
  it('is empty at first and after clear', () => {
    const heap = new BinaryHeap<Entry>(before);
    assert.equal(heap.size, 0);
    assert.equal(heap.peek(), undefined);
    assert.equal(heap.pop(), undefined);
    heap.push({ key: 1, seq: 0 });
    heap.push({ key: 0, seq: 1 });
    assert.equal(heap.size, 2);
    heap.clear();
    assert.equal(heap.size, 0);
    assert.equal(heap.pop(), undefined);
  });

  it('pops equal keys in the order they were pushed', () => {
    const heap = new BinaryHeap<Entry>(before);
    const keys = [5, 1, 5, 1, 3, 1, 5];
    keys.forEach((key, seq) => heap.push({ key, seq }));
    const out: number[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) out.push(e.seq);
    assert.deepEqual(out, [1, 3, 5, 4, 0, 2, 6]);
  });

  it('pops everything it was given in sorted order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 500 }), (keys) => {
        const heap = new BinaryHeap<Entry>(before);
        const entries = keys.map((key, seq) => ({ key, seq }));
        for (const e of entries) heap.push(e);
        assert.equal(heap.size, entries.length);
        const popped: Entry[] = [];
        for (let e = heap.pop(); e; e = heap.pop()) popped.push(e);
        assert.deepEqual(popped, [...entries].sort(byKeyThenSeq));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('peek and pop always give the least entry held, with pushes and pops interleaved', () => {
    const op = fc.oneof(fc.integer({ min: 0, max: 30 }).map((key) => ({ push: key })), fc.constant({ push: undefined }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 1000 }), (ops) => {
        const heap = new BinaryHeap<Entry>(before);
        const held: Entry[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.push !== undefined) {
            const e = { key: o.push, seq: seq++ };
            heap.push(e);
            held.push(e);
          } else {
            held.sort(byKeyThenSeq);
            assert.equal(heap.peek(), held[0]);
            assert.equal(heap.pop(), held.shift());
          }
          assert.equal(heap.size, held.length);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});
