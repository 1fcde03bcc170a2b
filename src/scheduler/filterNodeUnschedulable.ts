// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate the
// node.kubernetes.io/unschedulable:NoSchedule taint (DaemonSet pods do).
import type { CycleState, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { toleratesAny } from './taints.js';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_NODE_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export function filterNodeUnschedulable(_pod: PodInfo, node: NodeInfo, state: CycleState): Verdict {
  if (!node.unschedulable) return undefined;
  if (toleratesAny(state.tolerations, UNSCHEDULABLE_TAINT)) return undefined;
  return reject(NODE_UNSCHEDULABLE, 'UnschedulableAndUnresolvable', ERR_NODE_UNSCHEDULABLE);
}
