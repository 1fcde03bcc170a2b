// A Map that can drop its oldest entry in constant time. A plain Map evicting with
// `map.delete(map.keys().next().value)` slows down as it goes: each deleted entry stays in the table
// until the next rehash, and every new iterator walks past all of them. Order is a Map's own:
// insertion order, where `set` on a present key keeps its place and delete-then-set moves it last.

export class InsertionOrderMap<K, V> {
  private readonly entries = new Map<K, { value: V; seq: number }>();
  private order: K[] = [];
  private seqs: number[] = [];
  private head = 0;
  private seq = 0;

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: K, value: V): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.value = value;
      return;
    }
    const seq = this.seq++;
    this.entries.set(key, { value, seq });
    this.order.push(key);
    this.seqs.push(seq);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Drops the entry that has been in the map longest. */
  deleteOldest(): void {
    while (this.head < this.order.length) {
      const key = this.order[this.head];
      const seq = this.seqs[this.head];
      this.head++;
      if (this.entries.get(key)?.seq === seq) {
        this.entries.delete(key);
        break;
      }
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
  }
}
