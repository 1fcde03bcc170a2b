// Deployment status: the counts (calculateStatus), the completion and progress predicates, and the
// Progressing condition a rollout moves through (syncRolloutStatus).
import type { Deployment, ReplicaSet } from '../../api/types.js';
import {
  AVAILABLE,
  getCondition,
  MIN_AVAILABLE_REASON,
  MIN_UNAVAILABLE_REASON,
  NEW_RS_AVAILABLE_REASON,
  newCondition,
  PROGRESSING,
  REPLICA_FAILURE,
  removeCondition,
  RS_UPDATED_REASON,
  setCondition,
  TIMED_OUT_REASON,
  type DeploymentStatus,
} from './conditions.js';
import { maxUnavailable, type DeploymentSettings } from './fenceposts.js';
import { canonicalEqual } from '../shared/canonicalEqual.js';
import { availableReplicas, readyReplicas, specReplicas, statusReplicas, sum } from './replicaSets.js';

/** calculateStatus: counts over every RS; Available by the minimum-availability rule. */
export function calculateStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, s: DeploymentSettings, nowIso: string): DeploymentStatus {
  const available = sum(allRSs, availableReplicas);
  const total = sum(allRSs, specReplicas);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sum(allRSs, statusReplicas),
    updatedReplicas: newRS ? statusReplicas(newRS) : 0,
    readyReplicas: sum(allRSs, readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  const minAvailable = s.replicas - maxUnavailable(s);
  if (available >= minAvailable) {
    setCondition(status, newCondition(AVAILABLE, 'True', MIN_AVAILABLE_REASON, 'Deployment has minimum availability.', nowIso));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', MIN_UNAVAILABLE_REASON, 'Deployment does not have minimum availability.', nowIso));
  }
  return status;
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentSettings, status: DeploymentStatus | undefined): boolean {
  return (
    (status?.updatedReplicas ?? 0) === s.replicas &&
    (status?.replicas ?? 0) === s.replicas &&
    (status?.availableReplicas ?? 0) === s.replicas &&
    (status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods than before. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress recorded for longer than progressDeadlineSeconds. */
export function deploymentTimedOut(s: DeploymentSettings, status: DeploymentStatus, now: number): boolean {
  if (s.progressDeadlineSeconds === undefined) return false;
  const c = getCondition(status, PROGRESSING);
  if (!c) return false;
  if (c.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (c.reason === TIMED_OUT_REASON) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return !Number.isNaN(from) && from + s.progressDeadlineSeconds * 1000 < now;
}

export interface RolloutStatus {
  status: DeploymentStatus;
  /** When to look again for a deadline, if the rollout is stuck and not yet timed out (epoch ms). */
  recheckAt?: number;
}

/**
 * syncRolloutStatus: the new status, with the Progressing condition moved along (complete, still
 * progressing, or timed out) and any ReplicaFailure copied from the replica sets.
 */
export function rolloutStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, s: DeploymentSettings, now: number, nowIso: string): RolloutStatus {
  const status = calculateStatus(allRSs, newRS, d, s, nowIso);
  if (s.progressDeadlineSeconds === undefined) removeCondition(status, PROGRESSING);
  const current = getCondition(d.status, PROGRESSING);
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE_REASON;
  const name = newRS?.metadata.name;
  if (s.progressDeadlineSeconds !== undefined && !isComplete) {
    if (deploymentComplete(d, s, status)) {
      const message = name ? `ReplicaSet "${name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(status, newCondition(PROGRESSING, 'True', NEW_RS_AVAILABLE_REASON, message, nowIso));
    } else if (deploymentProgressing(d, status)) {
      const message = name ? `ReplicaSet "${name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const condition = newCondition(PROGRESSING, 'True', RS_UPDATED_REASON, message, nowIso);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, PROGRESSING);
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(s, status, now)) {
      const message = name ? `ReplicaSet "${name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newCondition(PROGRESSING, 'False', TIMED_OUT_REASON, message, nowIso));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) {
    setCondition(status, newCondition(REPLICA_FAILURE, failure.status as 'True', failure.reason ?? '', failure.message ?? '', failure.lastTransitionTime ?? nowIso));
  } else removeCondition(status, REPLICA_FAILURE);
  return { status, recheckAt: stuckRecheck(d, s, status, now) };
}

/** The ReplicaFailure condition of the new RS, else of any RS. */
function replicaFailure(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined) {
  const of = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  return of(newRS) ?? allRSs.map(of).find((c) => c !== undefined);
}

/** requeueStuckDeployment: a rollout without progress is looked at again one second after its deadline. */
function stuckRecheck(d: Deployment, s: DeploymentSettings, status: DeploymentStatus, now: number): number | undefined {
  const current = getCondition(d.status, PROGRESSING);
  if (s.progressDeadlineSeconds === undefined || !current) return undefined;
  if (deploymentComplete(d, s, status) || current.reason === TIMED_OUT_REASON) return undefined;
  // A finished rollout that later lost availability keeps NewReplicaSetAvailable (syncRolloutStatus
  // leaves a complete deployment's condition alone), so it can never time out: looking again would
  // change nothing, and past the deadline it would look again every millisecond.
  if (current.reason === NEW_RS_AVAILABLE_REASON && status.replicas === status.updatedReplicas) return undefined;
  const from = Date.parse(current.lastUpdateTime ?? '');
  if (Number.isNaN(from)) return undefined;
  // One second past the deadline, as upstream adds to avoid waking a hair too early.
  return Math.max(from + s.progressDeadlineSeconds * 1000 + 1000, now + 1);
}

/** Status comparison that ignores key order. */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return canonicalEqual(a ?? {}, b);
}
