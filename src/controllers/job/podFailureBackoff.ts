// The delay before a Job creates a pod again after failures (backoff_utils.go): 10 s after the
// first failure since the last success, doubling with each further one, capped at 10 minutes
// (MaxJobPodFailureBackOff in the current code; the documentation still says six minutes, the older
// MaxJobBackOff of 360 s). The clock starts at the last failure's finish time.
import type { Pod } from '../../api/types.js';

export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

function time(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** getFinishedTime: the last container's finish, else when Ready went False, else the deletion time. */
export function finishedTime(pod: Pod): number {
  let latest: number | undefined;
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const t = time(s.state?.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  if (latest !== undefined) return latest;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  return time(ready?.lastTransitionTime) ?? time(pod.metadata.deletionTimestamp) ?? time(pod.metadata.creationTimestamp) ?? 0;
}

/** The delay for the n-th consecutive failure: 10 s, 20 s, 40 s, … 10 min. */
export function backoffDelay(failures: number): number {
  if (failures <= 0) return 0;
  let delay = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    delay *= 2;
    if (delay >= MAX_JOB_POD_FAILURE_BACKOFF_MS) return MAX_JOB_POD_FAILURE_BACKOFF_MS;
  }
  return delay;
}

export class PodFailureBackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  /** newBackoffRecord: the record after counting these newly finished pods (not yet stored). */
  next(key: string, succeeded: readonly Pod[], failed: readonly Pod[]): BackoffRecord {
    const old = this.records.get(key) ?? { failuresAfterLastSuccess: 0 };
    const record: BackoffRecord = { ...old };
    const failTimes = failed.map(finishedTime).sort((a, b) => a - b);
    if (!succeeded.length) {
      if (!failTimes.length) return record;
      record.failuresAfterLastSuccess += failTimes.length;
      record.lastFailureTime = failTimes[failTimes.length - 1];
      return record;
    }
    const lastSuccess = Math.max(...succeeded.map(finishedTime));
    record.failuresAfterLastSuccess = 0;
    record.lastFailureTime = undefined;
    for (let i = failTimes.length - 1; i >= 0 && failTimes[i] > lastSuccess; i--) {
      record.lastFailureTime ??= failTimes[i];
      record.failuresAfterLastSuccess++;
    }
    return record;
  }

  save(key: string, record: BackoffRecord): void {
    if (record.failuresAfterLastSuccess === 0) this.records.delete(key);
    else this.records.set(key, record);
  }

  remove(key: string): void {
    this.records.delete(key);
  }
}

/** getRemainingTime: how long pod creation must still wait, 0 when it may go ahead. */
export function remainingBackoff(record: BackoffRecord, now: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  const delay = backoffDelay(record.failuresAfterLastSuccess);
  const elapsed = now - record.lastFailureTime;
  return delay < elapsed ? 0 : delay - elapsed;
}
