// NodeAffinity (filter): the node must satisfy the pod's nodeSelector and, if given, one of its
// required node affinity terms.
import type { CycleState, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** PreFilter: the pod's metadata.name pins contradict each other. */
export const ERR_NODE_AFFINITY_CONFLICT = 'pod affinity terms conflict';

export function filterNodeAffinity(_pod: PodInfo, node: NodeInfo, state: CycleState): Verdict {
  if (!state.nodeAffinity.constrains || state.nodeAffinity.match(node.node!)) return undefined;
  return reject(NODE_AFFINITY, 'UnschedulableAndUnresolvable', ERR_NODE_AFFINITY);
}
