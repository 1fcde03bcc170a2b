// Quantities read over and over (every pod's requests in a usage pass, every node's allocatable), parsed
// once by their text. Pods of one template share a few texts, so the cache stays small; it starts
// again empty past 10,000 texts. A missing or invalid quantity counts as 0, as a sum wants.
import { milliValue, parseQuantity, value } from './quantity.js';

const parsed = new Map<string, number>();

function remembered(unit: 'm' | 'b', q: unknown, toNumber: (text: string | number) => number): number {
  if (q === undefined || q === null || q === '') return 0;
  const key = `${unit}${String(q)}`;
  let n = parsed.get(key);
  if (n === undefined) {
    try {
      n = toNumber(q as string | number);
    } catch {
      n = 0;
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(key, n);
  }
  return n;
}

/** `250m` → 250, `2` → 2000; 0 when missing or invalid. */
export function cachedMilli(q: unknown): number {
  return remembered('m', q, (text) => milliValue(parseQuantity(text)));
}

/** `64Mi` → 67108864; 0 when missing or invalid. */
export function cachedBytes(q: unknown): number {
  return remembered('b', q, (text) => value(parseQuantity(text)));
}
