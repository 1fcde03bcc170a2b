// The recorder against a plain model of client-go's correlator (reference §15), on random sequences
// of events over a few sources, objects, reasons and messages, with caches small enough that their
// evictions take part: the same Events come out, with the same names, counts, messages and
// timestamps, and they expire at the same times. The model keeps its caches in plain Maps, whose
// iteration order is the insertion order the recorder's caches follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { KObject } from '../../src/api/object.js';
import type { Event } from '../../src/api/types.js';
import { EventRecorder, type EventSource, type EventType } from '../../src/events/eventRecorder.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/store/store.js';

const LIMIT = 2;
const TTL = 3600_000;

interface ModelEvent {
  name: string;
  involved: string;
  fieldPath: string;
  reason: string;
  type: string;
  message: string;
  count: number;
  first: number;
  last: number;
}

/** The correlator as the reference describes it, written for clarity rather than speed. */
class Model {
  readonly events = new Map<string, ModelEvent>();
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();
  private readonly similar = new Map<string, number[]>();
  private readonly known = new Map<string, string>();
  private counter = 0;

  expire(now: number): void {
    for (const [name, e] of this.events) if (e.last + TTL <= now) this.events.delete(name);
  }

  record(now: number, source: EventSource, object: KObject, type: string, reason: string, message: string, fieldPath: string): void {
    const involved = `${source.host ? `${source.component}\0${source.host}` : source.component}\0${object.metadata.uid}`;
    let bucket = this.buckets.get(involved);
    if (!bucket) {
      this.buckets.set(involved, (bucket = { tokens: 25, updatedAt: now }));
      if (this.buckets.size > LIMIT * 4) this.buckets.delete(this.buckets.keys().next().value!);
    }
    const refill = Math.floor((now - bucket.updatedAt) / 300_000);
    if (refill > 0) {
      bucket.tokens = Math.min(25, bucket.tokens + refill);
      bucket.updatedAt += refill * 300_000;
    }
    if (bucket.tokens <= 0) return;
    bucket.tokens--;
    const similarKey = `${involved}\0${fieldPath}\0${type}\0${reason}`;
    let key = `${similarKey}\0${message}`;
    let text = message;
    if (!this.similar.has(similarKey)) this.similar.set(similarKey, []);
    const recent = this.similar.get(similarKey)!.filter((t) => now - t < 600_000);
    this.similar.set(similarKey, recent);
    if (!this.known.has(key)) {
      recent.push(now);
      if (recent.length >= 10) {
        text = `(combined from similar events): ${message}`;
        key = `${similarKey}\0\0combined`;
      }
    }
    const name = this.known.get(key);
    const existing = name === undefined ? undefined : this.events.get(name);
    if (name !== undefined && existing) {
      existing.count++;
      existing.last = now;
      existing.message = text;
      this.known.delete(key);
      this.known.set(key, name);
      return;
    }
    const created = `${object.metadata.name}.${(BigInt(now) * 1_000_000n + BigInt(this.counter++)).toString(16)}`;
    this.events.set(created, { name: created, involved: object.metadata.uid!, fieldPath, reason, type, message: text, count: 1, first: now, last: now });
    this.known.set(key, created);
    while (this.known.size > LIMIT) this.known.delete(this.known.keys().next().value!);
    while (this.similar.size > LIMIT) this.similar.delete(this.similar.keys().next().value!);
  }
}

