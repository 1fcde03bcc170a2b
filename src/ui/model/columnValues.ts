// One column of a table's sort values, by row slot: numbers in a flat typed array, texts beside them
// with the keys that order them (tableOrder.ts). A new sort of 150,000 rows then reads these arrays,
// which sit together in memory, instead of walking each row's entry, cells and cell, which are
// scattered over a heap of a gigabyte and cost a cache miss each.
import { compareNumericText, numericKey, orderByRank, rankNumbers, rankValues, type SortValue } from './tableOrder.js';

export class ColumnValues {
  private numbers = new Float64Array(1024);
  /** The text at a slot, or undefined when the slot's value is `numbers[slot]`. */
  private readonly texts: (string | undefined)[] = [];
  private readonly keys: (string | undefined)[] = [];
  /** Slots holding a text: none in a numeric column (AGE), which a sort then reads as numbers alone. */
  private textCount = 0;
  /** The last text given and its key: neighbouring rows often share a text (a namespace, a status). */
  private lastText: string | undefined;
  private lastKey: string | undefined;

  /** The value of a cell: its typed `sort`, else its text (with `key`, its numericKey, when known). */
  set(slot: number, value: number | string, key?: string): void {
    if (typeof value === 'number') {
      if (slot >= this.numbers.length) this.grow(slot);
      this.numbers[slot] = value;
      this.clear(slot);
      return;
    }
    if (slot >= this.texts.length || this.texts[slot] === undefined) this.textCount++;
    this.texts[slot] = value;
    this.keys[slot] = key ?? this.keyOf(value);
  }

  /** Drops the slot's text (the row is gone; its number needs no clearing). */
  clear(slot: number): void {
    if (slot >= this.texts.length || this.texts[slot] === undefined) return;
    this.texts[slot] = this.keys[slot] = undefined;
    this.textCount--;
  }

  /** tableOrder's compareValues for the values at two slots. */
  compare(a: number, b: number): number {
    const x = this.texts[a];
    const y = this.texts[b];
    if (x === undefined && y === undefined) return this.numbers[a] - this.numbers[b];
    return compareNumericText(x ?? String(this.numbers[a]), x === undefined ? undefined : this.keys[a], y ?? String(this.numbers[b]), y === undefined ? undefined : this.keys[b]);
  }

  /**
   * Positions 0..n-1 of `slots` in the order of their values (ascending or descending), equal values
   * keeping their order: what orderByRank(rankValues(...)) gives, by the fastest way for the column.
   */
  order(slots: readonly number[], descending: boolean): ArrayLike<number> {
    const n = slots.length;
    if (this.textCount === 0) {
      // Numbers only: gathered in one pass over the typed array (NaN orders as the comparator says).
      const values = new Float64Array(n);
      let nan = false;
      for (let i = 0; i < n; i++) {
        const v = this.numbers[slots[i]];
        values[i] = v;
        if (v !== v) nan = true;
      }
      if (!nan) return orderByRank(rankNumbers(values), descending);
    }
    // Texts, all with keys (a slot holding a number has no key, so one among them rules this out).
    let keyed = this.textCount > 0;
    for (let i = 0; i < n && keyed; i++) if (this.keys[slots[i]] === undefined) keyed = false;
    if (keyed) {
      // Equal keys are equal texts. Sorting positions by key directly (TimSort, which finds the runs
      // the base order already has: names are sorted within each namespace) is several times faster
      // than ranking 150,000 distinct names through a Set and a Map.
      const keys = slots.map((s) => this.keys[s]!);
      const sign = descending ? -1 : 1;
      const positions = Array.from(keys, (_, i) => i);
      return positions.sort((i, j) => (keys[i] < keys[j] ? -sign : keys[i] > keys[j] ? sign : i - j));
    }
    return orderByRank(rankValues(slots.map((s) => this.valueAt(s))), descending);
  }

  private valueAt(slot: number): SortValue {
    const text = this.texts[slot];
    return text === undefined ? { value: this.numbers[slot] } : { value: text, key: this.keys[slot] };
  }

  private keyOf(text: string): string | undefined {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastKey = numericKey(text);
    }
    return this.lastKey;
  }

  private grow(slot: number): void {
    let size = this.numbers.length * 2;
    while (size <= slot) size *= 2;
    const numbers = new Float64Array(size);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }
}
