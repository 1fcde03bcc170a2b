// Which ClusterIPs and NodePorts are taken. The stored Services are the only truth; this index
// follows them so that an allocation does not scan every Service:
//  - `confirmed` values come from the watch stream (value → Service uid);
//  - `pending` values were just handed out to a write that has not been announced yet (inside a
//    store transaction watchers hear nothing until it commits, and the write may still be refused);
//    they are checked against the store before every allocation and dropped if the write did not land;
//  - after a restore (contents replaced without DELETED events) the index rebuilds itself from a list.
// Every entry is re-verified against the store before it is trusted, so it cannot drift.
import type { KObject } from '../../api/object.js';
import type { Store } from '../store.js';
import type { WatchEvent } from '../watch.js';
import { inRange, NODE_PORT_RANGE, parseIPv4, SERVICE_IP_RANGE, type NumberRange } from './serviceRanges.js';

/** The ClusterIPs a Service holds, as numbers inside the service range. */
export function clusterIPsOf(svc: KObject): number[] {
  const texts: string[] = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
  const out: number[] = [];
  for (const t of texts) {
    const n = parseIPv4(t);
    if (n !== undefined && inRange(SERVICE_IP_RANGE, n)) out.push(n);
  }
  return out;
}

/** The NodePorts (and health-check NodePort) a Service holds. */
export function nodePortsOf(svc: KObject): number[] {
  const out: number[] = [];
  for (const p of svc.spec?.ports ?? []) if (typeof p.nodePort === 'number' && inRange(NODE_PORT_RANGE, p.nodePort)) out.push(p.nodePort);
  const hc = svc.spec?.healthCheckNodePort;
  if (typeof hc === 'number' && inRange(NODE_PORT_RANGE, hc)) out.push(hc);
  return out;
}

/** One range: who holds which value, and a hint at the lowest value of the dynamic band that may be free. */
class RangeIndex {
  private readonly confirmed = new Map<number, string>();
  private readonly pending = new Map<number, KObject>();
  private hint: number;

  constructor(
    readonly range: NumberRange,
    private readonly holds: (svc: KObject) => number[],
    private readonly store: Store,
  ) {
    this.hint = range.dynamicStart;
  }

  clear(): void {
    this.confirmed.clear();
    this.pending.clear();
    this.hint = this.range.dynamicStart;
  }

  confirm(value: number, svc: KObject): void {
    this.confirmed.set(value, svc.metadata.uid!);
    const p = this.pending.get(value);
    if (p && sameService(p, svc)) this.pending.delete(value);
  }

  reserve(value: number, svc: KObject): void {
    this.pending.set(value, svc);
  }

  release(value: number, uid: string): void {
    if (this.confirmed.get(value) !== uid) return;
    this.confirmed.delete(value);
    this.lowerHint(value);
  }

  private lowerHint(value: number): void {
    if (value >= this.range.dynamicStart && value < this.hint) this.hint = value;
  }

  /** The Service stored at a pending write's name, if it (still) holds value. */
  private pendingHolder(value: number): KObject | undefined {
    const p = this.pending.get(value);
    if (!p) return undefined;
    const current = this.store.get('Service', p.metadata.namespace, p.metadata.name ?? '');
    if (current && this.holds(current).includes(value)) return current;
    this.pending.delete(value);
    if (!this.confirmed.has(value)) this.lowerHint(value);
    return undefined;
  }

  /** Drops reservations whose writes never landed (refused, or rolled back with their transaction). */
  sweepPending(): void {
    for (const value of [...this.pending.keys()]) this.pendingHolder(value);
  }

  /** The uid ('' while a create is in flight) of the stored Service holding value, verified. */
  owner(value: number): string | undefined {
    const held = this.pendingHolder(value);
    if (held) return held.metadata.uid ?? '';
    const uid = this.confirmed.get(value);
    if (uid === undefined) return undefined;
    const svc = this.store.getByUid(uid);
    if (svc && svc.kind === 'Service' && this.holds(svc).includes(value)) return uid;
    this.release(value, uid);
    return undefined;
  }

