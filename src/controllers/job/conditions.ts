// Job conditions (jobutil, ensureJobConditionStatus): Complete / Failed end a Job; SuccessCriteriaMet
// and FailureTarget are the interim conditions written before the pods' finalizers are removed;
// Suspended records suspend and resume.
import type { Job } from '../../api/types.js';

export interface JobCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
}

export const REASON_BACKOFF_LIMIT = 'BackoffLimitExceeded';
export const MESSAGE_BACKOFF_LIMIT = 'Job has reached the specified backoff limit';
export const REASON_DEADLINE = 'DeadlineExceeded';
export const MESSAGE_DEADLINE = 'Job was active longer than specified deadline';
export const REASON_POD_FAILURE_POLICY = 'PodFailurePolicy';
export const REASON_COMPLETIONS_REACHED = 'CompletionsReached';
export const MESSAGE_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods';

export function newCondition(type: string, status: string, reason: string, message: string, nowIso: string): JobCondition {
  return { type, status, reason, message, lastProbeTime: nowIso, lastTransitionTime: nowIso };
}

export function findCondition(job: Job, type: string): JobCondition | undefined {
  return (job.status?.conditions as JobCondition[] | undefined)?.find((c) => c.type === type);
}

/** The Complete or Failed condition that is True, if the Job has finished. */
export function finishedCondition(job: Job): JobCondition | undefined {
  return (job.status?.conditions as JobCondition[] | undefined)?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export function isJobFinished(job: Job): boolean {
  return finishedCondition(job) !== undefined;
}

export function isJobSucceeded(job: Job): boolean {
  return finishedCondition(job)?.type === 'Complete';
}

/**
 * ensureJobConditionStatus: updates a condition of that type when its status, reason or message
 * differ, appends it when absent (but never appends a False one). Returns whether anything changed.
 */
export function ensureCondition(list: JobCondition[], type: string, status: string, reason: string, message: string, nowIso: string): boolean {
  const at = list.findIndex((c) => c.type === type);
  if (at >= 0) {
    const c = list[at];
    if (c.status === status && c.reason === reason && c.message === message) return false;
    list[at] = newCondition(type, status, reason, message, nowIso);
    return true;
  }
  if (status === 'False') return false;
  list.push(newCondition(type, status, reason, message, nowIso));
  return true;
}
