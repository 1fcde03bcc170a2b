// The arithmetic of one RollingUpdate step (rolloutRolling), as pure functions over replica counts so
// every number in a decision can be checked: first grow the new ReplicaSet up to replicas + maxSurge
// pods in total; on a later sync shrink the old ones, never letting availability drop below
// replicas − maxUnavailable.
import { byAge, type RsView } from './replicaSets.js';

export interface RollingParams {
  /** spec.replicas of the Deployment */
  replicas: number;
  /** resolved maxSurge */
  surge: number;
  /** resolved maxUnavailable */
  unavailable: number;
}

export interface NewReplicaSetPlan {
  /** The size the new RS should have; equal to its current size when it cannot change. */
  to: number;
  reason: string;
  numbers: { maxTotal: number; current: number };
}

/**
 * NewRSNewReplicas for RollingUpdate (and reconcileNewReplicaSet's scale-down of an oversized new RS).
 * `current` is Σ spec.replicas over all RSs, the new one included.
 */
export function newReplicaSetTarget(p: RollingParams, current: number, newReplicas: number): NewReplicaSetPlan {
  const maxTotal = p.replicas + p.surge;
  const numbers = { maxTotal, current };
  const head = `rolling update: ${p.replicas} desired + maxSurge ${p.surge} = ${maxTotal} allowed, ${current} exist`;
  if (newReplicas > p.replicas) {
    return { to: p.replicas, reason: `new replica set has ${newReplicas} > ${p.replicas} desired`, numbers };
  }
  if (newReplicas === p.replicas) return { to: newReplicas, reason: `new replica set already has the ${p.replicas} desired`, numbers };
  if (current >= maxTotal) return { to: newReplicas, reason: `${head} → +0`, numbers };
  const room = maxTotal - current;
  const needed = p.replicas - newReplicas;
  const add = Math.min(room, needed);
  const capped = needed < room ? ` (the new replica set needs only ${needed} more)` : '';
  return { to: newReplicas + add, reason: `${head} → +${add}${capped}`, numbers };
}

export interface ScaleDownStep {
  name: string;
  from: number;
  to: number;
  /** `unhealthy` (cleanupUnhealthyReplicas) or `available` (scaleDownOldReplicaSetsForRollingUpdate) */
  phase: 'unhealthy' | 'available';
  reason: string;
}

export interface OldReplicaSetsPlan {
  steps: ScaleDownStep[];
  /** Why nothing (more) may be scaled down now; undefined when there is simply nothing old left. */
  wait?: string;
  numbers: {
    allPods: number;
    minAvailable: number;
    newUnavailable: number;
    maxScaledDown: number;
    available?: number;
  };
}

/**
 * reconcileOldReplicaSets: `oldActive` are the old RSs with spec.replicas > 0. Unhealthy old pods go
 * first (they cost no availability), then available ones down to minAvailable.
 */
export function oldReplicaSetsPlan(p: RollingParams, oldActive: RsView[], newRs: RsView): OldReplicaSetsPlan {
  const oldPods = oldActive.reduce((n, rs) => n + rs.replicas, 0);
  const allPods = oldPods + newRs.replicas;
  const minAvailable = p.replicas - p.unavailable;
  const newUnavailable = newRs.replicas - newRs.available;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  const plan: OldReplicaSetsPlan = { steps: [], numbers: { allPods, minAvailable, newUnavailable, maxScaledDown } };
  if (oldPods === 0) return plan;
  const budget = `${allPods} pods − minAvailable ${minAvailable} − ${newUnavailable} unavailable in the new replica set = ${maxScaledDown}`;
  if (maxScaledDown <= 0) {
    plan.wait = `0 old pods may be removed: ${budget}`;
    return plan;
  }

  const olds = oldActive.map((rs) => ({ ...rs })).sort(byAge);
  // 2a. cleanupUnhealthyReplicas: old pods that are not available can go without costing availability.
  let cleaned = 0;
  for (const rs of olds) {
    if (cleaned >= maxScaledDown) break;
    if (rs.replicas === 0 || rs.replicas === rs.available) continue;
    if (rs.replicas < rs.available) {
      // Its status still counts pods it has already been told to remove: wait for the replica set
      // controller to catch up rather than trust the inflated availability.
      plan.wait = `waiting for replica set ${rs.name} to report its last scale-down (${rs.replicas} wanted, ${rs.available} still counted available)`;
      return plan;
    }
    const n = Math.min(maxScaledDown - cleaned, rs.replicas - rs.available);
    plan.steps.push({
      name: rs.name,
      from: rs.replicas,
      to: rs.replicas - n,
      phase: 'unhealthy',
      reason: `${rs.replicas - rs.available} of its ${rs.replicas} pods are unavailable; ${budget} may be scaled down → remove ${n} unavailable first`,
    });
    rs.replicas -= n;
    cleaned += n;
  }

  // 2b. scaleDownOldReplicaSetsForRollingUpdate: keep at least minAvailable available pods.
  const available = olds.reduce((n, rs) => n + rs.available, 0) + newRs.available;
  plan.numbers.available = available;
  if (available <= minAvailable) {
    if (!plan.steps.length) plan.wait = `0 old pods may be removed: ${available} available ${available === minAvailable ? '=' : '<'} minAvailable ${minAvailable} (${p.replicas} − maxUnavailable ${p.unavailable})`;
    return plan;
  }
  const toScaleDown = available - minAvailable;
  const head = `minAvailable ${minAvailable} (${p.replicas} − maxUnavailable ${p.unavailable}); ${available} available → ${toScaleDown} may go`;
  let done = 0;
  for (const rs of olds) {
    if (done >= toScaleDown) break;
    if (rs.replicas === 0) continue;
    const n = Math.min(rs.replicas, toScaleDown - done);
    plan.steps.push({ name: rs.name, from: rs.replicas, to: rs.replicas - n, phase: 'available', reason: head });
    rs.replicas -= n;
    done += n;
  }
  return plan;
}
