// manageJob: keeps `wantActive` pods running — min(parallelism, completions − succeeded), or
// parallelism until the first success for a work-queue Job (no completions) — deleting surplus pods,
// holding creations back while the pod-failure back-off runs, and choosing completion indexes for
// Indexed Jobs. Suspended Jobs have all their active pods deleted.
import { isApiError } from '../../api/errors.js';
import type { Job, Pod } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import { compareForDeletion } from '../replicaset/deletionRanking.js';
import { isPodReady } from '../replicaset/podState.js';
import { clockTime } from '../nodeTaints.js';
import { slowStartBatch } from '../replicaset/slowStart.js';
import { completionIndexOf, formatIndexes, isIndexed, jobPod, JOB_TRACKING_FINALIZER } from './jobPods.js';
import { backoffDelay, remainingBackoff, type BackoffRecord } from './podFailureBackoff.js';

/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export interface Line {
  action: string;
  reason: string;
  details?: unknown;
  /** A wait, recorded only when it changes. */
  wait?: boolean;
}

export interface ManageEnv {
  store: Store;
  now: number;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface ManageInput {
  job: Job;
  active: Pod[];
  succeeded: number;
  /** Succeeded completion indexes (Indexed Jobs). */
  succeededIndexes: Set<number>;
  terminating: number;
  backoff: BackoffRecord;
}

export interface ManageResult {
  active: number;
  /** Ready pods among those deleted. */
  deletedReady: number;
  deleted: number;
  lines: Line[];
  requeueAfterMs?: number;
  error?: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed, or any podFailurePolicy. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/** The surplus pods to delete: bad or duplicate indexes first, then the cheapest to lose. */
function podsForRemoval(job: Job, active: Pod[], rmAtLeast: number, now: number): Pod[] {
  const rank = (a: Pod, b: Pod) => compareForDeletion({ pod: a, rank: 0 }, { pod: b, rank: 0 }, now);
  const rm: Pod[] = [];
  let left = active;
  if (isIndexed(job)) {
    const completions = job.spec?.completions ?? 0;
    const byIndex = new Map<number, Pod[]>();
    left = [];
    for (const p of active) {
      const ix = completionIndexOf(p);
      if (ix < 0 || ix >= completions) rm.push(p);
      else {
        const group = byIndex.get(ix) ?? [];
        group.push(p);
        byIndex.set(ix, group);
      }
    }
    for (const group of byIndex.values()) {
      group.sort(rank);
      rm.push(...group.slice(0, -1));
      left.push(group[group.length - 1]);
    }
  }
  if (rm.length < rmAtLeast) rm.push(...[...left].sort(rank).slice(0, rmAtLeast - rm.length));
  return rm;
}

/** firstPendingIndexes: the lowest indexes neither succeeded nor being worked on. */
function firstPendingIndexes(active: Pod[], succeeded: Set<number>, count: number, completions: number): number[] {
  const busy = new Set(active.map(completionIndexOf));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!busy.has(i) && !succeeded.has(i)) out.push(i);
  return out;
}

export function manageJob(env: ManageEnv, input: ManageInput): ManageResult {
  const { job, active } = input;
  const spec: Partial<NonNullable<Job['spec']>> = job.spec ?? {};
  const parallelism = spec.parallelism ?? 1;
  const completions = spec.completions ?? undefined;
  const result: ManageResult = { active: active.length, deletedReady: 0, deleted: 0, lines: [] };

  if (spec.suspend) {
    if (!active.length) return result;
    const doomed = podsForRemoval(job, active, active.length, env.now);
    deleteJobPods(env, doomed, result);
    result.lines.push({ action: `suspend: delete ${plural(result.deleted, 'active pod')}`, reason: 'spec.suspend is true: a suspended Job runs no pods (their finalizers are removed first, so they do not count as failures)' });
    return result;
  }

  let wantActive: number;
  let formula: string;
  if (completions === undefined) {
    wantActive = input.succeeded > 0 ? active.length : parallelism;
    formula = input.succeeded > 0 ? `a pod has succeeded, so the ${active.length} still running finish and no more start (work queue)` : `work queue (no completions): parallelism ${parallelism} until the first success`;
  } else {
    wantActive = Math.max(0, Math.min(completions - input.succeeded, parallelism));
    formula = `wantActive = min(parallelism ${parallelism}, completions ${completions} − succeeded ${input.succeeded}) = ${wantActive}`;
  }

  const rmAtLeast = Math.max(0, active.length - wantActive);
  const doomed = podsForRemoval(job, active, rmAtLeast, env.now).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (doomed.length) {
    deleteJobPods(env, doomed, result);
    result.lines.push({ action: `delete ${plural(result.deleted, 'pod')}: ${doomed.map((p) => p.metadata.name).join(', ')}`, reason: `${formula}; ${active.length} active` });
    return result;
  }

  const terminating = onlyReplaceFailedPods(job) ? input.terminating : 0;
  let diff = wantActive - terminating - active.length;
  if (diff <= 0) return result;

  const remaining = remainingBackoff(input.backoff, env.now);
  if (remaining > 0) {
    const failures = input.backoff.failuresAfterLastSuccess;
    result.requeueAfterMs = remaining;
    result.lines.push({
      wait: true,
      action: `waiting until ${clockTime(new Date(env.now + remaining).toISOString())} before creating ${plural(diff, 'pod')} (pod failure back-off)`,
      reason: `${plural(failures, 'failure')} since the last success: back-off 10s doubling per failure, capped at 10m (the docs still say 6m) → ${backoffDelay(failures) / 1000}s after the last failure`,
      details: { failures, remainingMs: remaining },
    });
    return result;
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] | undefined;
  if (isIndexed(job)) {
    indexes = firstPendingIndexes(active, input.succeededIndexes, diff, completions ?? 0);
    diff = indexes.length;
    if (!diff) return result;
  }

  const created: string[] = [];
  let i = 0;
  const batches = slowStartBatch(diff, () => {
    const index = indexes?.[i++];
    try {
      const pod = env.store.create(jobPod(job, index));
      created.push(pod.metadata.name!);
      env.event('Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (e) {
      if (isApiError(e)) env.event('Warning', 'FailedCreate', `Error creating: ${e.message}`);
      throw e;
    }
  });
  result.active += created.length;
  const firstError = batches.errors[0];
  if (firstError !== undefined) {
    if (!isApiError(firstError)) throw firstError;
    result.error = firstError.message;
  }
  const what = indexes ? `pod${created.length === 1 ? '' : 's'} for index${created.length === 1 ? '' : 'es'} ${formatIndexes(indexes.slice(0, created.length))}` : plural(created.length, 'pod');
  result.lines.push({
    action: `create ${indexes ? `${created.length} ${what}` : what}`,
    reason:
      `${formula}; ${active.length} active${terminating ? `, ${terminating} terminating (podReplacementPolicy Failed waits for them)` : ''} → create ${diff} (slow start batches ${batches.batches.join('+')})` +
      (firstError !== undefined ? `: ${batches.errors.length} failed, ${batches.skipped} not attempted: ${(firstError as Error).message}` : ''),
    details: { created, wantActive, parallelism, completions, succeeded: input.succeeded },
  });
  return result;
}

/** deleteJobPods: the finalizer comes off first, so a pod removed on purpose is not a failure. */
function deleteJobPods(env: ManageEnv, pods: Pod[], result: ManageResult): void {
  for (const pod of pods) {
    try {
      if (pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) {
        env.store.modify<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (draft) => {
          draft.metadata.finalizers = draft.metadata.finalizers?.filter((f) => f !== JOB_TRACKING_FINALIZER);
          if (!draft.metadata.finalizers?.length) delete draft.metadata.finalizers;
        });
      }
      env.store.delete('Pod', pod.metadata.namespace, pod.metadata.name!);
    } catch (e) {
      if (isApiError(e, 'NotFound')) continue;
      if (!isApiError(e)) throw e;
      env.event('Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      result.error ??= e.message;
      continue;
    }
    env.event('Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    result.deleted++;
    result.active--;
    if (isPodReady(pod)) result.deletedReady++;
  }
}

/** deleteActivePods: a Job that has failed deletes its running pods, keeping their finalizers. */
export function deleteActivePods(env: ManageEnv, pods: Pod[]): { deleted: number; deletedReady: number; error?: string } {
  const out: { deleted: number; deletedReady: number; error?: string } = { deleted: 0, deletedReady: 0 };
  for (const pod of pods) {
    try {
      env.store.delete('Pod', pod.metadata.namespace, pod.metadata.name!);
    } catch (e) {
      if (isApiError(e, 'NotFound')) {
        out.deleted++;
        continue;
      }
      if (!isApiError(e)) throw e;
      env.event('Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      out.error ??= e.message;
      continue;
    }
    env.event('Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    out.deleted++;
    if (isPodReady(pod)) out.deletedReady++;
  }
  return out;
}
