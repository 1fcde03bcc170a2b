// StatefulSet status (computeReplicaStatus, completeRollingUpdate): counts over the pods the set owns.
import type { Pod, StatefulSet } from '../../api/types.js';
import { availableFrom, isPodReady } from '../replicaset/podState.js';
import { revisionOf } from './identity.js';
import { isRunningAndAvailable, isRunningAndReady } from './podHealth.js';

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

export function computeStatus(
  set: StatefulSet,
  pods: readonly Pod[],
  currentRevision: string,
  updateRevision: string,
  collisionCount: number,
  now: number,
): StatefulSetStatus {
  const minReadySeconds = set.spec?.minReadySeconds ?? 0;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision,
    updateRevision,
    collisionCount,
  };
  for (const pod of pods) {
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas++;
      if (isRunningAndAvailable(pod, minReadySeconds, now)) status.availableReplicas++;
    }
    if (!pod.metadata.deletionTimestamp) {
      const revision = revisionOf(pod);
      if (revision === currentRevision) status.currentReplicas++;
      if (revision === updateRevision) status.updatedReplicas++;
    }
  }
  return status;
}

/** completeRollingUpdate: once every pod runs the update revision and is ready, it becomes current. */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): boolean {
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (!rolling || status.updatedReplicas !== status.replicas || status.readyReplicas !== status.replicas) return false;
  const changed = status.currentRevision !== status.updateRevision;
  status.currentReplicas = status.updatedReplicas;
  status.currentRevision = status.updateRevision;
  return changed;
}

export function statusUnchanged(current: Partial<StatefulSetStatus> | undefined, next: StatefulSetStatus): boolean {
  const c = current ?? {};
  return (
    c.observedGeneration === next.observedGeneration &&
    (c.replicas ?? 0) === next.replicas &&
    (c.readyReplicas ?? 0) === next.readyReplicas &&
    (c.currentReplicas ?? 0) === next.currentReplicas &&
    (c.updatedReplicas ?? 0) === next.updatedReplicas &&
    (c.availableReplicas ?? 0) === next.availableReplicas &&
    c.currentRevision === next.currentRevision &&
    c.updateRevision === next.updateRevision &&
    (c.collisionCount ?? 0) === next.collisionCount
  );
}

/** When the next Ready pod becomes available (minReadySeconds), to check again then. */
export function nextAvailableAt(pods: readonly Pod[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (!isPodReady(pod) || isRunningAndAvailable(pod, minReadySeconds, now)) continue;
    const at = availableFrom(pod, minReadySeconds);
    if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}
