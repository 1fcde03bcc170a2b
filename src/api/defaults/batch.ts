// batch/v1 defaults: Job and CronJob.
import { defaultPodTemplate } from './podSpec.js';

type Obj = Record<string, any>;

export function defaultJob(obj: Obj): void {
  const spec = (obj.spec ??= {});
  // A job with neither set runs one pod to one completion.
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  // With a per-index limit, the global limit is effectively off (MaxInt32).
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  const labels = spec.template?.metadata?.labels;
  if (labels && Object.keys(labels).length) {
    const meta = (obj.metadata ??= {});
    if (!meta.labels || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
  }
  spec.completionMode ||= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const c of rule.onPodConditions ?? []) c.status ||= 'True';
  spec.podReplacementPolicy ||= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultPodTemplate(spec.template, { skipRestartPolicy: true });
}

/** CronJob defaults; the job template gets only the pod template's, as upstream (no backoffLimit etc.). */
export function defaultCronJob(obj: Obj): void {
  const spec = (obj.spec ??= {});
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobSpec = (spec.jobTemplate ??= {}).spec;
  if (jobSpec) defaultPodTemplate(jobSpec.template, { skipRestartPolicy: true });
}
