// The heap growing share kubesim runs with: the default, a share from the environment, and the
// values that are not one (which leave the default).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent } from '../../src/cli/heapPolicy.js';

test('the heap growing share: 30 % unless KUBESIM_HEAP_GROWING_PERCENT names another whole share', () => {
  assert.equal(DEFAULT_HEAP_GROWING_PERCENT, 30);
  assert.equal(heapGrowingPercent({}), 30);
  assert.equal(heapGrowingPercent({ KUBESIM_HEAP_GROWING_PERCENT: '0' }), 0, '0 leaves V8 its own policy');
  assert.equal(heapGrowingPercent({ KUBESIM_HEAP_GROWING_PERCENT: ' 50 ' }), 50);
  assert.equal(heapGrowingPercent({ KUBESIM_HEAP_GROWING_PERCENT: '400' }), 400);
  for (const bad of ['', 'lots', '-5', '1.5', '401', '9999']) assert.equal(heapGrowingPercent({ KUBESIM_HEAP_GROWING_PERCENT: bad }), 30, bad);
});
