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

export class WatchHub {
  private readonly byKind = new Map<string, Subscription[]>();
  private readonly anyKind: Subscription[] = [];

  subscribe(filter: WatchFilter, handler: WatchHandler): () => void {
    const sub: Subscription = { filter, handler, active: true };
    const list = filter.kind ? this.listFor(filter.kind) : this.anyKind;
    list.push(sub);
    return () => {
      sub.active = false;
      const at = list.indexOf(sub);
      if (at >= 0) list.splice(at, 1);
    };
  }

  publish(event: WatchEvent): void {
    const ns = event.object.metadata.namespace;
    const deliver = (subs: Subscription[] | undefined) => {
      if (!subs) return;
      // Copy: a handler may unsubscribe (or subscribe) while we deliver.
      for (const sub of subs.slice()) {
        if (!sub.active) continue;
        if (sub.filter.namespace !== undefined && sub.filter.namespace !== ns) continue;
        sub.handler(event);
      }
    };
    deliver(this.byKind.get(event.object.kind));
    deliver(this.anyKind);
  }

  private listFor(kind: string): Subscription[] {
    let list = this.byKind.get(kind);
    if (!list) this.byKind.set(kind, (list = []));
    return list;
  }
}
