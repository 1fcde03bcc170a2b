// VolumeBinding (filter): bound claims' PVs must allow the node (their nodeAffinity), and every
// WaitForFirstConsumer claim must find an Available PV reachable from the node or a provisioner.
import type { CycleState, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { ERR_BIND_CONFLICT, ERR_NODE_CONFLICT, ERR_PV_NOT_EXIST, planDelayedClaims, pvFitsNode, VOLUME_BINDING } from './volumeBindingState.js';

export function filterVolumeBinding(_pod: PodInfo, node: NodeInfo, state: CycleState): Verdict {
  const volumes = state.volumes;
  if (!volumes) return undefined;
  const reasons: string[] = [];
  for (const b of volumes.bound) {
    if (!b.pv) {
      reasons.push(ERR_PV_NOT_EXIST);
      break;
    }
    if (!pvFitsNode(b.pv, node.node!)) {
      reasons.push(ERR_NODE_CONFLICT);
      break;
    }
  }
  if (volumes.delayed.length && !planDelayedClaims(volumes, node.node!)) reasons.push(ERR_BIND_CONFLICT);
  return reasons.length ? reject(VOLUME_BINDING, 'UnschedulableAndUnresolvable', ...reasons) : undefined;
}
