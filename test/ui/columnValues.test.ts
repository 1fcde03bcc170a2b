// A column's sort values by slot order rows exactly as the comparator on the values themselves does,
// while slots are set, overwritten (number ↔ text) and cleared in any order. (No NaN: no printer
// makes one, and with NaN the comparator is no order at all.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ColumnValues } from '../../src/ui/model/columnValues.js';
import { compareValues, sortValue } from '../../src/ui/model/tableOrder.js';

const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(1e12, 1e12 + 37, 0.5, -Infinity, Infinity), fc.constantFrom('web-2', 'web-10', 'Running', 'Pending', 'Web-2', 'w\u00e9b', '<none>', '10.244.1.9'));

test('order() equals a stable sort by compareValues, through sets, overwrites and clears', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.option(value, { nil: undefined })), { maxLength: 120 }), fc.boolean(), (steps, descending) => {
      const column = new ColumnValues();
      const held = new Map<number, number | string>();
      for (const [slot, v] of steps) {
        if (v === undefined) {
          column.clear(slot);
          held.delete(slot);
        } else {
          column.set(slot, v);
          held.set(slot, v);
        }
      }
      const slots = [...held.keys()];
      const got = Array.from(column.order(slots, descending), (i) => slots[i]);
      const want = slots
        .map((slot, i) => ({ slot, i, v: sortValue(held.get(slot)!) }))
        .sort((a, b) => (descending ? -1 : 1) * compareValues(a.v, b.v) || a.i - b.i)
        .map((x) => x.slot);
      assert.deepEqual(got, want);
    }),
    { numRuns: 300 },
  );
});
