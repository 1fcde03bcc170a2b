// The bounded tables behind kubesim's sharing: a cache starts again empty when full; flat texts
// give back equal texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedCache } from '../../src/util/boundedCache.js';
import { FlatTexts } from '../../src/util/flatTexts.js';

test('a bounded cache keeps what it is given until it is full, then starts again with the new entry', () => {
  const cache = new BoundedCache<string, number>(3);
  assert.equal(cache.set('a', 1), 1);
  cache.set('b', 2);
  cache.set('c', 3);
  assert.deepEqual([cache.get('a'), cache.get('b'), cache.get('c'), cache.size], [1, 2, 3, 3]);
  cache.set('b', 20);
  assert.deepEqual([cache.get('a'), cache.get('b'), cache.size], [undefined, 20, 1], 'full: forgets everything, keeps the new entry');
  cache.clear();
  assert.equal(cache.size, 0);
});

test('flat texts give back an equal text, for ropes, joined texts and short strings alike', () => {
  const texts = new FlatTexts(100);
  const first = texts.get(`runs until stopped: ${'nginx'} server`);
  const again = texts.get(['runs until stopped:', 'nginx', 'server'].join(' '));
  assert.equal(again, first);
  assert.equal(first, 'runs until stopped: nginx server');
  assert.equal(texts.get('short'), 'short');
});
