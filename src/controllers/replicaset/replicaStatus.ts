// The status a ReplicaSet (or ReplicationController) reports about the pods it owns.
import { selectorFromSet } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import type { Pod } from '../../api/types.js';
import { availableFrom, isPodAvailable, isPodReady } from './podState.js';

export interface ReplicaCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  observedGeneration?: number;
  conditions?: ReplicaCondition[];
}

export interface ManageFailure {
  /** `FailedCreate` or `FailedDelete`. */
  reason: string;
  message: string;
}

/** The pods a status counts. */
export interface ReplicaCounts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

/** The template's labels as a selector: pods carrying them all are fully labeled. */
export function templateLabelsOf(rs: KObject) {
  return selectorFromSet(rs.spec?.template?.metadata?.labels ?? {});
}

/** Counts over the active pods the controller owns. */
export function countReplicas(rs: KObject, activePods: Pod[], now: number): ReplicaCounts {
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = templateLabelsOf(rs);
  const counts: ReplicaCounts = { replicas: activePods.length, fullyLabeled: 0, ready: 0, available: 0 };
  for (const pod of activePods) {
    if (templateLabels.matches(pod.metadata.labels)) counts.fullyLabeled++;
    if (isPodReady(pod)) {
      counts.ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) counts.available++;
    }
  }
  return counts;
}

/**
 * calculateStatus: counts over the active pods the controller owns. A ReplicaFailure condition is
 * added when creating/deleting failed and removed once a sync succeeds.
 */
export function calculateReplicaStatus(rs: KObject, activePods: Pod[], failure: ManageFailure | undefined, now: number, nowIso: string): ReplicaStatus {
  return replicaStatusOf(rs, countReplicas(rs, activePods, now), failure, nowIso);
}

/** The status for these counts, with the ReplicaFailure condition added or removed. */
export function replicaStatusOf(rs: KObject, counts: ReplicaCounts, failure: ManageFailure | undefined, nowIso: string): ReplicaStatus {
  const previous: ReplicaCondition[] = rs.status?.conditions ?? [];
  let conditions = previous;
  const existing = previous.find((c) => c.type === 'ReplicaFailure');
  if (failure && !existing) {
    conditions = [...previous, { type: 'ReplicaFailure', status: 'True', reason: failure.reason, message: failure.message, lastTransitionTime: nowIso }];
  } else if (!failure && existing) {
    conditions = previous.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaStatus = {
    replicas: counts.replicas,
    fullyLabeledReplicas: counts.fullyLabeled,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    observedGeneration: rs.metadata.generation,
  };
  if (conditions.length) status.conditions = conditions;
  return status;
}

/** True when writing `next` would change nothing the controller owns in `current`. */
export function replicaStatusUnchanged(current: Partial<ReplicaStatus> | undefined, next: ReplicaStatus): boolean {
  const c = current ?? {};
  return (
    (c.replicas ?? 0) === next.replicas &&
    (c.fullyLabeledReplicas ?? 0) === next.fullyLabeledReplicas &&
    (c.readyReplicas ?? 0) === next.readyReplicas &&
    (c.availableReplicas ?? 0) === next.availableReplicas &&
    c.observedGeneration === next.observedGeneration &&
    JSON.stringify(c.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}

/** When the next ready-but-not-yet-available pod turns available (minReadySeconds), if any. */
export function nextAvailabilityAt(activePods: Pod[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of activePods) {
    if (!isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) continue;
    const at = availableFrom(pod, minReadySeconds);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next;
}
