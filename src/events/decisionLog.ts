// The decision log: what each part of the control plane thought, each time it acted or chose not to.
// Events are what the cluster tells its users; decisions are the reasoning behind them.
import type { KObject } from '../api/object.js';

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface Decision {
  seq: number;
  /** Simulated epoch milliseconds. */
  time: number;
  /** `scheduler`, `deployment-controller`, `kubelet/node-2`, ... */
  component: string;
  object: ObjectRef;
  /** What was done (or not): `bound to node-2`, `scale up replica set web-7c5d from 3 to 4`. */
  action: string;
  /** Why, in a sentence a learner can follow, with the numbers. */
  reason: string;
  /** Structured data behind the reason (e.g. the scheduler's per-node table). */
  details?: unknown;
}

export type DecisionInput = Omit<Decision, 'seq' | 'time'>;

export function refOf(obj: KObject): ObjectRef {
  return { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
}

export function refKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** `default/web` or `node-1`. */
export function refName(ref: ObjectRef): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

export interface DecisionQuery {
  component?: string;
  /** Decisions about this object. */
  object?: ObjectRef;
  sinceSeq?: number;
  limit?: number;
}

export class DecisionLog {
  private readonly ring: (Decision | undefined)[];
  private next = 0;
  private seq = 0;
  /** seq when the ring was last cleared: what it holds is counted from there. */
  private clearedAt = 0;
  private readonly listeners = new Set<(d: Decision) => void>();

  constructor(
    private readonly now: () => number,
    readonly capacity = 20_000,
  ) {
    this.ring = new Array(capacity);
  }

  record(input: DecisionInput): Decision {
    const decision: Decision = { seq: ++this.seq, time: this.now(), ...input };
    this.ring[this.next] = decision;
    this.next = (this.next + 1) % this.capacity;
    for (const listener of this.listeners) listener(decision);
    return decision;
  }

  /** How many decisions were ever recorded (the ring keeps the latest `capacity`). */
  get total(): number {
    return this.seq;
  }

  get size(): number {
    return Math.min(this.seq - this.clearedAt, this.capacity);
  }

  /** Oldest first. */
  query(q: DecisionQuery = {}): Decision[] {
    const out: Decision[] = [];
    const key = q.object ? refKey(q.object) : undefined;
    const n = this.size;
    const start = this.seq - this.clearedAt >= this.capacity ? this.next : 0;
    for (let i = 0; i < n; i++) {
      const d = this.ring[(start + i) % this.capacity]!;
      if (q.sinceSeq !== undefined && d.seq <= q.sinceSeq) continue;
      if (q.component && d.component !== q.component && !d.component.startsWith(`${q.component}/`)) continue;
      if (key && refKey(d.object) !== key) continue;
      out.push(d);
    }
    return q.limit !== undefined && out.length > q.limit ? out.slice(out.length - q.limit) : out;
  }

  /** The decision at a position counted from the oldest kept one, without copying the ring. */
  at(index: number): Decision | undefined {
    if (index < 0 || index >= this.size) return undefined;
    const start = this.seq - this.clearedAt >= this.capacity ? this.next : 0;
    return this.ring[(start + index) % this.capacity];
  }

  subscribe(listener: (d: Decision) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.clearedAt = this.seq;
  }
}
