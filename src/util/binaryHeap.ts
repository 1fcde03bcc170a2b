// A binary min-heap ordered by a caller's `before` relation: the virtual clock's timers and the
// scheduler's active queue both keep one. Removal is left to the owners (they mark entries dead and
// skip them when they reach the top), so the heap itself only pushes and pops.

export class BinaryHeap<T> {
  private readonly items: T[] = [];

  /** `before(a, b)`: a must come out before b. Give a strict total order for a deterministic pop order. */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  /** Entries held, dead ones included until they are popped. */
  get size(): number {
    return this.items.length;
  }

  /** The entry that comes out next, without taking it. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const h = this.items;
    // Sift up: parents that come after the new entry move down into the hole it climbs through.
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(item, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = item;
  }

  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    // Sift down: the last entry drops from the root while a child comes before it.
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.before(h[r], h[l]) ? r : l;
      if (!this.before(h[child], last)) break;
      h[i] = h[child];
      i = child;
    }
    h[i] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
