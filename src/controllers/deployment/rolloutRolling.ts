// rolloutRolling: one RollingUpdate sync. Grow the new ReplicaSet if the surge allows and stop there;
// otherwise shrink old ReplicaSets as far as availability allows; once complete, prune history.
import type { ReplicaSet } from '../../api/types.js';
import { activeReplicaSets, specReplicas, sum, viewOf } from './replicaSets.js';
import type { DeploymentSync } from './deploymentSync.js';
import { deploymentComplete, rolloutStatus } from './progress.js';
import { newReplicaSetTarget, oldReplicaSetsPlan, type RollingParams } from './rollingUpdateStep.js';

/** Returns when to look again for the progress deadline, if the rollout is stuck. */
export function rolloutRolling(sync: DeploymentSync): number | undefined {
  const params: RollingParams = { replicas: sync.s.replicas, surge: sync.surge, unavailable: sync.unavailable };
  const { newRS, oldRSs, created } = sync.newAndOld(true);
  if (!newRS) return finish(sync, oldRSs, undefined);

  // 1. Scale up the new ReplicaSet (a freshly created one already got its size); if it grew, the old
  //    ones wait for the next sync.
  if (created && specReplicas(newRS) > 0) return finish(sync, oldRSs, newRS);
  const all = [...oldRSs, newRS];
  const up = newReplicaSetTarget(params, sum(all, specReplicas), specReplicas(newRS));
  if (up.to !== specReplicas(newRS)) {
    sync.scaleReplicaSet(newRS, up.to, up.reason, up.numbers);
    return finish(sync, oldRSs, newRS);
  }

  // 2. Scale down old ReplicaSets: unhealthy pods first, then available ones down to minAvailable.
  const oldActive = activeReplicaSets(oldRSs);
  const plan = oldReplicaSetsPlan(params, oldActive.map(viewOf), viewOf(newRS));
  for (const step of plan.steps) {
    const rs = oldActive.find((r) => r.metadata.name === step.name)!;
    sync.scaleReplicaSet(rs, step.to, step.reason, { ...plan.numbers, phase: step.phase });
  }
  if (plan.steps.length) return finish(sync, oldRSs, newRS);
  if (plan.wait) {
    const stuck = specReplicas(newRS) < params.replicas
      ? `; new replica set ${newRS.metadata.name} stays at ${specReplicas(newRS)}: ${up.numbers.current} pods = ${up.numbers.maxTotal} allowed (${params.replicas} + maxSurge ${params.surge})`
      : '';
    sync.wait(plan.wait + stuck);
  }

  // 3. Complete: prune old ReplicaSets beyond the history limit.
  if (deploymentComplete(sync.d, sync.s, sync.d.status)) sync.cleanup(oldRSs);
  return finish(sync, oldRSs, newRS);
}

/** syncRolloutStatus on the ReplicaSets as they are now. */
export function finish(sync: DeploymentSync, oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined): number | undefined {
  const fresh = (rs: ReplicaSet) => sync.fresh(rs);
  const olds = oldRSs.map(fresh).filter((rs): rs is ReplicaSet => !!rs);
  const current = newRS && fresh(newRS);
  const all = current ? [...olds, current] : olds;
  const now = sync.host.clock.now();
  const { status, recheckAt } = rolloutStatus(all, current, sync.d, sync.s, now, sync.host.clock.iso(now));
  sync.writeStatus(status);
  return recheckAt;
}
