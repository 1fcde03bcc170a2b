// Revision bookkeeping on a Deployment's ReplicaSets: the revision number each template got, the
// history of numbers a reused template served, and the replica annotations that make scaling events
// detectable.
import type { Deployment, ReplicaSet } from '../../api/types.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';

/** Never copied from the Deployment to its ReplicaSets (nor back by a rollback). */
export const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

/** The longest revision-history annotation kept (older numbers drop off the front). */
export const MAX_REVISION_HISTORY_CHARS = 2000;

function parseInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** The RS's revision, or undefined when it has none (or a malformed one). */
export function revisionOf(rs: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  return parseInteger(rs.metadata.annotations?.[REVISION_ANNOTATION]);
}

export function maxRevision(rss: ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) max = Math.max(max, revisionOf(rs) ?? 0);
  return max;
}

export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return parseInteger(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
}

export function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return parseInteger(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]);
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** Writes desired/max replicas into a draft's annotations; true when something changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations on a draft of the new RS: copy the Deployment's own annotations, raise
 * its revision to `newRevision` (recording the number it had in revision-history when a rollback
 * reuses it) and, for an RS about to be created, set the replica annotations. True when changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean, replicas: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const oldText = a[REVISION_ANNOTATION];
  const had = oldText !== undefined;
  let oldRevision = 0;
  if (had) {
    const parsed = parseInteger(oldText);
    if (parsed === undefined) return changed; // a malformed revision is left alone
    oldRevision = parsed;
  }
  if (oldRevision < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (had) {
      const history = a[REVISION_HISTORY_ANNOTATION];
      if (!history) a[REVISION_HISTORY_ANNOTATION] = oldText!;
      else {
        const numbers = history.split(',');
        let length = history.length + oldText!.length + 1;
        let start = 0;
        while (length > MAX_REVISION_HISTORY_CHARS && start < numbers.length) {
          length -= numbers[start].length + 1;
          start++;
        }
        if (length <= MAX_REVISION_HISTORY_CHARS) a[REVISION_HISTORY_ANNOTATION] = [...numbers.slice(start), oldText!].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicas, max)) changed = true;
  return changed;
}
