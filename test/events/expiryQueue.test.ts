import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExpiryQueue } from '../../src/events/expiryQueue.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { runClockUntil } from '../helpers/runClockUntil.js';

test('entries expire in the order they were scheduled, each at its time, through one timer at a time', () => {
  const clock = new VirtualClock(0);
  const expired: string[] = [];
  const q = new ExpiryQueue(clock, (ns, name) => expired.push(`${clock.now()} ${ns}/${name}`));
  q.schedule('a', 'one', 100);
  q.schedule('a', 'two', 100);
  q.schedule('b', 'three', 250);
  assert.equal(clock.pendingTimers(), 1, 'one timer for the whole queue');
  runClockUntil(clock, 99);
  assert.deepEqual(expired, []);
  runClockUntil(clock, 100);
  assert.deepEqual(expired, ['100 a/one', '100 a/two']);
  runClockUntil(clock, 1000);
  assert.deepEqual(expired, ['100 a/one', '100 a/two', '250 b/three']);
  assert.equal(q.size, 0);
  assert.equal(clock.pendingTimers(), 0);
});

test('an entry seen again expires at its later time only', () => {
  const clock = new VirtualClock(0);
  const expired: string[] = [];
  const q = new ExpiryQueue(clock, (ns, name) => expired.push(`${clock.now()} ${ns}/${name}`));
  q.schedule('a', 'seen-twice', 100);
  q.schedule('a', 'once', 150);
  clock.setNow(50);
  q.extend('a', 'seen-twice', 200);
  runClockUntil(clock, 1000);
  assert.deepEqual(expired, ['150 a/once', '200 a/seen-twice']);
});

test('expiring can schedule more entries (an Event about a deletion) without a second timer', () => {
  const clock = new VirtualClock(0);
  const expired: string[] = [];
  let q: ExpiryQueue;
  q = new ExpiryQueue(clock, (ns, name) => {
    expired.push(`${clock.now()} ${name}`);
    if (name === 'first') q.schedule(ns, 'follow-up', clock.now() + 10);
  });
  q.schedule('a', 'first', 5);
  runClockUntil(clock, 5);
  assert.equal(clock.pendingTimers(), 1);
  runClockUntil(clock, 100);
  assert.deepEqual(expired, ['5 first', '15 follow-up']);
});

test('entries restored in any order are merged where their times fall, before and after those queued', () => {
  const clock = new VirtualClock(0);
  const expired: string[] = [];
  const q = new ExpiryQueue(clock, (ns, name) => expired.push(`${clock.now()} ${ns}/${name}`));
  q.schedule('a', 'queued', 300);
  q.scheduleAll([
    { namespace: 'r', name: 'late', at: 500 },
    { namespace: 'r', name: 'early', at: 100 },
    { namespace: 'r', name: 'same', at: 300 },
  ]);
  // Seen again: a restored entry was last seen no later than now, so its new time is the latest.
  q.extend('r', 'early', 600);
  runClockUntil(clock, 1000);
  assert.deepEqual(expired, ['300 a/queued', '300 r/same', '500 r/late', '600 r/early']);
  assert.equal(q.size, 0);
});
