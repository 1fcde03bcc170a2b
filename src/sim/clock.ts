// The virtual clock: simulated time plus a heap of timers. Nothing in kubesim reads the wall clock;
// everything that waits (probes, back-offs, grace periods, syncs) waits on this.

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
  private readonly heap: Timer[] = [];
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
    this.push(timer);
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
    return this.heap[0]?.at;
  }

  pendingTimers(): number {
    return this.heap.length;
  }

  /** Moves time forward without running anything; only the simulation loop calls this. */
  setNow(ms: number): void {
    if (ms < this.nowMs) throw new Error('the virtual clock never goes back');
    this.nowMs = ms;
  }

  /** Runs the earliest timer if it is due; returns false when nothing was due. */
  runOneDue(): boolean {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.at > this.nowMs) return false;
    this.pop();
    top.fn();
    return true;
  }

  /** Restores a clock position (snapshot restore); timers are re-armed by their owners. */
  reset(nowMs: number): void {
    this.nowMs = nowMs;
    this.heap.length = 0;
  }

  private dropCancelled(): void {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
