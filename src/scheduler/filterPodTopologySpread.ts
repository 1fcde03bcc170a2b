// PodTopologySpread (filter): placing the pod on this node must keep, for every DoNotSchedule
// constraint, `matching pods in the node's domain + self − global minimum ≤ maxSkew`.
import type { CycleState, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { globalMin } from './topologySpreadState.js';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
export const ERR_SPREAD_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_SPREAD_MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

export function filterPodTopologySpread(pod: PodInfo, node: NodeInfo, state: CycleState): Verdict {
  const s = state.spread;
  if (!s) return undefined;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    if (!Object.hasOwn(node.labels, c.topologyKey)) {
      return reject(POD_TOPOLOGY_SPREAD, 'UnschedulableAndUnresolvable', ERR_SPREAD_MISSING_LABEL);
    }
    const self = c.selector.matches(pod.labels) ? 1 : 0;
    const skew = (s.counts[i].get(node.labels[c.topologyKey]) ?? 0) + self - globalMin(s, i);
    if (skew > c.maxSkew) return reject(POD_TOPOLOGY_SPREAD, 'Unschedulable', ERR_SPREAD_NOT_MATCH);
  }
  return undefined;
}
