// Seeded randomness: every random choice in the cluster (name suffixes, uids, tie-breaks, jitter)
// comes from here, so the same seed replays the same cluster.

/** The apiserver's name-suffix alphabet: no vowels, no 0/1/3, to avoid words and look-alikes. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);

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

  /**
   * A version-4-shaped UUID drawn from the seeded stream. Built as one flat string: every object holds
   * one, and pieces joined with `+` would each stay in memory as a rope of small strings.
   */
  uuid(): string {
    const codes: number[] = [];
    const hex = (n: number) => {
      for (let i = 0; i < n; i++) codes.push(HEX_CODES[this.int(16)]);
    };
    hex(8);
    codes.push(DASH);
    hex(4);
    codes.push(DASH, HEX_CODES[4]);
    hex(3);
    codes.push(DASH, HEX_CODES[8 + this.int(4)]);
    hex(3);
    codes.push(DASH);
    hex(12);
    return String.fromCharCode(...codes);
  }

  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state >>> 0;
  }
}
