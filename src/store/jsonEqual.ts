// JSON.stringify(a) === JSON.stringify(b), without writing either out. The store compares a pod's spec
// on every write of it (to know whether generation moves); parts shared between versions compare
// equal at once, and nothing is allocated but key lists.

/** Whether a and b serialize to the same JSON (leaving out the top-level key `skip`). */
export function sameJson(a: unknown, b: unknown, skip?: string): boolean {
  if (a === b && skip === undefined) return true;
  const objA = a !== null && typeof a === 'object';
  const objB = b !== null && typeof b === 'object';
  if (!objA || !objB) return !objA && !objB && JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(inArray(a[i]), inArray(b[i]))) return false;
    return true;
  }
  if (hasToJson(a) || hasToJson(b)) return JSON.stringify(a) === JSON.stringify(b);
  // Objects: the same written keys, in the same order, with the same values.
  const ka = writtenKeys(a as Record<string, unknown>, skip);
  const kb = writtenKeys(b as Record<string, unknown>, skip);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

/** In an array, what JSON leaves out of an object is written as null. */
function inArray(v: unknown): unknown {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v;
}

function hasToJson(v: object): boolean {
  return typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

function writtenKeys(o: Record<string, unknown>, skip?: string): string[] {
  const out: string[] = [];
  for (const k of Object.keys(o)) {
    if (k === skip) continue;
    const v = o[k];
    if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') out.push(k);
  }
  return out;
}
