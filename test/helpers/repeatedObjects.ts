// Objects met more than once while walking a value: what a YAML printer would print as `&a1`/`*a1`
// aliases. Shared parts of stored objects must never appear twice within one object.

export function repeatedObjects(value: unknown): number {
  const seen = new Set<object>();
  let repeated = 0;
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (seen.has(v)) {
      repeated++;
      return;
    }
    seen.add(v);
    for (const child of Object.values(v)) walk(child);
  };
  walk(value);
  return repeated;
}
