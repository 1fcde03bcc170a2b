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

/**
 * calculateStatus: counts over the active pods the controller owns. A ReplicaFailure condition is
 * added when creating/deleting failed and removed once a sync succeeds.
 */
export function calculateReplicaStatus(rs: KObject, activePods: Pod[], failure: ManageFailure | undefined, now: number, nowIso: string): ReplicaStatus {
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels ?? {});
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    if (templateLabels.matches(pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  const previous: ReplicaCondition[] = rs.status?.conditions ?? [];
  let conditions = previous;
  const existing = previous.find((c) => c.type === 'ReplicaFailure');
  if (failure && !existing) {
    conditions = [...previous, { type: 'ReplicaFailure', status: 'True', reason: failure.reason, message: failure.message, lastTransitionTime: nowIso }];
  } else if (!failure && existing) {
    conditions = previous.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaStatus = {
    replicas: activePods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
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
