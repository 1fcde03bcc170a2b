// A first-in first-out list of values kept as runs of equal ones. The Events of one clock instant
// share an expiry time (at 10,000 pods some 56,000 queued Events have about 800 distinct times) and
// runs of them share a namespace: a run is two slots, where a value apiece was one slot per Event.

export class RunQueue<T> {
  private values: T[] = [];
  private counts: number[] = [];
  /** The run at the front. */
  private first = 0;
  /** How many of the front run's entries were taken. */
  private taken = 0;

  push(value: T): void {
    const last = this.values.length - 1;
    if (last >= this.first && this.values[last] === value) this.counts[last]++;
    else {
      this.values.push(value);
      this.counts.push(1);
    }
  }

  /** The value at the front (the queue must not be empty). */
  peek(): T {
    return this.values[this.first];
  }

  /** Removes and returns the value at the front (the queue must not be empty). */
  take(): T {
    const value = this.values[this.first];
    if (++this.taken === this.counts[this.first]) {
      this.first++;
      this.taken = 0;
    }
    return value;
  }

  /** The values still queued, front first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let run = this.first; run < this.values.length; run++) {
      const n = this.counts[run] - (run === this.first ? this.taken : 0);
      for (let i = 0; i < n; i++) yield this.values[run];
    }
  }

  /** Lets go of the runs already taken. */
  compact(): void {
    if (this.first === 0) return;
    this.values = this.values.slice(this.first);
    this.counts = this.counts.slice(this.first);
    this.first = 0;
  }
}
