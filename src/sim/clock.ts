// The virtual clock: simulated time plus a heap of timers. Nothing in kubesim reads the wall clock;
// everything that waits (probes, back-offs, grace periods, syncs) waits on this.
import { BinaryHeap } from '../util/binaryHeap.js';

export interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  readonly fn: () => void;
  cancelled: boolean;
}

/** 2026-01-01T00:00:00Z: a fixed origin so that runs with the same seed print the same timestamps. */
export const DEFAULT_EPOCH = Date.UTC(2026, 0, 1);

export class VirtualClock {
  private nowMs: number;
  /** Earliest first; same-instant timers in the order they were set. */
  private readonly heap = new BinaryHeap<Timer>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;
  readonly startedAt: number;

  constructor(startMs: number = DEFAULT_EPOCH) {
    this.nowMs = startMs;
    this.startedAt = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** Seconds of simulated time since the cluster started. */
  elapsedSeconds(): number {
    return (this.nowMs - this.startedAt) / 1000;
  }

  /**
   * RFC 3339 with second precision, as Kubernetes timestamps are written. The last second's text is
   * kept: objects written in the same second share one string instead of each holding a copy.
   */
  iso(ms: number = this.nowMs): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.isoSecond) {
      this.isoSecond = second;
      this.isoText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    }
    return this.isoText;
  }

  private isoSecond = Number.NaN;
  private isoText = '';

  at(timeMs: number, fn: () => void, label = ''): Timer {
    const timer: Timer = { at: Math.max(timeMs, this.nowMs), seq: this.seq++, label, fn, cancelled: false };
    this.heap.push(timer);
    return timer;
  }

  after(delayMs: number, fn: () => void, label = ''): Timer {
    return this.at(this.nowMs + Math.max(0, delayMs), fn, label);
  }

  cancel(timer: Timer | undefined): void {
    if (timer) timer.cancelled = true;
  }

  /** When the next live timer fires, or undefined when none is pending. */
  nextAt(): number | undefined {
    this.dropCancelled();
    return this.heap.peek()?.at;
  }

  pendingTimers(): number {
    return this.heap.size;
  }

  /** Moves time forward without running anything; only the simulation loop calls this. */
  setNow(ms: number): void {
    if (ms < this.nowMs) throw new Error('the virtual clock never goes back');
    this.nowMs = ms;
  }

  /** Runs the earliest timer if it is due; returns false when nothing was due. */
  runOneDue(): boolean {
    this.dropCancelled();
    const top = this.heap.peek();
    if (!top || top.at > this.nowMs) return false;
    this.heap.pop();
    top.fn();
    return true;
  }

  /** Restores a clock position (snapshot restore); timers are re-armed by their owners. */
  reset(nowMs: number): void {
    this.nowMs = nowMs;
    this.heap.clear();
  }

  private dropCancelled(): void {
    while (this.heap.peek()?.cancelled) this.heap.pop();
  }
}
