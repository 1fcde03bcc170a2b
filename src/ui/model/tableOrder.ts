// The order of a resource table, exactly as kubectl-style text sorting orders it (ICU collation, with
// numeric runs compared as numbers for the sort column), but fast enough for 150,000 rows: strings
// made only of lowercase letters, digits, `.`, `-` and spaces (object names, namespaces, most
// statuses) compare as precomputed keys with plain `<`, which for those characters gives the same
// answer as the collator; anything else goes through the collator.

const collator = new Intl.Collator();
const numericCollator = new Intl.Collator(undefined, { numeric: true });

const SIMPLE = /^[a-z0-9. -]*$/;
const LEADING_ZERO = /(^|[^0-9])0[0-9]/;

/** The string itself when plain `<` orders it as the collator would; undefined otherwise. */
export function plainKey(text: string): string | undefined {
  return SIMPLE.test(text) ? text : undefined;
}

/**
 * A key whose plain `<` order is the numeric collator's: each run of digits becomes its length (as
 * one character between the punctuation and the letters) followed by the digits, so longer numbers
 * sort after shorter ones. Undefined when the text is not simple, or has a number with leading zeros.
 */
export function numericKey(text: string): string | undefined {
  if (!SIMPLE.test(text) || LEADING_ZERO.test(text)) return undefined;
  return text.replace(/[0-9]+/g, (digits) => String.fromCharCode(48 + Math.min(digits.length, 48)) + digits);
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
 * orders rows as the comparator would while comparing only integers. Numbers sort as numbers; texts
 * that all have keys sort as plain strings (no comparator call per comparison); anything else
 * through the comparator.
 */
export function rankValues(values: readonly SortValue[]): Int32Array {
  const ranks = new Int32Array(values.length);
  if (values.every((v) => typeof v.value === 'number')) {
    const distinct = [...new Set(values.map((v) => v.value as number))].sort((a, b) => a - b);
    const rankOf = new Map<number, number>();
    distinct.forEach((v, i) => rankOf.set(v, i));
    for (let i = 0; i < values.length; i++) ranks[i] = rankOf.get(values[i].value as number)!;
    return ranks;
  }
  if (values.every((v) => typeof v.value === 'string' && v.key !== undefined)) {
    // Equal keys are equal texts (keys are made only for texts the collator orders like plain strings).
    const distinct = [...new Set(values.map((v) => v.key!))].sort();
    const rankOf = new Map<string, number>();
    distinct.forEach((k, i) => rankOf.set(k, i));
    for (let i = 0; i < values.length; i++) ranks[i] = rankOf.get(values[i].key!)!;
    return ranks;
  }
  const order = Array.from({ length: values.length }, (_, i) => i).sort((i, j) => compareValues(values[i], values[j]));
  let rank = 0;
  for (let n = 0; n < order.length; n++) {
    if (n > 0 && compareValues(values[order[n - 1]], values[order[n]]) !== 0) rank++;
    ranks[order[n]] = rank;
  }
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
