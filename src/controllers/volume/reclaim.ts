// What happens to a PV whose claim is gone (reclaimVolume): Retain keeps it Released, Delete removes
// the backing volume and the PV, Recycle scrubs it and makes it Available again. Which volumes can
// be deleted or recycled follows the volume plugins: provisioned and CSI volumes are deleted by
// their (simulated) provisioner; hostPath only under /tmp; hostPath and NFS can be recycled.
import type { PersistentVolume } from '../../api/types.js';
import { ANN_PROVISIONED_BY } from './storageHelpers.js';

/** How long deleting or scrubbing a backing volume takes in the simulation. */
export const RECLAIM_DELAY_MS = 2000;

export type DeleteCheck = { deletable: true; by: string } | { deletable: false; message: string };

/** findDeletablePlugin + the hostPath deleter's own rule. */
export function deleteCheck(pv: PersistentVolume): DeleteCheck {
  const provisioner = pv.metadata.annotations?.[ANN_PROVISIONED_BY];
  if (provisioner) return { deletable: true, by: provisioner };
  if (pv.spec?.csi) return { deletable: true, by: pv.spec.csi.driver };
  const hostPath = pv.spec?.hostPath?.path;
  if (hostPath !== undefined) {
    if (/^\/tmp\/.+/.test(hostPath)) return { deletable: true, by: 'kubernetes.io/host-path' };
    return { deletable: false, message: `host_path deleter only supports /tmp/.+ but received provided ${hostPath}` };
  }
  return { deletable: false, message: `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched` };
}

/** FindRecyclablePluginBySpec: only hostPath and NFS volumes have a recycler. */
export function canRecycle(pv: PersistentVolume): boolean {
  return !!(pv.spec?.hostPath || pv.spec?.nfs);
}
