// The event recorder's caches travel with the cluster state: after a save and a restore, a repeated
// event counts up the Event it would have counted up live, the aggregation and the spam filter go on
// from where they were, and the Event expires an hour after it was last seen. A file written before
// the caches were saved still loads, and its Events still expire.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import type { Event } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { captureState, restoreState } from '../../src/state/clusterState.js';
import { decodeState, encodeState, StateFileError, type ClusterState } from '../../src/state/format.js';

const source = { component: 'flapper', host: 'node-1' };

function start() {
  const cluster = new Cluster({ seed: 3, nodes: 1 });
  const map = cluster.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } } as KObject);
  return { cluster, map };
}

/** Through the file format and back, as a save and a load would; `edit` changes the saved state first. */
function saveAndLoad(cluster: Cluster, edit: (state: ClusterState) => void = () => {}): Cluster {
  const state = captureState(cluster, { seed: 3 });
  const encoded = encodeState(state);
  const decoded = decodeState('test.state', Buffer.from(encoded));
  edit(decoded);
  return restoreState(decoded).cluster;
}

function eventsOf(cluster: Cluster, reason: string): Event[] {
  return cluster.store.list<Event>('Event', { namespace: 'default' }).filter((e) => e.reason === reason);
}

function mapOf(cluster: Cluster): KObject {
  return cluster.store.get('ConfigMap', 'default', 'settings')!;
}

test('a repeated event after a restore counts up the same Event, as the live cluster would', () => {
  const { cluster, map } = start();
  cluster.events.record(source, map, 'Warning', 'Flapping', 'the value changed twice');
  cluster.advance(10_000);
  cluster.events.record(source, map, 'Warning', 'Flapping', 'the value changed twice');
  const [before] = eventsOf(cluster, 'Flapping');
  assert.equal(before.count, 2);

  const restored = saveAndLoad(cluster);
  restored.advance(20_000);
  restored.events.record(source, mapOf(restored), 'Warning', 'Flapping', 'the value changed twice');
  const after = eventsOf(restored, 'Flapping');
  assert.equal(after.length, 1, 'no second Event');
  assert.equal(after[0].metadata.name, before.metadata.name);
  assert.equal(after[0].metadata.uid, before.metadata.uid);
  assert.equal(after[0].count, 3);
  assert.equal(after[0].firstTimestamp, before.firstTimestamp);
  assert.equal(after[0].lastTimestamp, restored.clock.iso());

  // The live cluster, doing the same, ends with the same Event.
  cluster.advance(20_000);
  cluster.events.record(source, map, 'Warning', 'Flapping', 'the value changed twice');
  const live = eventsOf(cluster, 'Flapping');
  assert.deepEqual(
    live.map((e) => [e.metadata.name, e.count, e.firstTimestamp, e.lastTimestamp, e.message]),
    after.map((e) => [e.metadata.name, e.count, e.firstTimestamp, e.lastTimestamp, e.message]),
  );
});

test('the Event counted up after a restore expires an hour after it was last seen, not before', () => {
  const { cluster, map } = start();
  cluster.events.record(source, map, 'Normal', 'Synced', 'synced');
  const restored = saveAndLoad(cluster);
  restored.advance(30 * 60_000);
  restored.events.record(source, mapOf(restored), 'Normal', 'Synced', 'synced');
  restored.advance(35 * 60_000);
  assert.equal(eventsOf(restored, 'Synced')[0]?.count, 2, 'still there 65 minutes after it was first seen');
  restored.advance(26 * 60_000);
  assert.equal(eventsOf(restored, 'Synced').length, 0, 'gone an hour after it was last seen');
});

test('aggregation and the spam filter go on from the saved counts', () => {
  const { cluster, map } = start();
  // Nine distinct messages of one reason: the tenth (within 600 s) starts the combined Event.
  for (let i = 1; i <= 9; i++) cluster.events.record(source, map, 'Warning', 'Invalid', `key k${i} is not valid`);
  // 9 of the burst of 25 are spent; 15 more leave one.
  for (let i = 0; i < 15; i++) cluster.events.record(source, map, 'Normal', 'Noisy', 'again');
  const restored = saveAndLoad(cluster);
  const m = mapOf(restored);
  restored.events.record(source, m, 'Warning', 'Invalid', 'key k10 is not valid');
  const combined = eventsOf(restored, 'Invalid').filter((e) => e.message?.startsWith('(combined from similar events): '));
  assert.deepEqual(combined.map((e) => [e.message, e.count]), [['(combined from similar events): key k10 is not valid', 1]]);
  // The token bucket was empty by now: these are dropped, as they would be live.
  restored.events.record(source, m, 'Normal', 'Noisy', 'again');
  assert.equal(eventsOf(restored, 'Noisy')[0].count, 15);
});

test('a file from before the recorder was saved loads: a repeat starts a new Event and old Events still expire', () => {
  const { cluster, map } = start();
  cluster.events.record(source, map, 'Warning', 'Flapping', 'the value changed twice');
  const restored = saveAndLoad(cluster, (state) => {
    delete state.events;
  });
  restored.events.record(source, mapOf(restored), 'Warning', 'Flapping', 'the value changed twice');
  const events = eventsOf(restored, 'Flapping');
  assert.deepEqual(events.map((e) => e.count), [1, 1], 'the recorder did not know the first one');
  assert.equal(new Set(events.map((e) => e.metadata.name)).size, 2);
  restored.advance(60 * 60_000 + 1000);
  assert.equal(eventsOf(restored, 'Flapping').length, 0);
});

test('a state file whose recorder section is damaged is refused', () => {
  const { cluster } = start();
  const state = captureState(cluster, { seed: 3 });
  const broken = { ...state, events: { ...state.events!, known: [['only a key']] } } as unknown as ClusterState;
  assert.throws(() => decodeState('broken.state', Buffer.from(encodeState(broken))), (error: unknown) => error instanceof StateFileError && /events\.known/.test(error.message));
});
