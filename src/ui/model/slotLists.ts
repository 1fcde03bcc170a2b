// Edits of a table view's sorted lists of row slots (tableView.ts): one slot replaced or removed where
// binary search finds it, or a frame's many changes merged in with one pass from the first change.
import { indexIn, insertionPoint } from './tableOrder.js';

export type Compare = (a: number, b: number) => number;

/**
 * Takes the slots `leaving` (each in `list`) out of `list` and puts `added` in, where insertionPoint
 * would put them one by one: the same result as removing and inserting them one at a time, in two
 * passes over the list from the first place that changes (removals forwards, insertions backwards).
 */
export function mergeInto(list: number[], added: readonly number[], leaving: readonly number[], compare: Compare): void {
  const adds = added.slice().sort(compare); // stable: ties keep their arrival order
  // Found while the leaving slots still hold their places, as one-at-a-time insertion would find them.
  const points = adds.map((slot) => insertionPoint(list, slot, compare));
  const drops = leaving
    .map((slot) => indexIn(list, slot, compare))
    .filter((at) => at >= 0)
    .sort((a, b) => a - b);
  if (drops.length) {
    // Each point moves left by the removals before it (a removal at the point itself is after it).
    let d = 0;
    for (let a = 0; a < points.length; a++) {
      while (d < drops.length && drops[d] < points[a]) d++;
      points[a] -= d;
    }
    let write = drops[0];
    for (let k = 0; k < drops.length; k++) {
      const end = k + 1 < drops.length ? drops[k + 1] : list.length;
      for (let read = drops[k] + 1; read < end; read++) list[write++] = list[read];
    }
    list.length = write;
  }
  if (adds.length) {
    let read = list.length - 1;
    let write = list.length + adds.length - 1;
    list.length = write + 1;
    for (let a = adds.length - 1; a >= 0; a--) {
      while (read >= points[a]) list[write--] = list[read--];
      list[write--] = adds[a];
    }
  }
}

export function replaceSlot(list: number[], old: number, slot: number, compare: Compare): void {
  const at = indexIn(list, old, compare);
  if (at >= 0) list[at] = slot;
}

export function removeSlot(list: number[], old: number, compare: Compare): void {
  const at = indexIn(list, old, compare);
  if (at >= 0) list.splice(at, 1);
}
