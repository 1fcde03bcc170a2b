// A Job's pods (job_controller.go manageJob, indexed_job_utils.go): the template plus the job labels,
// the tracking finalizer that keeps a finished pod around until the controller has counted it, and
// for Indexed jobs the completion index (annotation, label, hostname, env JOB_COMPLETION_INDEX).
import type { Job, Pod } from '../../api/types.js';
import { podFromTemplate } from '../replicaset/manageReplicas.js';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const COMPLETION_INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

export function isIndexed(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** The completion index a pod carries, or -1 (unknownCompletionIndex). */
export function completionIndexOf(pod: Pod): number {
  const text = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION] ?? pod.metadata.labels?.[COMPLETION_INDEX_LABEL];
  if (text === undefined || !/^\d+$/.test(text)) return -1;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : -1;
}

/** The labels the apiserver puts on a Job's template (generateSelector); added here if missing. */
export function jobLabels(job: Job): Record<string, string> {
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  return { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name, [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the whole stays within 58 characters. */
export function indexedGenerateName(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const room = 58 - suffix.length;
  return `${jobName.length > room ? jobName.slice(0, room) : jobName}${suffix}`;
}

export function jobPod(job: Job, index: number | undefined): Pod {
  const pod = podFromTemplate(job);
  pod.metadata.labels = { ...jobLabels(job), ...(pod.metadata.labels ?? {}) };
  const finalizers = pod.metadata.finalizers ?? [];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) pod.metadata.finalizers = [...finalizers, JOB_TRACKING_FINALIZER];
  if (index === undefined) return pod;
  const text = String(index);
  pod.metadata.generateName = indexedGenerateName(job.metadata.name ?? '', index);
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [COMPLETION_INDEX_ANNOTATION]: text };
  pod.metadata.labels[COMPLETION_INDEX_LABEL] = text;
  const spec = pod.spec!;
  spec.hostname = `${job.metadata.name}-${index}`;
  // addCompletionIndexEnvVariables: every container learns its index from the annotation.
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (c.env?.some((e) => e.name === COMPLETION_INDEX_ENV)) continue;
    c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } }];
  }
  return pod;
}

/** An ordered set of indexes written as intervals: `0-2,4,6-7` (status.completedIndexes). */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Parses `0-2,4` back, ignoring anything out of [0, completions). */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let i = from; i <= to && i < completions; i++) out.add(i);
  }
  return out;
}
