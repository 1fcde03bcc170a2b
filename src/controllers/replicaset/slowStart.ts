// Slow start (slowStartBatch): create in batches of 1, 2, 4, 8 … so that a template that cannot be
// created (quota, a bad field) fails once instead of hundreds of times. Every call in a batch is
// attempted; a failure in a batch skips the batches after it.
export const SLOW_START_INITIAL_BATCH = 1;
export const BURST_REPLICAS = 500;

export interface SlowStartResult {
  successes: number;
  /** Sizes of the batches attempted, e.g. [1, 2, 4, 3]. */
  batches: number[];
  errors: unknown[];
  /** Calls never attempted because an earlier batch failed. */
  skipped: number;
}

export function slowStartBatch(count: number, fn: () => void, initial = SLOW_START_INITIAL_BATCH): SlowStartResult {
  const result: SlowStartResult = { successes: 0, batches: [], errors: [], skipped: 0 };
  let remaining = count;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    result.batches.push(size);
    let failed = 0;
    for (let i = 0; i < size; i++) {
      try {
        fn();
        result.successes++;
      } catch (e) {
        failed++;
        result.errors.push(e);
      }
    }
    remaining -= size;
    if (failed > 0) {
      result.skipped = remaining;
      break;
    }
  }
  return result;
}
