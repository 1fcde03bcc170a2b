// rolloutRecreate: scale every old ReplicaSet to 0, wait until none of their pods is left running,
// and only then create (or scale up) the new ReplicaSet.
import { controllerOf } from '../../api/object.js';
import type { Pod, ReplicaSet } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import type { DeploymentSync } from './deploymentSync.js';
import { deploymentComplete } from './progress.js';
import { activeReplicaSets, specReplicas, statusReplicas, sum } from './replicaSets.js';
import { finish } from './rolloutRolling.js';

/**
 * oldPodsRunning: how many pods of old ReplicaSets are not terminal yet (terminating ones included:
 * they are still running until their kubelet stops them). Trusts the larger of the pods found and the
 * replica sets' own status.
 */
export function oldPodsStillRunning(store: Store, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): number {
  let pods = 0;
  for (const rs of oldRSs) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const pod of store.list<Pod>('Pod', { namespace: rs.metadata.namespace, ownerUid: rs.metadata.uid })) {
      if (controllerOf(pod)?.uid !== rs.metadata.uid) continue;
      const phase = pod.status?.phase;
      if (phase !== 'Succeeded' && phase !== 'Failed') pods++;
    }
  }
  return Math.max(pods, sum(oldRSs, statusReplicas));
}

export function rolloutRecreate(sync: DeploymentSync): number | undefined {
  const { store } = sync.host;
  let { newRS, oldRSs } = sync.newAndOld(false);

  // 1. Scale down every old ReplicaSet at once.
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    sync.scaleReplicaSet(rs, 0, `recreate: all ${specReplicas(rs)} old pods go before any new pod starts`);
    scaledDown = true;
  }
  if (scaledDown) return finish(sync, oldRSs, newRS);

  // 2. Wait until no old pod is running.
  const running = oldPodsStillRunning(store, newRS, oldRSs.map((rs) => sync.fresh(rs) ?? rs));
  if (running > 0) {
    sync.wait(`${running} old pod${running === 1 ? '' : 's'} still running; recreate starts new pods only once every old pod is gone`);
    return finish(sync, oldRSs, newRS);
  }

  // 3. Create the new ReplicaSet at full size, or scale an existing one up.
  if (!newRS) ({ newRS, oldRSs } = sync.newAndOld(true));
  if (newRS) sync.scaleReplicaSet(newRS, sync.s.replicas, `recreate: no old pods left → scale to the ${sync.s.replicas} desired`);
  if (deploymentComplete(sync.d, sync.s, sync.d.status)) sync.cleanup(oldRSs);
  return finish(sync, oldRSs, newRS);
}
