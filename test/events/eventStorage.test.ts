// How Events are kept (found by uid through a flat table, their expiries queued as runs of equal
// times and namespaces) must not show in what is stored: an Event's JSON, key for key, through its
// creation, a repeat that counts it up, a snapshot restored, and its expiry an hour later.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import type { Event } from '../../src/api/types.js';
import { EventRecorder } from '../../src/events/eventRecorder.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/store/store.js';

function setup() {
  const clock = new VirtualClock();
  const store = new Store(clock, new SeededRandom(1));
  const recorder = new EventRecorder(store);
  const advance = (ms: number) => {
    clock.setNow(clock.now() + ms);
    while (clock.runOneDue()) {
      // fire every due timer
    }
  };
  return { clock, store, recorder, advance };
}

const kubelet = { component: 'kubelet', host: 'node-1' };

test("an Event's stored JSON is exactly client-go's, through creation, a repeat and a restore", () => {
  const { store, recorder, advance } = setup();
  const pod = store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'shop' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } as KObject, { trusted: true });
  recorder.record(kubelet, pod, 'Warning', 'BackOff', 'Back-off restarting failed container app', { fieldPath: 'spec.containers{app}' });
  const [first] = store.list<Event>('Event');
  const name = first.metadata.name!;
  const expected = (count: number, last: string, rv: string) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'shop', uid: first.metadata.uid, creationTimestamp: '2026-01-01T00:00:00Z', resourceVersion: rv },
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-0', uid: pod.metadata.uid, apiVersion: 'v1', resourceVersion: pod.metadata.resourceVersion, fieldPath: 'spec.containers{app}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container app',
      source: kubelet,
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: last,
      count,
      type: 'Warning',
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
    });
  assert.equal(JSON.stringify(first), expected(1, '2026-01-01T00:00:00Z', first.metadata.resourceVersion!));
  assert.equal(store.getByUid(first.metadata.uid!), first);

  advance(30_000);
  recorder.record(kubelet, pod, 'Warning', 'BackOff', 'Back-off restarting failed container app', { fieldPath: 'spec.containers{app}' });
  const counted = store.get<Event>('Event', 'shop', name)!;
  assert.equal(JSON.stringify(counted), expected(2, '2026-01-01T00:00:30Z', counted.metadata.resourceVersion!));
  assert.equal(store.getByUid(first.metadata.uid!), counted);

  const restored = new Store(new VirtualClock(), new SeededRandom(2));
  restored.restore(store.snapshot());
  assert.equal(JSON.stringify(restored.get('Event', 'shop', name)), JSON.stringify(counted));
  assert.equal(restored.getByUid(first.metadata.uid!), restored.get('Event', 'shop', name));

  // An hour after it was last seen it goes, from every lookup.
  advance(3_600_000 - 30_001);
  assert.ok(store.get('Event', 'shop', name));
  advance(30_002);
  assert.equal(store.get('Event', 'shop', name), undefined);
  assert.equal(store.getByUid(first.metadata.uid!), undefined);
});

test('thousands of Events in several namespaces expire in the order recorded, each an hour after it was last seen', () => {
  const { store, recorder, advance } = setup();
  const pods = Array.from({ length: 300 }, (_, i) =>
    store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, namespace: `ns-${i % 4}` }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KObject, { trusted: true }),
  );
  for (let step = 0; step < 10; step++) {
    for (const pod of pods) recorder.record(kubelet, pod, 'Normal', 'Started', `Started container c (${step})`);
    advance(1000);
  }
  const all = store.list<Event>('Event');
  assert.equal(all.length, 3000);
  for (const e of all) assert.equal(store.getByUid(e.metadata.uid!), e);
  advance(3_600_000 - 10_000 + 4_500);
  // Those recorded in the first five seconds are gone, the rest are kept.
  const left = store.list<Event>('Event');
  assert.equal(left.length, 1500);
  assert.ok(left.every((e) => Date.parse(e.lastTimestamp!) >= Date.parse('2026-01-01T00:00:05Z')));
  assert.ok(all.every((e) => (store.getByUid(e.metadata.uid!) !== undefined) === left.includes(e)));
});
