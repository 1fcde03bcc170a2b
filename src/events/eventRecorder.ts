// Writes Kubernetes Events the way client-go's recorder does: identical events are folded into one
// with a count, a burst of similar ones is combined, spam is dropped, and every event expires an hour
// after it was last seen (the apiserver's --event-ttl). At 150,000 pods there are over 800,000
// Events, so each is cheap: the correlator's caches kept per object rather than under long keys
// (correlatorCache.ts); one expiry queue instead of a timer apiece; the source, the reference to
// the object (per version and container) and the texts shared between Events; fields laid out by
// one literal, so every Event and its metadata have one shape with the fields in the object; and
// the fresh object handed to the store rather than copied.
import { isApiError } from '../api/errors.js';
import type { KObject } from '../api/object.js';
import type { Event } from '../api/types.js';
import type { Store, WriteOptions } from '../store/store.js';
import { EventNames } from './eventNames.js';
import { ExpiryQueue } from './expiryQueue.js';
import { COMBINED, CorrelatorCache } from './correlatorCache.js';
import type { EventRecorderState } from './recorderState.js';
import { SharedEventParts, type EventSource } from './sharedEventParts.js';

export type { EventSource } from './sharedEventParts.js';
export type EventType = 'Normal' | 'Warning';

export interface EventOptions {
  /** `spec.containers{web}` for container events. */
  fieldPath?: string;
}

const EVENT_TTL_MS = 60 * 60 * 1000;
const AGGREGATE_MAX = 10;
const AGGREGATE_WINDOW_MS = 600 * 1000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300 * 1000;
const CACHE_LIMIT = 4096;
/** The recorder builds valid Events and keeps no reference to them. */
const CREATE: WriteOptions = { trusted: true, adopt: true };
const MODIFY: WriteOptions = { trusted: true };

export interface RecorderLimits {
  /** Keys the de-duplication and aggregation caches hold (client-go: 4096); the spam filter holds four times as many. */
  cache?: number;
}

export class EventRecorder {
  /** client-go's correlator: spam buckets, aggregation and de-duplication. */
  private readonly cache: CorrelatorCache;
  private readonly parts = new SharedEventParts();
  private readonly names = new EventNames();
  private readonly expiries: ExpiryQueue;

  constructor(
    private readonly store: Store,
    limits: RecorderLimits = {},
  ) {
    this.cache = new CorrelatorCache(limits.cache ?? CACHE_LIMIT);
    this.expiries = new ExpiryQueue(store.clock, (namespace, name) => {
      if (this.store.get('Event', namespace, name)) this.store.delete('Event', namespace, name);
    });
  }

  record(source: EventSource, object: KObject, type: EventType, reason: string, message: string, options: EventOptions = {}): void {
    const clock = this.store.clock;
    const now = clock.now();
    const meta = object.metadata;
    const shared = this.parts.source(source);
    // client-go's keys: the source and the involved object (its uid; kind, namespace and name only
    // when it has none), then field path, type and reason, then the message. The spam key is the
    // source and the object, not the field path: the containers of one pod share the bucket.
    const subject = this.cache.subject(shared.id, meta.uid || `${object.kind}/${meta.namespace ?? ''}/${meta.name}`);
    if (!this.takeToken(this.cache.bucket(subject, SPAM_BURST, now), now)) return;

    const fieldPath = options.fieldPath || '';
    let text = message;
    let keyMessage = message;
    // Times of the recent distinct messages under this key, oldest first: drop those out of the window.
    const similar = this.cache.similar(subject, fieldPath, type, reason);
    const recent = similar?.times;
    if (recent) {
      let stale = 0;
      while (stale < recent.length && now - recent[stale] >= AGGREGATE_WINDOW_MS) stale++;
      if (stale) recent.splice(0, stale);
    }
    let known = this.cache.known(subject, fieldPath, type, reason, message);
    if (!known) {
      const times = recent ?? this.cache.addSimilar(subject, fieldPath, type, reason, []).times;
      times.push(now);
      if (times.length >= AGGREGATE_MAX) {
        // From the 10th distinct message on, one combined event per key: its count grows and its
        // message is the latest (client-go folds it under the key without the message).
        text = `(combined from similar events): ${message}`;
        keyMessage = COMBINED;
        known = this.cache.known(subject, fieldPath, type, reason, COMBINED);
      }
    } else if (!similar) {
      this.cache.addSimilar(subject, fieldPath, type, reason, []);
    }

