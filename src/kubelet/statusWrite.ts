// Helpers for writing a pod's status only when it changed: structural equality of JSON values and
// shared RFC 3339 timestamps.

const isoCache = new Map<number, string>();

/** RFC 3339 seconds for an epoch ms; many pods share the same instants, so they are remembered. */
export function isoOf(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = isoCache.get(second);
  if (text === undefined) {
    text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    if (isoCache.size > 8192) isoCache.clear();
    isoCache.set(second, text);
  }
  return text;
}

/** Order-insensitive structural equality of JSON-like values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return (a ?? null) === (b ?? null) && a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!sameJson(ao[k], bo[k])) return false;
  return true;
}
