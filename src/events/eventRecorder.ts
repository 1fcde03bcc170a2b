// Writes Kubernetes Events the way client-go's recorder does: identical events are folded into one
// with a count, a burst of similar ones is combined, spam is dropped, and every event expires an hour
// after it was last seen (the apiserver's --event-ttl). At 150,000 pods there are over half a million
// Events, so each is cheap: one expiry queue instead of a timer apiece, the `source` object shared by
// every Event of a component on a host, timestamps shared through the clock, and the fresh object
// handed to the store rather than copied.
import { isApiError } from '../api/errors.js';
import type { KObject } from '../api/object.js';
import type { Event } from '../api/types.js';
import type { Store } from '../store/store.js';
import { ExpiryQueue } from './expiryQueue.js';
import { InsertionOrderMap } from './insertionOrderMap.js';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

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

interface Known {
  name: string;
  namespace: string;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class EventRecorder {
  /** key with message → the stored event it folds into. */
  private readonly known = new InsertionOrderMap<string, Known>();
  /** key without message → timestamps of recent distinct messages (for aggregation). */
  private readonly similar = new InsertionOrderMap<string, number[]>();
  private readonly buckets = new InsertionOrderMap<string, Bucket>();
  /** `component/host` → the one `source` object their Events share (stored objects are never mutated). */
  private readonly sources = new Map<string, Event['source']>();
  private readonly expiries: ExpiryQueue;
  private readonly texts = new Map<string, string>();
  private counter = 0;

  constructor(private readonly store: Store) {
    this.expiries = new ExpiryQueue(store.clock, (namespace, name) => {
      if (this.store.get('Event', namespace, name)) this.store.delete('Event', namespace, name);
    });
  }

  record(source: EventSource, object: KObject, type: EventType, reason: string, message: string, options: EventOptions = {}): void {
    const clock = this.store.clock;
    const now = clock.now();
    const meta = object.metadata;
    // The keys of client-go's correlator, built short: a stored object's uid names it (kind, namespace
    // and name only when it has none), and NUL separates the parts.
    const sourceId = source.host ? `${source.component}\0${source.host}` : source.component;
    const involved = meta.uid ? `${sourceId}\0${meta.uid}` : `${sourceId}\0${object.kind}/${meta.namespace ?? ''}/${meta.name}`;
    // client-go's spam key is the source and the involved object, not the field path: the containers
    // of one pod share the bucket.
    if (!this.takeToken(involved, now)) return;

    const similarKey = `${involved}\0${options.fieldPath ?? ''}\0${type}\0${reason}`;
    let text = message;
    let key = `${similarKey}\0${message}`;
    // Times of the recent distinct messages under this key, oldest first: drop those out of the window.
    let recent = this.similar.get(similarKey);
    if (!recent) this.similar.set(similarKey, (recent = []));
    let stale = 0;
    while (stale < recent.length && now - recent[stale] >= AGGREGATE_WINDOW_MS) stale++;
    if (stale) recent.splice(0, stale);
    if (!this.known.has(key)) {
      recent.push(now);
      if (recent.length >= AGGREGATE_MAX) {
        // From the 10th distinct message on, one combined event per key: its count grows and its
        // message is the latest (client-go folds it under the key without the message).
        text = `(combined from similar events): ${message}`;
        key = `${similarKey}\0\0combined`;
      }
    }

    const known = this.known.get(key);
    const existing = known && this.store.get<Event>('Event', known.namespace, known.name);
    if (known && existing) {
      this.store.modify<Event>('Event', known.namespace, known.name, (e) => {
        e.count = (e.count ?? 1) + 1;
        e.lastTimestamp = clock.iso(now);
        e.message = text;
      }, { trusted: true });
      this.expiries.extend(known.namespace, known.name, now + EVENT_TTL_MS);
      // Refresh the LRU position.
      this.known.delete(key);
      this.known.set(key, known);
      return;
    }

    const namespace = meta.namespace || 'default';
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.eventName(meta.name!, now), namespace },
      involvedObject: {
        kind: object.kind,
        namespace: meta.namespace,
        name: meta.name,
        uid: meta.uid,
        apiVersion: object.apiVersion,
        resourceVersion: meta.resourceVersion,
        ...(options.fieldPath ? { fieldPath: options.fieldPath } : {}),
      },
      reason,
      message: this.shared(text),
      source: this.sourceObject(source),
      firstTimestamp: clock.iso(now),
      lastTimestamp: clock.iso(now),
      count: 1,
      type,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    for (;;) {
      try {
        this.store.create(event, { trusted: true, adopt: true });
        break;
      } catch (error) {
        // NamespaceLifecycle refuses events in a namespace being deleted or already gone; the recorder
        // drops them, as client-go's sink gives up on such errors.
        if (isApiError(error, 'Forbidden') || isApiError(error, 'NotFound')) return;
        // A cluster restored from a state file holds events named by an earlier recorder at the
        // same instant: take the next counter value.
        if (!isApiError(error, 'AlreadyExists')) throw error;
        event.metadata.name = this.eventName(meta.name!, now);
      }
    }
    const name = event.metadata.name!;
    this.expiries.schedule(namespace, name, now + EVENT_TTL_MS);
    this.known.set(key, { name, namespace });
    this.evictOldest();
  }

  /** `web-0.18867251edfa0000`: the object's name and the time in nanoseconds plus a counter, in hex. */
  private eventName(objectName: string, now: number): string {
    // BigInt: nanoseconds since the epoch are beyond 2^53, where a Number would drop the counter.
    // Joined rather than added, so the name is one flat string and not a rope of its parts.
    if (now !== this.nanosAt) {
      this.nanosAt = now;
      this.nanos = BigInt(now) * 1_000_000n;
    }
    return [objectName, '.', (this.nanos + BigInt(this.counter++)).toString(16)].join('');
  }

  private nanosAt = Number.NaN;
  private nanos = 0n;

  /**
   * One flat copy of a message: the same text (`Started container web`) is kept once for every
   * Event that says it, and a text glued together with `+` stops holding on to its pieces.
   */
  private shared(text: string): string {
    const hit = this.texts.get(text);
    if (hit !== undefined) return hit;
    const flat = text.length > 12 ? Buffer.from(text, 'utf8').toString('utf8') : text;
    if (this.texts.size >= CACHE_LIMIT * 2) this.texts.clear();
    this.texts.set(flat, flat);
    return flat;
  }

  private sourceObject(source: EventSource): Event['source'] {
    const key = `${source.component}/${source.host ?? ''}`;
    let shared = this.sources.get(key);
    if (!shared) {
      shared = source.host ? { component: source.component, host: source.host } : { component: source.component };
      this.sources.set(key, shared);
    }
    return shared;
  }

  private takeToken(key: string, now: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: SPAM_BURST, updatedAt: now };
      this.buckets.set(key, bucket);
      if (this.buckets.size > CACHE_LIMIT * 4) this.buckets.deleteOldest();
    }
    const refill = Math.floor((now - bucket.updatedAt) / SPAM_REFILL_MS);
    if (refill > 0) {
      bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + refill);
      bucket.updatedAt += refill * SPAM_REFILL_MS;
    }
    if (bucket.tokens <= 0) return false;
    bucket.tokens -= 1;
    return true;
  }

  private evictOldest(): void {
    while (this.known.size > CACHE_LIMIT) this.known.deleteOldest();
    while (this.similar.size > CACHE_LIMIT) this.similar.deleteOldest();
  }
}