    if (known && this.store.get('Event', known.namespace, known.name)) {
      const stamp = clock.iso(now);
      this.store.modify<Event>('Event', known.namespace, known.name, (e) => {
        e.count = (e.count ?? 1) + 1;
        e.lastTimestamp = stamp;
        e.message = text;
      }, MODIFY);
      this.expiries.extend(known.namespace, known.name, now + EVENT_TTL_MS);
      this.cache.touch(known);
      return;
    }

    const namespace = meta.namespace || 'default';
    const stamp = clock.iso(now);
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      // The fields the store fills in are named here, in the order it fills them, so that they take
      // their places in the object instead of a second array of properties.
      metadata: { name: this.names.next(meta.name!, now), namespace, uid: undefined, creationTimestamp: undefined, resourceVersion: undefined },
      involvedObject: this.parts.reference(object, fieldPath || undefined),
      reason,
      message: this.parts.text(text),
      source: shared.object,
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
      type,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    for (;;) {
      try {
        this.store.create(event, CREATE);
        break;
      } catch (error) {
        // NamespaceLifecycle refuses events in a namespace being deleted or already gone; the recorder
        // drops them, as client-go's sink gives up on such errors.
        if (isApiError(error, 'Forbidden') || isApiError(error, 'NotFound')) return;
        // A cluster restored from a state file holds events named by an earlier recorder at the
        // same instant: take the next counter value.
        if (!isApiError(error, 'AlreadyExists')) throw error;
        event.metadata.name = this.names.next(meta.name!, now);
      }
    }
    const name = event.metadata.name!;
    this.expiries.schedule(namespace, name, now + EVENT_TTL_MS);
    this.cache.setKnown(subject, fieldPath, type, reason, keyMessage, namespace, name);
    this.cache.evict();
  }

  /** The correlator's caches as plain data, for a state file. */
  saveState(): EventRecorderState {
    const c = this.cache;
    return {
      known: Array.from(c.knownInOrder(), (e): EventRecorderState['known'][number] => [e.subject.source, e.subject.id, e.fieldPath, e.type, e.reason, e.message, e.namespace, e.name]),
      similar: Array.from(c.similarInOrder(), (e): EventRecorderState['similar'][number] => [e.subject.source, e.subject.id, e.fieldPath, e.type, e.reason, [...e.times]]),
      buckets: Array.from(c.bucketsInOrder(), (e): EventRecorderState['buckets'][number] => [e.subject.source, e.subject.id, e.tokens, e.updatedAt]),
      names: this.names.counter,
    };
  }

  /**
   * After the store took back a saved cluster: its Events expire an hour after each was last seen,
   * and the saved caches (when the file has them) carry on counting, aggregating and filtering
   * where the saved recorder stopped.
   */
  restore(saved?: EventRecorderState): void {
    const now = this.store.clock.now();
    const expiries: Array<{ namespace: string; name: string; at: number }> = [];
    for (const event of this.store.list<Event>('Event')) {
      const lastSeen = Date.parse(event.lastTimestamp ?? event.firstTimestamp ?? '') || now;
      expiries.push({ namespace: event.metadata.namespace ?? 'default', name: event.metadata.name ?? '', at: lastSeen + EVENT_TTL_MS });
    }
    this.expiries.scheduleAll(expiries);
    if (!saved) return;
    const c = this.cache;
    c.clear();
    // Buckets first, as a record makes them: a subject is forgotten only when it has none of the three.
    for (const [source, id, tokens, updatedAt] of saved.buckets) c.bucket(c.subject(source, id), tokens, updatedAt);
    for (const [source, id, fieldPath, type, reason, times] of saved.similar) c.addSimilar(c.subject(source, id), fieldPath, type, reason, [...times]);
    for (const [source, id, fieldPath, type, reason, message, namespace, name] of saved.known) c.setKnown(c.subject(source, id), fieldPath, type, reason, message, namespace, name);
    this.names.counter = Math.max(this.names.counter, saved.names);
  }

  private takeToken(bucket: { tokens: number; updatedAt: number }, now: number): boolean {
    const refill = Math.floor((now - bucket.updatedAt) / SPAM_REFILL_MS);
    if (refill > 0) {
      bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + refill);
      bucket.updatedAt += refill * SPAM_REFILL_MS;
    }
    if (bucket.tokens <= 0) return false;
    bucket.tokens -= 1;
    return true;
  }
}
