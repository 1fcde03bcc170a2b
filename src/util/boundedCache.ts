// A Map that starts again empty once it holds `limit` entries: for tables that keep one instance of
// equal values (sharing, memoising), where forgetting is always correct and growing without bound is not.

export class BoundedCache<K, V> {
  private map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Keeps `value` under `key` (forgetting everything first when full) and returns it. */
  set(key: K, value: V): V {
    if (this.map.size >= this.limit) this.map = new Map();
    this.map.set(key, value);
    return value;
  }

  clear(): void {
    this.map = new Map();
  }
}
