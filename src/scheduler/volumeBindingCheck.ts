// checkBindings of VolumeBinding's PreBind: after the scheduler asked for a pod's WaitForFirstConsumer
// claims to be bound or provisioned on a node, are they all done, still in progress, or failed in a
// way that sends the pod back to the queue? Reads the objects as the API server has them now.
import type { Node, PersistentVolume, PersistentVolumeClaim } from '../api/types.js';
import { pvFitsNode, SELECTED_NODE_ANNOTATION } from './volumeBindingState.js';

const BIND_COMPLETED_ANNOTATION = 'pv.kubernetes.io/bind-completed';

/** What checkBindings reads. */
export interface BindingLookups {
  node(name: string): Node | undefined;
  pvc(namespace: string, name: string): PersistentVolumeClaim | undefined;
  pv(name: string): PersistentVolume | undefined;
}

export type BindingCheck =
  | { state: 'bound' }
  /** Claims not yet fully bound (volumeName and the bind-completed annotation). */
  | { state: 'waiting'; pending: string[] }
  /** The error BindPodVolumes returns (before PreBind's wrapping). */
  | { state: 'failed'; error: string };

/** isPVCFullyBound: the PV controller has finished both halves of the binding. */
export function isClaimFullyBound(pvc: PersistentVolumeClaim): boolean {
  return !!pvc.spec?.volumeName && pvc.metadata.annotations?.[BIND_COMPLETED_ANNOTATION] !== undefined;
}

export function checkBindings(namespace: string, claims: readonly string[], nodeName: string, lookups: BindingLookups): BindingCheck {
  const node = lookups.node(nodeName);
  if (!node) return { state: 'failed', error: `failed to get node "${nodeName}": node "${nodeName}" not found` };
  const pending: string[] = [];
  for (const name of claims) {
    const pvc = lookups.pvc(namespace, name);
    if (!pvc) return { state: 'failed', error: `failed to check provisioning pvc: could not find v1.PersistentVolumeClaim "${namespace}/${name}"` };
    // The provisioner removes the annotation when it gives up, to ask for another node.
    if (pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION] !== nodeName) return { state: 'failed', error: `provisioning failed for PVC "${name}"` };
    const volumeName = pvc.spec?.volumeName;
    if (volumeName) {
      const pv = lookups.pv(volumeName);
      // Not seen yet: the next claim or volume update tells.
      if (!pv) {
        pending.push(name);
        continue;
      }
      if (!pvFitsNode(pv, node)) return { state: 'failed', error: `pv "${volumeName}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms` };
    }
    if (!isClaimFullyBound(pvc)) pending.push(name);
  }
  return pending.length ? { state: 'waiting', pending } : { state: 'bound' };
}
