// syncJob (job_controller.go): count the pods that finished (each keeps the job-tracking finalizer
// until counted here), decide whether the Job has failed (backoffLimit, activeDeadlineSeconds,
// podFailurePolicy) or succeeded, otherwise keep the right number of pods running, then write the
// counts and conditions and remove the finalizers of the pods just counted.
//
// Finishing goes through an interim condition, as in v1.31+: FailureTarget / SuccessCriteriaMet is
// written first; Failed / Complete follows once every pod is counted and none is still terminating.
import { isApiError } from '../../api/errors.js';
import type { Job, Pod } from '../../api/types.js';
import { canonicalJson } from '../deployment/podTemplateHash.js';
import { isPodActive, isPodReady } from '../replicaset/podState.js';
import {
  ensureCondition,
  findCondition,
  MESSAGE_BACKOFF_LIMIT,
  MESSAGE_COMPLETIONS_REACHED,
  MESSAGE_DEADLINE,
  newCondition,
  REASON_BACKOFF_LIMIT,
  REASON_COMPLETIONS_REACHED,
  REASON_DEADLINE,
  REASON_POD_FAILURE_POLICY,
  type JobCondition,
} from './conditions.js';
import { completionIndexOf, formatIndexes, hasTrackingFinalizer, isIndexed, JOB_TRACKING_FINALIZER, parseIndexes } from './jobPods.js';
import { deleteActivePods, manageJob, onlyReplaceFailedPods, type Line, type ManageEnv } from './manageJob.js';
import type { PodFailureBackoffStore } from './podFailureBackoff.js';
import { matchPodFailurePolicy } from './podFailurePolicy.js';

export interface SyncEnv extends ManageEnv {
  nowIso: string;
  backoff: PodFailureBackoffStore;
}

export interface SyncResult {
  lines: Line[];
  requeueAfterMs?: number;
  error?: string;
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** isPodFailed: Failed, or (unless only failed pods are replaced) deleted before it succeeded. */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count as failures. */
function restartsPastLimit(job: Job, pods: readonly Pod[], backoffLimit: number): number | undefined {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return undefined;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
  }
  const past = backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit;
  return past ? restarts : undefined;
}

