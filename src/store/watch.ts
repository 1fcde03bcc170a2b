// Watch streams: subscribers by kind (and optionally namespace) receive every change in the order
// the store made it.
import type { KObject } from '../api/object.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
  /** The previous version, for MODIFIED and DELETED. */
  old?: KObject;
}

export interface WatchFilter {
  kind?: string; // every kind when omitted
  namespace?: string;
}

export type WatchHandler = (event: WatchEvent) => void;

interface Subscription {
  filter: WatchFilter;
  handler: WatchHandler;
  active: boolean;
}

// The subscriber lists are replaced, never changed, when someone subscribes or unsubscribes: a
// delivery goes through the list as it was when the event came, without copying it for every event.
/** The list key of subscribers to every kind (no kind is named so). */
const ANY_KIND = Symbol('any kind');

export class WatchHub {
  private readonly lists = new Map<string | symbol, readonly Subscription[]>();

  subscribe(filter: WatchFilter, handler: WatchHandler): () => void {
    const sub: Subscription = { filter, handler, active: true };
    const key = filter.kind || ANY_KIND;
    this.lists.set(key, [...(this.lists.get(key) ?? []), sub]);
    return () => {
      if (!sub.active) return;
      sub.active = false;
      const list = this.lists.get(key) ?? [];
      this.lists.set(key, list.filter((s) => s !== sub));
    };
  }

  publish(event: WatchEvent): void {
    const ns = event.object.metadata.namespace;
    const ofKind = this.lists.get(event.object.kind);
    if (ofKind) deliver(ofKind, event, ns);
    const any = this.lists.get(ANY_KIND);
    if (any) deliver(any, event, ns);
  }
}

/** To each subscriber still active (a handler may unsubscribe another) whose filter takes the event. */
function deliver(subs: readonly Subscription[], event: WatchEvent, ns: string | undefined): void {
  for (let i = 0; i < subs.length; i++) {
    const sub = subs[i];
    if (!sub.active) continue;
    if (sub.filter.namespace !== undefined && sub.filter.namespace !== ns) continue;
    sub.handler(event);
  }
}
