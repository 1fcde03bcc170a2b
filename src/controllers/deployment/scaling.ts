// Scaling events and paused Deployments (sync.go sync/scale/isScalingEvent): resize the ReplicaSets
// without moving the rollout forward — one active RS takes the new size, otherwise the change is
// spread proportionally.
import type { ReplicaSet } from '../../api/types.js';
import type { DeploymentSync } from './deploymentSync.js';
import { calculateStatus } from './progress.js';
import { activeReplicaSets, availableReplicas, byCreation, specReplicas, viewOf } from './replicaSets.js';
import { desiredReplicasAnnotation } from './revisions.js';
import { proportionalPlan } from './proportionalScaling.js';

/** A scaling event: some active RS was last sized for a different desired count. */
export function isScalingEvent(sync: DeploymentSync): boolean {
  const { newRS, oldRSs } = sync.newAndOld(false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired !== undefined && desired !== sync.s.replicas) return true;
  }
  return false;
}

/** FindActiveOrLatest: the only active RS, or the newest when none is active; undefined when several are. */
function activeOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const newestFirst = [...oldRSs].sort(byCreation).reverse();
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** IsSaturated: the new RS has, wants and makes available exactly the desired count. */
function isSaturated(sync: DeploymentSync, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  const n = sync.s.replicas;
  return specReplicas(rs) === n && desired === n && availableReplicas(rs) === n;
}

/** scale(): resize for a new spec.replicas. */
export function scale(sync: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const n = sync.s.replicas;
  const only = activeOrLatest(newRS, oldRSs);
  if (only) {
    if (specReplicas(only) !== n) sync.scaleReplicaSet(only, n, `scaling: ${only.metadata.name} is the only active replica set, so it takes all ${n} desired`);
    return;
  }
  if (isSaturated(sync, newRS)) {
    for (const rs of activeReplicaSets(oldRSs)) {
      sync.scaleReplicaSet(rs, 0, `new replica set ${newRS!.metadata.name} is saturated (${n} of ${n} available), old ones are no longer needed`);
    }
    return;
  }
  if (sync.s.strategy !== 'RollingUpdate') return;
  const active = activeReplicaSets([...oldRSs, newRS]);
  const plan = proportionalPlan(active.map(viewOf), n, sync.surge, sync.d.status?.replicas ?? 0);
  for (const step of plan.steps) {
    const rs = active.find((r) => r.metadata.name === step.name)!;
    sync.scaleReplicaSet(rs, step.to, `${plan.reason}; ${step.name}: ${step.share}`, { allowed: plan.allowed, current: plan.current, toAdd: plan.toAdd });
  }
}

/** sync(): for scaling events and paused Deployments. */
export function syncScaling(sync: DeploymentSync): void {
  const { newRS, oldRSs } = sync.newAndOld(false);
  scale(sync, newRS, oldRSs);
  if (sync.s.paused) sync.cleanup(oldRSs);
  const olds = oldRSs.map((rs) => sync.fresh(rs)).filter((rs): rs is ReplicaSet => !!rs);
  const current = sync.fresh(newRS);
  const all = current ? [...olds, current] : olds;
  sync.writeStatus(calculateStatus(all, current, sync.d, sync.s, sync.host.clock.iso()));
}
