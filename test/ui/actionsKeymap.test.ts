import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KINDS } from '../../src/api/kinds.js';
import { actionsFor } from '../../src/ui/actions/registry.js';
import { matchesKey } from '../../src/ui/actions/types.js';
import { PAGE_KEYS } from '../../src/ui/keymap.js';

/** Keys the resource table itself uses before the per-kind actions (input/resourceKeys). */
const TABLE_KEYS = ['j', 'k', 'g', 'G', 'd', 'y', 'w', 'N', 'A', 'S', 'R', 'P', 'C', 'ctrl-w', 'ctrl-z', 'ctrl-f', 'ctrl-b'];
const key = (ctrl = false) => ({ ctrl, meta: false, shift: false }) as Parameters<typeof matchesKey>[2];

test('within a kind no two actions share a key, and none hides a table key', () => {
  for (const { kind } of KINDS) {
    const keys = actionsFor(kind).map((a) => a.key);
    assert.deepEqual(keys, [...new Set(keys)], `${kind}: ${keys.join(' ')}`);
    for (const k of keys) {
      const asTyped = k.startsWith('shift-') ? k.slice(6).toUpperCase() : k;
      assert.ok(!TABLE_KEYS.includes(asTyped), `${kind}: ${k} is a table key`);
    }
  }
});

test('the help lists every kind’s actions under resources:<Kind>, with k9s’s keys', () => {
  const keysOf = (kind: string) => (PAGE_KEYS[`resources:${kind}`] ?? []).map((b) => b.key);
  assert.deepEqual(keysOf('Deployment'), ['s', 'r', 'i', 'u', 'p', 'shift-l', 'ctrl-d', 'e', 'a']);
  assert.deepEqual(keysOf('Pod'), ['i', 'l', 'p', 'shift-x', 'ctrl-k', 'ctrl-d', 'e', 'a']);
  assert.deepEqual(keysOf('Node'), ['c', 'u', 'r', 'shift-f', 'ctrl-d', 'e', 'a']);
  assert.deepEqual(keysOf('CronJob'), ['i', 't', 's', 'ctrl-d', 'e', 'a']);
  assert.deepEqual(keysOf('Secret'), ['x', 'ctrl-d', 'e', 'a']);
  assert.deepEqual(keysOf('ConfigMap'), ['ctrl-d', 'e', 'a']);
  assert.deepEqual((PAGE_KEYS['resources:Deployment'] ?? []).filter((b) => b.hint).map((b) => b.hint), ['scale', 'restart', 'image']);
});

test('keys match as typed: ctrl-d is not d, shift-x is X', () => {
  assert.equal(matchesKey('ctrl-d', 'd', key(true)), true);
  assert.equal(matchesKey('ctrl-d', 'd', key()), false);
  assert.equal(matchesKey('e', 'e', key(true)), false);
  assert.equal(matchesKey('shift-x', 'X', key()), true);
  assert.equal(matchesKey('shift-x', 'x', key()), false);
  assert.equal(matchesKey('x', 'x', key()), true);
});
