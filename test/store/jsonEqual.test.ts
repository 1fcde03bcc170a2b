import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sameJson } from '../../src/store/jsonEqual.js';

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, Number.NaN, -0), fc.constantFrom('', 'a', 'b')),
  tree: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('tree'), { maxKeys: 3 })),
})).tree;

test('sameJson answers what comparing JSON.stringify would', () => {
  fc.assert(
    fc.property(value, value, (a, b) => {
      assert.equal(sameJson(a, b), JSON.stringify(a) === JSON.stringify(b));
      assert.equal(sameJson(a, structuredClone(a)), true);
    }),
    { numRuns: 3000, seed: 7 },
  );
});

test('key order and the skipped key count as JSON counts them', () => {
  assert.equal(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 }), false);
  assert.equal(sameJson({ a: 1, n: 'x' }, { a: 1 }, 'n'), true);
  assert.equal(sameJson({ a: 1, n: undefined }, { a: 1 }), true);
  assert.equal(sameJson([undefined], [null]), true);
});
