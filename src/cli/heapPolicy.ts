// How far kubesim lets V8's heap grow between full collections. By default V8 lets a large heap that
// is filling quickly grow to up to four times what its last full collection kept; loading 150,000
// pods (about 1 GiB live) then peaks above 3 GiB of memory. Past 30 % kubesim's heap is collected
// instead: the peak falls by about 40 % for about a tenth more CPU while a cluster is being built,
// and a small cluster (the default scenario's 30 MiB) never notices. KUBESIM_HEAP_GROWING_PERCENT
// sets another share; 0 leaves V8's own policy.
import v8 from 'node:v8';

export const DEFAULT_HEAP_GROWING_PERCENT = 30;

/** The share in force: the environment's, when it is a whole number from 0 to 400, else the default. */
export function heapGrowingPercent(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.KUBESIM_HEAP_GROWING_PERCENT;
  if (text === undefined || !/^\d{1,3}$/.test(text.trim())) return DEFAULT_HEAP_GROWING_PERCENT;
  const value = Number(text.trim());
  return value <= 400 ? value : DEFAULT_HEAP_GROWING_PERCENT;
}

let applied = false;

/** Sets V8's heap growing share for this process (V8 reads it at every full collection). */
export function applyHeapPolicy(env: NodeJS.ProcessEnv = process.env): void {
  if (applied) return;
  applied = true;
  const percent = heapGrowingPercent(env);
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
