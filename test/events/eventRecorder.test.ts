// The event recorder against client-go's correlator and the apiserver's --event-ttl (reference §15):
// identical events fold into one with a count and first/last timestamps, the 10th distinct message
// of a kind within 600 s starts one combined event, spam beyond 25 per object is dropped and refilled
// one per 300 s, and an event goes one hour after it was last seen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
  const pod = store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } as KObject, { trusted: true });
  const events = () => store.list<Event>('Event').sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  const advance = (ms: number) => {
    clock.setNow(clock.now() + ms);
    while (clock.runOneDue()) {
      // fire every due timer
    }
  };
  return { clock, store, recorder, pod, events, advance };
}

const kubelet = { component: 'kubelet', host: 'node-1' };

describe('event recorder', () => {
  it('writes a core/v1 Event named <object>.<hex nanoseconds> with source, counts and timestamps', () => {
    const { recorder, pod, events } = setup();
    recorder.record(kubelet, pod, 'Normal', 'Pulling', 'Pulling image "nginx"', { fieldPath: 'spec.containers{app}' });
    const [e] = events();
    assert.match(e.metadata.name!, /^web-0\.[0-9a-f]+$/);
    assert.equal(e.metadata.namespace, 'default');
    assert.deepEqual(
      [e.type, e.reason, e.message, e.count, e.firstTimestamp, e.lastTimestamp, e.source, e.involvedObject.fieldPath, e.involvedObject.uid],
      ['Normal', 'Pulling', 'Pulling image "nginx"', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', kubelet, 'spec.containers{app}', pod.metadata.uid],
    );
  });

  it('folds an identical event into the first: count + 1, lastTimestamp moves, firstTimestamp stays', () => {
    const { recorder, pod, events, advance } = setup();
    const backOff = 'Back-off restarting failed container app in pod web-0_default(x)';
    recorder.record(kubelet, pod, 'Warning', 'BackOff', backOff);
    advance(40_000);
    recorder.record(kubelet, pod, 'Warning', 'BackOff', backOff);
    advance(80_000);
    recorder.record(kubelet, pod, 'Warning', 'BackOff', backOff);
    const all = events();
    assert.equal(all.length, 1);
    assert.deepEqual([all[0].count, all[0].firstTimestamp, all[0].lastTimestamp], [3, '2026-01-01T00:00:00Z', '2026-01-01T00:02:00Z']);
  });

  it('the 10th distinct message of one reason within 600 s starts a single combined event that keeps counting', () => {
    const { recorder, pod, events, advance } = setup();
    const source = { component: 'default-scheduler' };
    for (let i = 1; i <= 14; i++) {
      recorder.record(source, pod, 'Warning', 'FailedScheduling', `0/3 nodes are available: ${i} Insufficient cpu.`);
      advance(1000);
    }
    const all = events();
    assert.equal(all.length, 10, 'nine plain events and one combined');
    const combined = all.filter((e) => e.message!.startsWith('(combined from similar events): '));
    assert.equal(combined.length, 1);
    assert.deepEqual(
      [combined[0].count, combined[0].message, combined[0].firstTimestamp, combined[0].lastTimestamp],
      [5, '(combined from similar events): 0/3 nodes are available: 14 Insufficient cpu.', '2026-01-01T00:00:09Z', '2026-01-01T00:00:13Z'],
    );
  });

  it('drops events beyond a burst of 25 per object and source, then lets one through per 300 s', () => {
    const { recorder, pod, events, advance } = setup();
    for (let i = 0; i < 30; i++) recorder.record(kubelet, pod, 'Normal', 'Started', 'Started container app');
    assert.equal(events()[0].count, 25);
    advance(300_000);
    recorder.record(kubelet, pod, 'Normal', 'Started', 'Started container app');
    recorder.record(kubelet, pod, 'Normal', 'Started', 'Started container app');
    assert.equal(events()[0].count, 26);
    // The containers of one pod share the bucket (the spam key has no field path) ...
    recorder.record(kubelet, pod, 'Normal', 'Started', 'Started container sidecar', { fieldPath: 'spec.containers{sidecar}' });
    assert.equal(events().length, 1);
    // ... another component is another bucket.
    recorder.record({ component: 'default-scheduler' }, pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-0 to node-1');
    assert.equal(events().length, 2);
  });

  it('an event expires one hour after it was last seen', () => {
    const { recorder, pod, events, advance } = setup();
    recorder.record(kubelet, pod, 'Normal', 'Pulled', 'Container image "nginx" already present on machine');
    advance(30 * 60_000);
    recorder.record(kubelet, pod, 'Normal', 'Pulled', 'Container image "nginx" already present on machine');
    advance(60 * 60_000 - 1);
    assert.equal(events().length, 1, 'still there just before an hour after the last sighting');
    advance(1);
    assert.equal(events().length, 0);
  });
});
