// Seeded randomness: every random choice in the cluster (name suffixes, uids, tie-breaks, jitter)
// comes from here, so the same seed replays the same cluster.

/** The apiserver's name-suffix alphabet: no vowels, no 0/1/3, to avoid words and look-alikes. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** mulberry32: small, fast and good enough for simulation choices. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** The 5-character suffix of a generated name (`web-7c5d-x8k2p`). */
  nameSuffix(length = 5): string {
    let s = '';
    for (let i = 0; i < length; i++) s += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return s;
  }

  /** A version-4-shaped UUID drawn from the seeded stream. */
  uuid(): string {
    const hex = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += this.int(16).toString(16);
      return s;
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.int(4)).toString(16)}${hex(3)}-${hex(12)}`;
  }

  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state >>> 0;
  }
}
