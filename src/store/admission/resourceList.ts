// ResourceLists (`{cpu: "500m", memory: "1Gi"}`) as maps of parsed quantities, with the arithmetic
// quota and limit-range admission need: add, max, mask, compare, and kubectl's `k=v,…` printing.
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  isZeroQuantity,
  newQuantity,
  subtractQuantities,
  tryParseQuantity,
  type Quantity,
} from '../../api/quantity.js';

export type Resources = Map<string, Quantity>;

/** Parses a stored ResourceList; unparsable values are skipped (validation reports them). */
export function parseResources(list: Record<string, string | number> | undefined | null): Resources {
  const out: Resources = new Map();
  if (!list) return out;
  for (const [name, raw] of Object.entries(list)) {
    const q = tryParseQuantity(raw);
    if (q) out.set(name, q);
  }
  return out;
}

/** Back to the stored form, names sorted like the apiserver's JSON. */
export function formatResources(resources: Resources): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...resources.keys()].sort()) out[name] = formatQuantity(resources.get(name)!);
  return out;
}

export function addInto(into: Resources, add: Resources): Resources {
  for (const [name, q] of add) {
    const have = into.get(name);
    into.set(name, have ? addQuantities(have, q) : q);
  }
  return into;
}

export function addResources(a: Resources, b: Resources): Resources {
  return addInto(new Map(a), b);
}

/** Per resource, the larger of the two. */
export function maxInto(into: Resources, other: Resources): Resources {
  for (const [name, q] of other) {
    const have = into.get(name);
    if (!have || compareQuantities(q, have) > 0) into.set(name, q);
  }
  return into;
}

/** a − b per resource of a, never below zero (quota's SubtractWithNonNegativeResult). */
export function subtractNonNegative(a: Resources, b: Resources): Resources {
  const out: Resources = new Map();
  for (const [name, q] of a) {
    const minus = b.get(name);
    let diff = minus ? subtractQuantities(q, minus) : q;
    if (diff.nanos < 0n) diff = newQuantity(0);
    out.set(name, diff);
  }
  return out;
}

/** Only the named resources. */
export function mask(resources: Resources, names: Iterable<string>): Resources {
  const out: Resources = new Map();
  for (const name of names) {
    const q = resources.get(name);
    if (q) out.set(name, q);
  }
  return out;
}

export function withoutZeros(resources: Resources): Resources {
  const out: Resources = new Map();
  for (const [name, q] of resources) if (!isZeroQuantity(q)) out.set(name, q);
  return out;
}

export function sameResources(a: Resources, b: Resources): boolean {
  if (a.size !== b.size) return false;
  for (const [name, q] of a) {
    const other = b.get(name);
    if (!other || compareQuantities(q, other) !== 0) return false;
  }
  return true;
}

/** `requests.cpu=500m,requests.memory=1Gi`: sorted, as the quota admission's prettyPrint writes it. */
export function prettyPrint(resources: Resources): string {
  return [...resources.keys()]
    .sort()
    .map((name) => `${name}=${formatQuantity(resources.get(name)!)}`)
    .join(',');
}

/** Thousandths, rounded up, as a bigint: what LimitRanger compares (MilliValue). */
export function milli(q: Quantity): bigint {
  const step = 1_000_000n;
  const n = q.nanos;
  if (n >= 0n) return (n + step - 1n) / step;
  return -((-n + step - 1n) / step);
}

export function zero(): Quantity {
  return newQuantity(0);
}
