// Which ClusterIPs and NodePorts are taken. The stored Services are the only truth: this index
// follows them through the watch stream, rebuilds itself from a list after a restore to an earlier
// revision, and double-checks any entry it is about to refuse on, so it can never drift from them.
import type { KObject } from '../../api/object.js';
import type { Store } from '../store.js';
import type { WatchEvent } from '../watch.js';
import { inRange, NODE_PORT_RANGE, parseIPv4, SERVICE_IP_RANGE, type NumberRange } from './serviceRanges.js';

/** The ClusterIPs a stored Service holds, as numbers inside the service range. */
export function clusterIPsOf(svc: KObject): number[] {
  const texts: string[] = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
  const out: number[] = [];
  for (const t of texts) {
    const n = parseIPv4(t);
    if (n !== undefined && inRange(SERVICE_IP_RANGE, n)) out.push(n);
  }
  return out;
}

/** The NodePorts (and health-check NodePort) a stored Service holds. */
export function nodePortsOf(svc: KObject): number[] {
  const out: number[] = [];
  for (const p of svc.spec?.ports ?? []) if (typeof p.nodePort === 'number' && inRange(NODE_PORT_RANGE, p.nodePort)) out.push(p.nodePort);
  const hc = svc.spec?.healthCheckNodePort;
  if (typeof hc === 'number' && inRange(NODE_PORT_RANGE, hc)) out.push(hc);
  return out;
}

/** One range's owners (value → Service uid) with a hint at the lowest value that may be free. */
class RangeIndex {
  private readonly owners = new Map<number, string>();
  private hint: number;

  constructor(
    readonly range: NumberRange,
    private readonly holds: (svc: KObject) => number[],
    private readonly store: Store,
  ) {
    this.hint = range.dynamicStart;
  }

  clear(): void {
    this.owners.clear();
    this.hint = this.range.dynamicStart;
  }

  take(value: number, uid: string): void {
    this.owners.set(value, uid);
  }

  release(value: number, uid: string): void {
    if (this.owners.get(value) !== uid) return;
    this.owners.delete(value);
    if (value >= this.range.dynamicStart && value < this.hint) this.hint = value;
  }

  /** The uid of the stored Service holding value, verified against the store. */
  owner(value: number): string | undefined {
    const uid = this.owners.get(value);
    if (uid === undefined) return undefined;
    const svc = this.store.getByUid(uid);
    if (svc && svc.kind === 'Service' && this.holds(svc).includes(value)) return uid;
    this.release(value, uid);
    return undefined;
  }

  /** The lowest free value of the dynamic band, else of the static band; undefined when full. */
  next(taken: ReadonlySet<number>, self?: string): number | undefined {
    const free = (v: number) => !taken.has(v) && (this.owner(v) === undefined || this.owner(v) === self);
    for (let v = this.hint; v <= this.range.last; v++) {
      if (free(v)) {
        if (!taken.size) this.hint = v;
        return v;
      }
    }
    for (let v = this.range.first; v < this.range.dynamicStart; v++) if (free(v)) return v;
    return undefined;
  }
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

  /** Start again from the stored Services (after a restore, or at install). */
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
   * and replays ADDED ones with old resourceVersions: any sign of that means rebuild from the list.
   */
  refresh(): void {
    const rewound = this.store.resourceVersion < this.seenRevision;
    if (this.stale || rewound || this.held.size !== this.store.count('Service')) this.rebuild();
    this.seenRevision = this.store.resourceVersion;
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
    for (const ip of clusterIPsOf(svc)) this.ips.take(ip, uid);
    for (const port of nodePortsOf(svc)) this.ports.take(port, uid);
  }

  private unhold(svc: KObject): void {
    const uid = svc.metadata.uid;
    if (!uid) return;
    this.held.delete(uid);
    for (const ip of clusterIPsOf(svc)) this.ips.release(ip, uid);
    for (const port of nodePortsOf(svc)) this.ports.release(port, uid);
  }
}