  /** The lowest free value of the dynamic band, else of the static band; undefined when full. */
  next(taken: ReadonlySet<number>, self?: string): number | undefined {
    const free = (v: number) => {
      if (taken.has(v)) return false;
      const owner = this.owner(v);
      return owner === undefined || (!!self && owner === self);
    };
    // Values below the hint are known to be held (or were handed out and not yet given back).
    while (this.hint <= this.range.last && !taken.has(this.hint) && this.owner(this.hint) !== undefined) this.hint++;
    for (let v = this.hint; v <= this.range.last; v++) if (free(v)) return v;
    for (let v = this.range.first; v < this.range.dynamicStart; v++) if (free(v)) return v;
    return undefined;
  }
}

function sameService(a: KObject, b: KObject): boolean {
  return a.metadata.namespace === b.metadata.namespace && a.metadata.name === b.metadata.name;
}

export class ServiceAllocator {
  readonly ips: RangeIndex;
  readonly ports: RangeIndex;
  private readonly held = new Set<string>();
  private seenRevision = 0;
  private stale = false;

  constructor(private readonly store: Store) {
    this.ips = new RangeIndex(SERVICE_IP_RANGE, clusterIPsOf, store);
    this.ports = new RangeIndex(NODE_PORT_RANGE, nodePortsOf, store);
    store.watch({ kind: 'Service' }, (e) => this.observe(e));
    this.rebuild();
  }

  /** Start again from the stored Services. */
  rebuild(): void {
    this.ips.clear();
    this.ports.clear();
    this.held.clear();
    for (const svc of this.store.list('Service')) this.hold(svc);
    this.seenRevision = this.store.resourceVersion;
    this.stale = false;
  }

  /**
   * Called before each allocation. A restore replaces the store's contents without DELETED events
   * and replays ADDED ones with old resourceVersions; a store rewound or holding fewer Services than
   * we saw means the same. Any sign of that: rebuild from the list.
   */
  refresh(): void {
    const rewound = this.store.resourceVersion < this.seenRevision;
    if (this.stale || rewound || this.held.size > this.store.count('Service')) this.rebuild();
    this.seenRevision = this.store.resourceVersion;
    this.ips.sweepPending();
    this.ports.sweepPending();
  }

  /** Marks a Service's values as taken until its write is announced (or turns out not to have happened). */
  reserve(svc: KObject): void {
    for (const ip of clusterIPsOf(svc)) this.ips.reserve(ip, svc);
    for (const port of nodePortsOf(svc)) this.ports.reserve(port, svc);
  }

  private observe(e: WatchEvent): void {
    const uid = e.object.metadata.uid;
    if (e.type === 'ADDED') {
      const replayed = Number(e.object.metadata.resourceVersion ?? 0) < this.store.resourceVersion;
      if (replayed || (uid && this.held.has(uid))) this.stale = true;
    }
    if (e.old) this.unhold(e.old);
    if (e.type !== 'DELETED') this.hold(e.object);
    this.seenRevision = Math.max(this.seenRevision, this.store.resourceVersion);
  }

  private hold(svc: KObject): void {
    const uid = svc.metadata.uid;
    if (!uid) return;
    this.held.add(uid);
    for (const ip of clusterIPsOf(svc)) this.ips.confirm(ip, svc);
    for (const port of nodePortsOf(svc)) this.ports.confirm(port, svc);
  }

  private unhold(svc: KObject): void {
    const uid = svc.metadata.uid;
    if (!uid) return;
    this.held.delete(uid);
    for (const ip of clusterIPsOf(svc)) this.ips.release(ip, uid);
    for (const port of nodePortsOf(svc)) this.ports.release(port, uid);
  }
}