function since(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function syncJob(env: SyncEnv, key: string, job: Job, pods: Pod[]): SyncResult {
  const out: SyncResult = { lines: [] };
  const spec: Partial<NonNullable<Job['spec']>> = job.spec ?? {};
  const bothUnset = spec.completions === undefined && spec.parallelism === undefined;
  const completions = bothUnset ? 1 : (spec.completions ?? undefined);
  const parallelism = spec.parallelism ?? 1;
  const backoffLimit = spec.backoffLimit ?? 6;
  const suspended = !!spec.suspend;
  const indexed = isIndexed(job);
  const status = structuredClone(job.status ?? {});
  const uncountedSucceeded = new Set(status.uncountedTerminatedPods?.succeeded ?? []);
  const uncountedFailed = new Set(status.uncountedTerminatedPods?.failed ?? []);
  const validIndex = (p: Pod) => !indexed || (completionIndexOf(p) >= 0 && completionIndexOf(p) < (completions ?? 0));

  const active = pods.filter(isPodActive);
  let activeCount = active.length;
  let ready = active.filter(isPodReady).length;
  let terminating = pods.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length;
  const uncounted = (p: Pod, set: Set<string>) => hasTrackingFinalizer(p) && !set.has(p.metadata.uid ?? '') && validIndex(p);
  const newSucceeded = pods.filter((p) => uncounted(p, uncountedSucceeded) && p.status?.phase === 'Succeeded');
  const newFailed = pods.filter((p) => uncounted(p, uncountedFailed) && isPodFailed(p, job));
  const counted = newFailed.filter((p) => matchPodFailurePolicy(job, p).countFailed).length;
  let succeeded = (status.succeeded ?? 0) + newSucceeded.length + uncountedSucceeded.size;
  const failed = (status.failed ?? 0) + counted + uncountedFailed.size;

  if (newSucceeded.length || counted) {
    const of = completions === undefined ? '' : `/${completions}`;
    out.lines.push({
      action: `count finished pods: +${newSucceeded.length} succeeded, +${counted} failed`,
      reason: `succeeded ${succeeded}${of}, failed ${failed} (backoffLimit ${backoffLimit}); their ${JOB_TRACKING_FINALIZER} finalizers come off once counted`,
    });
  }
  if (!status.startTime && !suspended) status.startTime = env.nowIso;
  const backoff = env.backoff.next(key, newSucceeded, newFailed);

  // Has the Job failed?
  let finished: JobCondition | undefined = findCondition(job, 'SuccessCriteriaMet');
  if (finished?.status !== 'True') finished = undefined;
  if (!finished) {
    const target = findCondition(job, 'FailureTarget');
    if (target?.status === 'True') finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', env.nowIso);
    else {
      for (const p of pods) {
        if (!isPodFailed(p, job)) continue;
        const match = matchPodFailurePolicy(job, p);
        if (match.failJobMessage) {
          finished = newCondition('FailureTarget', 'True', REASON_POD_FAILURE_POLICY, match.failJobMessage, env.nowIso);
          out.lines.push({ action: `fail job: ${REASON_POD_FAILURE_POLICY}`, reason: match.failJobMessage });
          break;
        }
      }
    }
  }
  if (!finished) {
    const restarts = restartsPastLimit(job, pods, backoffLimit);
    const startedAt = since(status.startTime);
    const deadline = spec.activeDeadlineSeconds;
    if (failed > backoffLimit || restarts !== undefined) {
      finished = newCondition('FailureTarget', 'True', REASON_BACKOFF_LIMIT, MESSAGE_BACKOFF_LIMIT, env.nowIso);
      out.lines.push({
        action: `fail job: ${REASON_BACKOFF_LIMIT}`,
        reason: restarts !== undefined ? `${plural(restarts, 'container restart')} in running pods (restartPolicy OnFailure) reach backoffLimit ${backoffLimit}: ${MESSAGE_BACKOFF_LIMIT}` : `failed ${failed} > backoffLimit ${backoffLimit}: ${MESSAGE_BACKOFF_LIMIT}`,
      });
    } else if (deadline !== undefined && deadline !== null && startedAt !== undefined && !suspended) {
      const elapsed = env.now - startedAt;
      if (elapsed >= deadline * 1000) {
        finished = newCondition('FailureTarget', 'True', REASON_DEADLINE, MESSAGE_DEADLINE, env.nowIso);
        out.lines.push({ action: `fail job: ${REASON_DEADLINE}`, reason: `active ${Math.floor(elapsed / 1000)}s since ${status.startTime} ≥ activeDeadlineSeconds ${deadline}: ${MESSAGE_DEADLINE}` });
      } else {
        out.requeueAfterMs = deadline * 1000 - elapsed;
      }
    }
  }

  let succeededIndexes = new Set<number>();
  let prevSucceededIndexes = new Set<number>();
  if (indexed) {
    prevSucceededIndexes = parseIndexes(status.completedIndexes, completions ?? 0);
    succeededIndexes = new Set(prevSucceededIndexes);
    for (const p of pods) if (p.status?.phase === 'Succeeded' && validIndex(p) && hasTrackingFinalizer(p)) succeededIndexes.add(completionIndexOf(p));
    succeeded = succeededIndexes.size;
  }

  if (finished) {
    // The Job has failed (or met its success criteria): stop the pods still running.
    if (active.length) {
      const del = deleteActivePods(env, active);
      activeCount -= del.deleted;
      terminating += del.deleted;
      ready -= del.deletedReady;
      const why = finished.type === 'SuccessCriteriaMet' ? 'the Job has met its success criteria' : `the Job has failed (${finished.reason})`;
      if (del.deleted !== active.length) finished = undefined;
      if (del.error) out.error = del.error;
      out.lines.push({ action: `delete ${plural(del.deleted, 'active pod')}`, reason: `${why}: its running pods are stopped` });
    }
  } else {
    if (!job.metadata.deletionTimestamp) {
      const managed = manageJob(env, { job: { ...job, spec: { ...job.spec!, completions, parallelism } }, active, succeeded, succeededIndexes, terminating, backoff });
      activeCount = managed.active;
      terminating += managed.deleted;
      ready -= managed.deletedReady;
      out.lines.push(...managed.lines);
      if (managed.requeueAfterMs !== undefined) out.requeueAfterMs = Math.min(out.requeueAfterMs ?? Infinity, managed.requeueAfterMs);
      if (managed.error) out.error = managed.error;
    }
    const complete = completions === undefined ? succeeded > 0 && activeCount === 0 : succeeded >= completions && activeCount === 0;
    if (complete) {
      finished = newCondition('SuccessCriteriaMet', 'True', REASON_COMPLETIONS_REACHED, MESSAGE_COMPLETIONS_REACHED, env.nowIso);
      out.lines.push({
        action: 'success criteria met',
        reason: completions === undefined ? `work queue: ${succeeded} succeeded and no pod is still running` : `succeeded ${succeeded} ≥ completions ${completions}`,
      });
    } else if (!job.metadata.deletionTimestamp) {
      const conditions = (status.conditions ?? []) as JobCondition[];
      if (suspended) {
        if (ensureCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', env.nowIso)) {
          env.event('Normal', 'Suspended', 'Job suspended');
          out.lines.push({ action: 'job suspended', reason: 'spec.suspend is true' });
        }
      } else if (ensureCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', env.nowIso)) {
        env.event('Normal', 'Resumed', 'Job resumed');
        // activeDeadlineSeconds counts time continuously active: it starts again on resume.
        status.startTime = env.nowIso;
        out.lines.push({ action: 'job resumed', reason: 'spec.suspend is false again; startTime reset' });
      }
      status.conditions = conditions as typeof status.conditions;
    }
  }

  status.active = activeCount;
  status.ready = ready;
  status.terminating = terminating;
  trackAndRemoveFinalizers(env, job, pods, status, finished, { indexed, completions, prevSucceededIndexes, succeededIndexes, out });

  if (newSucceeded.length || newFailed.length) env.backoff.save(key, backoff);
  return out;
}

interface TrackInput {
  indexed: boolean;
  completions: number | undefined;
  prevSucceededIndexes: Set<number>;
  succeededIndexes: Set<number>;
  out: SyncResult;
}

type JobStatus = NonNullable<Job['status']>;

/**
 * trackJobStatusAndRemoveFinalizers: finished pods go into uncountedTerminatedPods, their finalizers
 * come off, the counters move, and — once nothing is uncounted or terminating — the Job gets its
 * Complete or Failed condition.
 */
function trackAndRemoveFinalizers(env: SyncEnv, job: Job, pods: Pod[], status: JobStatus, finishedIn: JobCondition | undefined, t: TrackInput): void {
  const { store } = env;
  let finished = finishedIn;
  const uncountedSucceeded = [...(status.uncountedTerminatedPods?.succeeded ?? [])];
  const uncountedFailed = [...(status.uncountedTerminatedPods?.failed ?? [])];
  const toRemove: Pod[] = [];
  const newIndexes: number[] = [];
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid ?? '';
    const considerFailed = isPodFailed(pod, job);
    const succeededPod = pod.status?.phase === 'Succeeded';
    if (!(job.metadata.deletionTimestamp || finished || succeededPod || considerFailed)) continue;
    toRemove.push(pod);
    const ix = completionIndexOf(pod);
    const validIx = !t.indexed || (ix >= 0 && ix < (t.completions ?? 0));
    if (succeededPod && !uncountedFailed.includes(uid)) {
      if (t.indexed) {
        if (validIx && !t.prevSucceededIndexes.has(ix)) newIndexes.push(ix);
      } else if (!uncountedSucceeded.includes(uid)) uncountedSucceeded.push(uid);
    } else if (considerFailed || (finished && finished.type !== 'SuccessCriteriaMet')) {
      if (!uncountedFailed.includes(uid) && validIx && matchPodFailurePolicy(job, pod).countFailed) uncountedFailed.push(uid);
    }
  }
  if (t.indexed) {
    const all = new Set([...t.prevSucceededIndexes, ...newIndexes]);
    status.succeeded = all.size;
    status.completedIndexes = formatIndexes(all);
  }
  const conditions = [...((status.conditions ?? []) as JobCondition[])];
  if (finished?.type === 'FailureTarget') {
    if (!conditions.some((c) => c.type === 'FailureTarget')) conditions.push(finished);
    finished = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', env.nowIso);
  }
  if (finished?.type === 'SuccessCriteriaMet') {
    if (!conditions.some((c) => c.type === 'SuccessCriteriaMet')) conditions.push(finished);
    finished = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', env.nowIso);
  }

  // Remove the finalizers, then move what was removed from "uncounted" into the counters.
  const removed = new Set<string>();
  for (const pod of toRemove) {
    try {
      store.modify<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (draft) => {
        draft.metadata.finalizers = draft.metadata.finalizers?.filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (!draft.metadata.finalizers?.length) delete draft.metadata.finalizers;
      });
      removed.add(pod.metadata.uid ?? '');
    } catch (e) {
      if (isApiError(e, 'NotFound')) removed.add(pod.metadata.uid ?? '');
      else if (isApiError(e)) t.out.error ??= e.message;
      else throw e;
    }
  }
  const withFinalizer = new Set(pods.filter((p) => hasTrackingFinalizer(p) && !removed.has(p.metadata.uid ?? '')).map((p) => p.metadata.uid ?? ''));
  const stillS = uncountedSucceeded.filter((u) => withFinalizer.has(u));
  const stillF = uncountedFailed.filter((u) => withFinalizer.has(u));
  if (!t.indexed) status.succeeded = (status.succeeded ?? 0) + uncountedSucceeded.length - stillS.length;
  status.failed = (status.failed ?? 0) + uncountedFailed.length - stillF.length;
  status.uncountedTerminatedPods = {};
  if (stillS.length) status.uncountedTerminatedPods.succeeded = stillS;
  if (stillF.length) status.uncountedTerminatedPods.failed = stillF;

  // enactJobFinished: only once every finished pod is counted and none is still terminating.
  let jobFinished = false;
  if (finished) {
    const pending = stillS.length + stillF.length;
    if (pending || (status.terminating ?? 0) > 0) {
      t.out.lines.push({
        wait: true,
        action: `waiting to mark the job ${finished.type}`,
        reason: pending ? `${plural(pending, 'finished pod')} not counted yet` : `${plural(status.terminating ?? 0, 'pod')} still terminating`,
      });
    } else {
      ensureCondition(conditions, finished.type, 'True', finished.reason ?? '', finished.message ?? '', env.nowIso);
      if (finished.type === 'Complete') status.completionTime = env.nowIso;
      jobFinished = true;
    }
  }
  status.conditions = (conditions.length ? conditions : undefined) as JobStatus['conditions'];
  if (!status.conditions) delete status.conditions;

  if (canonicalJson(status) !== canonicalJson(job.status ?? {})) {
    store.modify<Job>('Job', job.metadata.namespace, job.metadata.name!, (draft) => {
      draft.status = status;
    }, { subresource: 'status' });
  }
  if (!jobFinished || !finished) return;
  if (finished.type === 'Complete') {
    const completions = job.spec?.completions;
    if (completions !== undefined && completions !== null && (status.succeeded ?? 0) > completions) {
      env.event('Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
    }
    env.event('Normal', 'Completed', 'Job completed');
    t.out.lines.push({ action: 'job complete', reason: `${finished.message} (succeeded ${status.succeeded}); completionTime ${status.completionTime}` });
  } else {
    env.event('Warning', finished.reason ?? 'Failed', finished.message ?? '');
    t.out.lines.push({ action: `job failed: ${finished.reason}`, reason: `${finished.message} (failed ${status.failed})` });
  }
}
