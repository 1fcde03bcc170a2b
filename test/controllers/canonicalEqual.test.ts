import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../../src/controllers/deployment/podTemplateHash.js';
import { canonicalEqual } from '../../src/controllers/shared/canonicalEqual.js';

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.constantFrom('', 'a', 'b', 'null')),
  tree: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('tree'), { maxKeys: 3 })),
})).tree;

test('canonicalEqual answers what comparing canonicalJson would', () => {
  fc.assert(fc.property(value, value, (a, b) => assert.equal(canonicalEqual(a, b), canonicalJson(a) === canonicalJson(b))), { numRuns: 3000, seed: 11 });
  assert.equal(canonicalEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 }), true);
});
