// How far V8's heap may grow between full collections. V8 lets a large heap that is filling quickly
// grow to up to four times what its last full collection kept: loading 150,000 pods (about 1 GiB
// live) peaks near 3 GiB of memory. KUBESIM_HEAP_GROWING_PERCENT=30 collects once the heap has grown
// 30 % instead: the same load then peaks near 1.7 GiB but takes about 30 % longer (each full
// collection marks the whole heap, and there are many more of them). kubesim leaves V8's policy by
// default, since most clusters are small and a large one loads faster; the share is for machines
// short of memory.
import v8 from 'node:v8';

/** Whole percent from 1 to 400; anything else (unset, 0, not a number) leaves V8's own policy. */
export function heapGrowingPercent(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.KUBESIM_HEAP_GROWING_PERCENT?.trim();
  if (!text || !/^\d{1,3}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= 400 ? value : undefined;
}

let applied = false;

/** Sets V8's heap growing share for this process when one is asked for (V8 reads it at every full collection). */
export function applyHeapPolicy(env: NodeJS.ProcessEnv = process.env): void {
  if (applied) return;
  applied = true;
  const percent = heapGrowingPercent(env);
  if (percent !== undefined) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
