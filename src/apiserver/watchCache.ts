// A bounded history of recent changes per kind, so a client that lists at resourceVersion N and then
// watches from N (kubectl get -w, informers, reconnecting watches) misses nothing. A watch from a
// version older than what is kept gets 410 Gone `too old resource version`, as from a real server.
import type { KObject } from '../api/object.js';
import type { Store } from '../store/store.js';
import type { WatchEvent } from '../store/watch.js';

export interface CachedEvent {
  type: WatchEvent['type'];
  object: KObject;
  old?: KObject;
  rv: number;
}

interface KindHistory {
  events: CachedEvent[];
  /** Every event of the kind after this resourceVersion is in `events`. */
  completeAfter: number;
}

/** Events kept per kind; older ones are dropped in chunks. */
export const HISTORY_PER_KIND = 5000;

export class WatchCache {
  private readonly kinds = new Map<string, KindHistory>();
  private readonly startedAt: number;
  private readonly unsubscribe: () => void;

  constructor(
    store: Store,
    private readonly capacity = HISTORY_PER_KIND,
  ) {
    this.startedAt = store.resourceVersion;
    this.unsubscribe = store.watch({}, (e) => this.record(e));
  }

  dispose(): void {
    this.unsubscribe();
  }

  private record(e: WatchEvent): void {
    const kind = e.object.kind;
    let h = this.kinds.get(kind);
    if (!h) this.kinds.set(kind, (h = { events: [], completeAfter: this.startedAt }));
    const rv = Number(e.object.metadata.resourceVersion ?? 0);
    h.events.push({ type: e.type, object: e.object, old: e.old, rv });
    if (h.events.length > this.capacity * 1.25) {
      const drop = h.events.length - this.capacity;
      h.completeAfter = h.events[drop - 1].rv;
      h.events.splice(0, drop);
    }
  }

  /** The oldest resourceVersion a watch of `kind` may start from. */
  oldest(kind: string): number {
    return this.kinds.get(kind)?.completeAfter ?? this.startedAt;
  }

  /** Events of `kind` after `rv`, oldest first; undefined when they are no longer all kept. */
  since(kind: string, rv: number): CachedEvent[] | undefined {
    const h = this.kinds.get(kind);
    const complete = h?.completeAfter ?? this.startedAt;
    if (rv < complete) return undefined;
    if (!h) return [];
    // Binary search: events are in resourceVersion order.
    let lo = 0;
    let hi = h.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h.events[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return h.events.slice(lo);
  }
}
