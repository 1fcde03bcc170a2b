import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { InsertionOrderMap } from '../../src/events/insertionOrderMap.js';

test('drops entries in the order a Map iterates them, whatever was set, refreshed or deleted', () => {
  const op = fc.oneof(
    fc.record({ do: fc.constant('set' as const), key: fc.integer({ min: 0, max: 20 }), value: fc.integer() }),
    fc.record({ do: fc.constant('refresh' as const), key: fc.integer({ min: 0, max: 20 }), value: fc.integer() }),
    fc.record({ do: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ do: fc.constant('oldest' as const) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
      const ours = new InsertionOrderMap<number, number>();
      const map = new Map<number, number>();
      for (const o of ops) {
        if (o.do === 'set') {
          ours.set(o.key, o.value);
          map.set(o.key, o.value);
        } else if (o.do === 'refresh') {
          ours.delete(o.key);
          ours.set(o.key, o.value);
          map.delete(o.key);
          map.set(o.key, o.value);
        } else if (o.do === 'delete') assert.equal(ours.delete(o.key), map.delete(o.key));
        else if (map.size) {
          ours.deleteOldest();
          map.delete(map.keys().next().value!);
        }
        assert.equal(ours.size, map.size);
      }
      for (const [k, v] of map) assert.equal(ours.get(k), v);
    }),
    { numRuns: 200, seed: 3 },
  );
});
