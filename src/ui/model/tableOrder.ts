// The order of a resource table, exactly as kubectl-style text sorting orders it (ICU collation, with
// numeric runs compared as numbers for the sort column), but fast enough for 150,000 rows: strings
// made only of lowercase letters, digits, `.`, `-` and spaces (object names, namespaces, most
// statuses) compare as precomputed keys with plain `<`, which for those characters gives the same
// answer as the collator; anything else goes through the collator.

const collator = new Intl.Collator();
const numericCollator = new Intl.Collator(undefined, { numeric: true });

const SIMPLE = /^[a-z0-9. -]*$/;

/** The string itself when plain `<` orders it as the collator would; undefined otherwise. */
export function plainKey(text: string): string | undefined {
  return SIMPLE.test(text) ? text : undefined;
}

/**
 * A key whose plain `<` order is the numeric collator's: each run of digits becomes its length (as
 * one character between the punctuation and the letters) followed by the digits, so longer numbers
 * sort after shorter ones. Leading zeros are dropped first, as the collator ignores them (`web-02`
 * and `web-2` compare equal). Undefined when the text is not simple.
 */
export function numericKey(text: string): string | undefined {
  // A loop rather than a regex replace: this runs for every name of a 150,000-row table.
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let end = i + 1;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      let from = i;
      while (from < end - 1 && text.charCodeAt(from) === 48) from++;
      out += text.slice(copied, i) + String.fromCharCode(48 + Math.min(end - from, 48)) + text.slice(from, end);
      copied = i = end;
    } else if ((c >= 97 && c <= 122) || c === 46 || c === 45 || c === 32) i++;
    else return undefined;
  }
  return out + text.slice(copied);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** String.prototype.localeCompare(b), through precomputed keys when both have one. */
export function compareText(a: string, aKey: string | undefined, b: string, bKey: string | undefined): number {
  return aKey !== undefined && bKey !== undefined ? byKey(aKey, bKey) : collator.compare(a, b);
}

/** localeCompare(b, undefined, { numeric: true }), through precomputed keys when both have one. */
export function compareNumericText(a: string, aKey: string | undefined, b: string, bKey: string | undefined): number {
  return aKey !== undefined && bKey !== undefined ? byKey(aKey, bKey) : numericCollator.compare(a, b);
}

/** A sort column's value: the cell's typed `sort`, else its text (with its numeric key). */
export interface SortValue {
  value: number | string;
  key?: string;
}

export function sortValue(value: number | string): SortValue {
  return typeof value === 'number' ? { value } : { value, key: numericKey(value) };
}

/** compareCells: numbers by value, anything else as text with numeric runs. */
export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a.value === 'number' && typeof b.value === 'number') return a.value - b.value;
  const x = String(a.value);
  const y = String(b.value);
  return compareNumericText(x, typeof a.value === 'string' ? a.key : undefined, y, typeof b.value === 'string' ? b.key : undefined);
}

/**
 * Ranks for values in `compareValues` order (equal values share a rank), so a stable sort by rank
 * orders rows as the comparator would while comparing only integers. Numbers sort as numbers (a typed
 * array, then a binary search among the distinct ones); texts that all have keys sort as plain
 * strings; anything else sorts its distinct values through the comparator (a STATUS column has a
 * handful of them among 150,000 rows).
 */
export function rankValues(values: readonly SortValue[]): Int32Array {
  const n = values.length;
  let numbers = true;
  let keyed = true;
  for (let i = 0; i < n && (numbers || keyed); i++) {
    const v = values[i].value;
    if (typeof v !== 'number' || v !== v) numbers = false; // NaN orders as the comparator says, not as a number
    if (typeof v !== 'string' || values[i].key === undefined) keyed = false;
  }
  if (numbers) return rankNumbers(Float64Array.from(values, (v) => v.value as number));
  if (keyed) return rankKeys(values.map((v) => v.key!));
  // One representative per distinct value, sorted by the comparator; equal neighbours share a rank.
  const ranks = new Int32Array(n);
  const firstOf = new Map<number | string, number>();
  for (let i = 0; i < n; i++) if (!firstOf.has(values[i].value)) firstOf.set(values[i].value, i);
  const order = [...firstOf.values()].sort((i, j) => compareValues(values[i], values[j]));
  const rankOf = new Map<number | string, number>();
  let rank = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && compareValues(values[order[k - 1]], values[order[k]]) !== 0) rank++;
    rankOf.set(values[order[k]].value, rank);
  }
  for (let i = 0; i < n; i++) ranks[i] = rankOf.get(values[i].value)!;
  return ranks;
}

/** Ranks of numbers (none NaN): a sorted copy of the distinct ones, then a binary search for each. */
export function rankNumbers(values: Float64Array): Int32Array {
  const n = values.length;
  const ranks = new Int32Array(n);
  const distinct = values.slice().sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || distinct[i] !== distinct[m - 1]) distinct[m++] = distinct[i];
  for (let i = 0; i < n; i++) {
    const x = values[i];
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo;
  }
  return ranks;
}

/** Ranks of texts by their keys: equal keys are equal texts (keys are made only for texts the collator orders like plain strings). */
export function rankKeys(keys: readonly string[]): Int32Array {
  const ranks = new Int32Array(keys.length);
  const distinct = [...new Set(keys)].sort();
  const rankOf = new Map<string, number>();
  distinct.forEach((k, i) => rankOf.set(k, i));
  for (let i = 0; i < keys.length; i++) ranks[i] = rankOf.get(keys[i])!;
  return ranks;
}

/** Positions 0..n-1 ordered by rank (ascending, or descending), equal ranks keeping their order: a counting sort. */
export function orderByRank(ranks: Int32Array, descending: boolean): Int32Array {
  let max = -1;
  for (let i = 0; i < ranks.length; i++) if (ranks[i] > max) max = ranks[i];
  const starts = new Int32Array(max + 2);
  for (let i = 0; i < ranks.length; i++) starts[(descending ? max - ranks[i] : ranks[i]) + 1]++;
  for (let r = 1; r < starts.length; r++) starts[r] += starts[r - 1];
  const order = new Int32Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) order[starts[descending ? max - ranks[i] : ranks[i]]++] = i;
  return order;
}

/** Where `item` belongs in `sorted` (after any equal items), by binary search. */
export function insertionPoint<T>(sorted: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of `item` in `sorted` (found by binary search, then confirmed), or -1. */
export function indexIn<T>(sorted: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid], item) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && compare(sorted[i], item) === 0; i++) if (sorted[i] === item) return i;
  return sorted.indexOf(item);
}
