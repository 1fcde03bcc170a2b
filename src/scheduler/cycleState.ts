// Preemption and nominated pods ask "would the pod fit if these pods were (not) on the node?": a
// copy of the cycle state is adjusted pod by pod, as the plugins' AddPod/RemovePod extensions do.
import type { CycleState } from './framework.js';
import { cloneInterPodState, updateInterPodState } from './interPodAffinityState.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { cloneSpreadState, updateSpreadState } from './topologySpreadState.js';

export function cloneCycleState(s: CycleState): CycleState {
  return {
    ...s,
    rwop: s.rwop && { claims: s.rwop.claims, conflicts: s.rwop.conflicts },
    spread: s.spread && cloneSpreadState(s.spread),
    interPod: s.interPod && cloneInterPodState(s.interPod),
  };
}

/** `other` is added to (delta 1) or removed from (−1) `node`, which the caller changes alongside. */
export function updateCycleState(s: CycleState, other: PodInfo, node: NodeInfo, delta: 1 | -1): void {
  if (s.spread) updateSpreadState(s.spread, other, node, delta);
  if (s.interPod) updateInterPodState(s.interPod, other, node, delta);
  if (s.rwop && other.uid !== s.pod.uid) {
    for (const c of other.claims) if (s.rwop.claims.has(`${other.namespace}/${c}`)) s.rwop.conflicts += delta;
  }
}
