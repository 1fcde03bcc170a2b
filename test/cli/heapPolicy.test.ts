// The heap growing share kubesim runs with: V8's own unless KUBESIM_HEAP_GROWING_PERCENT names one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heapGrowingPercent } from '../../src/cli/heapPolicy.js';

test("the heap growing share: V8's own unless KUBESIM_HEAP_GROWING_PERCENT names a whole share from 1 to 400", () => {
  assert.equal(heapGrowingPercent({}), undefined);
  assert.equal(heapGrowingPercent({ KUBESIM_HEAP_GROWING_PERCENT: '30' }), 30);
  assert.equal(heapGrowingPercent({ KUBESIM_HEAP_GROWING_PERCENT: ' 50 ' }), 50);
  assert.equal(heapGrowingPercent({ KUBESIM_HEAP_GROWING_PERCENT: '400' }), 400);
  for (const other of ['', '0', 'lots', '-5', '1.5', '401', '9999']) assert.equal(heapGrowingPercent({ KUBESIM_HEAP_GROWING_PERCENT: other }), undefined, other);
});
