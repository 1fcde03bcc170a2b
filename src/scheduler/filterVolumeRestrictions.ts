// VolumeRestrictions: an inline disk (GCE PD, EBS, iSCSI, RBD) attached read-write by one pod on a
// node cannot be mounted by another there, and a ReadWriteOncePod claim serves one pod in the cluster.
import type { ClusterLookups, ClusterView } from './clusterView.js';
import type { CycleState, RwopState, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';

export const VOLUME_RESTRICTIONS = 'VolumeRestrictions';
export const ERR_DISK_CONFLICT = 'node(s) had no available disk';
export const ERR_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

/** Counts the other pods using the pod's ReadWriteOncePod claims; undefined when it has none. */
export function preFilterVolumeRestrictions(pod: PodInfo, cluster: ClusterLookups & Pick<ClusterView, 'claimUsers'>): RwopState | undefined {
  const claims = new Set<string>();
  for (const name of pod.claims) {
    const pvc = cluster.pvc(pod.namespace, name);
    if (pvc?.spec?.accessModes?.includes('ReadWriteOncePod')) claims.add(`${pod.namespace}/${name}`);
  }
  if (!claims.size) return undefined;
  let conflicts = 0;
  for (const key of claims) for (const uid of cluster.claimUsers(key) ?? []) if (uid !== pod.uid) conflicts++;
  return { claims, conflicts };
}

function disksConflict(pod: PodInfo, node: NodeInfo): boolean {
  for (const disk of pod.disks) {
    for (const other of node.pods.values()) {
      for (const d of other.disks) {
        if (d.id !== disk.id) continue;
        if (!(disk.sharableReadOnly && disk.readOnly && d.readOnly)) return true;
      }
    }
  }
  return false;
}

export function filterVolumeRestrictions(pod: PodInfo, node: NodeInfo, state: CycleState): Verdict {
  if (pod.disks.length && disksConflict(pod, node)) return reject(VOLUME_RESTRICTIONS, 'Unschedulable', ERR_DISK_CONFLICT);
  if (state.rwop && state.rwop.conflicts > 0) return reject(VOLUME_RESTRICTIONS, 'Unschedulable', ERR_RWOP_CONFLICT);
  return undefined;
}
