// Rules of the API's write strategies that are not admission: when generation moves, which kinds
// keep one, and how a Job comes to select its own pods.
import type { KObject } from '../api/object.js';
import { sameJson } from './jsonEqual.js';

/** A change of the spec bumps generation; a pod's binding to a node (the binding subresource) does not. */
export function specChanged(next: KObject, current: KObject): boolean {
  if (next.kind === 'Pod' && next.spec?.nodeName !== current.spec?.nodeName && !current.spec?.nodeName) {
    return !sameJson(next.spec, current.spec, 'nodeName');
  }
  return !sameJson(next.spec, current.spec);
}

/**
 * The Job strategy: unless the user manages the selector, a Job selects its pods by its own uid and
 * its template carries the labels that make that true (what `kubectl logs job/x` relies on).
 */
export function selectJobPodsByUid(job: KObject): void {
  const spec = job.spec;
  if (!spec || spec.manualSelector) return;
  const uid = job.metadata.uid!;
  const name = job.metadata.name!;
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  const template = (spec.template ??= {});
  const meta = (template.metadata ??= {});
  meta.labels = { ...meta.labels, 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
}

/** Kinds whose API strategy keeps metadata.generation (a spec its controller observes). */
const GENERATIONAL = new Set(['Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'Ingress']);

export function isGenerational(kind: string): boolean {
  return GENERATIONAL.has(kind);
}