const sources: EventSource[] = [{ component: 'kubelet', host: 'node-1' }, { component: 'kubelet', host: 'node-2' }, { component: 'replicaset-controller' }];
const step = fc.oneof(
  { weight: 1, arbitrary: fc.record({ advance: fc.constantFrom(0, 1000, 100_000, 400_000, 700_000, 2_400_000) }) },
  {
    weight: 8,
    // Mostly a few keys, so that repeats fold and cached keys are evicted and come back; sometimes
    // others, and sometimes many messages (ten distinct ones within 600 s aggregate).
    arbitrary: fc.record({
      source: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: sources.length - 1 }) }),
      object: fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 1 }) }, { weight: 1, arbitrary: fc.nat({ max: 2 }) }),
      type: fc.oneof({ weight: 4, arbitrary: fc.constant<EventType>('Warning') }, { weight: 1, arbitrary: fc.constant<EventType>('Normal') }),
      reason: fc.oneof({ weight: 4, arbitrary: fc.constant('BackOff') }, { weight: 1, arbitrary: fc.constant('Pulled') }),
      message: fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.nat({ max: 13 }) }),
      fieldPath: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('spec.containers{app}') }),
    }),
  },
);

test('the recorder writes and expires the Events the model of the correlator does, caches and evictions included', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 600 }), (steps) => {
      const clock = new VirtualClock();
      const store = new Store(clock, new SeededRandom(1));
      const recorder = new EventRecorder(store, { cache: LIMIT });
      const model = new Model();
      const objects = [0, 1, 2].map((i) => store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' } } as KObject));
      for (const s of steps) {
        if ('advance' in s) {
          clock.setNow(clock.now() + s.advance);
          while (clock.runOneDue()) {
            // fire every due timer
          }
          model.expire(clock.now());
          continue;
        }
        const source = sources[s.source];
        const text = `message ${s.message}`;
        recorder.record(source, objects[s.object], s.type, s.reason, text, s.fieldPath ? { fieldPath: s.fieldPath } : {});
        model.record(clock.now(), source, objects[s.object], s.type, s.reason, text, s.fieldPath);
      }
      const stored = store
        .list<Event>('Event')
        .map((e) => [e.metadata.name, e.involvedObject.uid, e.involvedObject.fieldPath ?? '', e.reason, e.type, e.message, e.count, e.firstTimestamp, e.lastTimestamp].join(' | '))
        .sort();
      const expected = [...model.events.values()].map((e) => [e.name, e.involved, e.fieldPath, e.reason, e.type, e.message, e.count, clock.iso(e.first), clock.iso(e.last)].join(' | ')).sort();
      assert.deepEqual(stored, expected);
    }),
    { numRuns: 200, seed: 11 },
  );
});

test('an object whose spam bucket was evicted starts again with a full burst; a key whose aggregation was evicted counts again from one', () => {
  const clock = new VirtualClock();
  const store = new Store(clock, new SeededRandom(1));
  const recorder = new EventRecorder(store, { cache: 1 });
  const objects = [0, 1, 2, 3, 4].map((i) => store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' } } as KObject));
  const source = sources[2];
  const count = (reason: string) => store.list<Event>('Event').filter((e) => e.reason === reason).reduce((n, e) => n + (e.count ?? 1), 0);
  for (let i = 0; i < 26; i++) recorder.record(source, objects[0], 'Normal', 'Noisy', 'again');
  assert.equal(count('Noisy'), 25, 'the 26th is dropped');
  // Four more objects fill the spam filter (four keys per cache key): the first object's bucket goes.
  for (const o of objects.slice(1)) recorder.record(source, o, 'Normal', 'Other', 'once');
  recorder.record(source, objects[0], 'Normal', 'Noisy', 'again');
  assert.equal(count('Noisy'), 26, 'a fresh bucket lets it through');

  // Nine distinct messages, then another key evicts the first from the aggregation cache: the
  // tenth message is a plain Event, not a combined one.
  const m = objects[4];
  for (let i = 1; i <= 9; i++) recorder.record(source, m, 'Warning', 'Invalid', `key k${i}`);
  recorder.record(source, m, 'Warning', 'Unrelated', 'x');
  recorder.record(source, m, 'Warning', 'Invalid', 'key k10');
  const invalid = store.list<Event>('Event').filter((e) => e.reason === 'Invalid');
  assert.equal(invalid.length, 10);
  assert.ok(invalid.every((e) => !e.message?.startsWith('(combined')));
});
