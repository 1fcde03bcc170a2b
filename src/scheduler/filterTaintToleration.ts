// TaintToleration (filter): the first NoSchedule or NoExecute taint the pod does not tolerate rules
// the node out. PreferNoSchedule taints only lower the score.
import type { CycleState, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { firstUntoleratedTaint, taintText, type Taint } from './taints.js';

export const TAINT_TOLERATION = 'TaintToleration';

const blocksScheduling = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint ${taintText(taint)}`;
}

export function filterTaintToleration(_pod: PodInfo, node: NodeInfo, state: CycleState): Verdict {
  const taint = firstUntoleratedTaint(node.taints, state.tolerations, blocksScheduling);
  if (!taint) return undefined;
  return reject(TAINT_TOLERATION, 'UnschedulableAndUnresolvable', untoleratedTaintReason(taint));
}
