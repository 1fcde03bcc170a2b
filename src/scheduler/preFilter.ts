// PreFilter: work out once per attempt what every node check needs (compiled node affinity,
// volume claims, spread counts, affinity counts), or reject the pod outright when no node can help
// (a missing claim, an unbound Immediate claim, contradictory node-name pins).
import type { ClusterView } from './clusterView.js';
import { reject, type CycleState, type Rejection } from './framework.js';
import { ERR_NODE_AFFINITY_CONFLICT, NODE_AFFINITY } from './filterNodeAffinity.js';
import { preFilterVolumeRestrictions } from './filterVolumeRestrictions.js';
import { preFilterInterPodAffinity } from './interPodAffinityState.js';
import { nodeNamesFromAffinity, requiredNodeAffinity } from './nodeAffinity.js';
import type { PodInfo } from './podInfo.js';
import { preFilterPodTopologySpread } from './topologySpreadState.js';
import { preFilterVolumeBinding } from './volumeBindingState.js';

export interface PreFilterOutcome {
  state?: CycleState;
  /** The pod fits no node, whatever the node. */
  rejection?: Rejection;
  /** Only these nodes need filtering (NodeAffinity's metadata.name pins). */
  nodeNames?: Set<string>;
  /** Which plugins narrowed the node set (for the `didn't satisfy plugin(s)` status). */
  narrowedBy?: string[];
}

export function runPreFilter(pod: PodInfo, cluster: ClusterView): PreFilterOutcome {
  const nodeNames = nodeNamesFromAffinity(pod.pod);
  if (nodeNames && nodeNames.size === 0) return { rejection: reject(NODE_AFFINITY, 'UnschedulableAndUnresolvable', ERR_NODE_AFFINITY_CONFLICT) };
  const affinity = requiredNodeAffinity(pod.pod);
  const tolerations = pod.pod.spec?.tolerations ?? [];
  const rwop = preFilterVolumeRestrictions(pod, cluster);
  const volumes = preFilterVolumeBinding(pod, cluster);
  if (volumes.rejection) return { rejection: volumes.rejection };
  const state: CycleState = {
    pod,
    nodeAffinity: affinity,
    tolerations,
    rwop,
    volumes: volumes.state,
    spread: preFilterPodTopologySpread(pod, affinity, tolerations, cluster),
    interPod: preFilterInterPodAffinity(pod, cluster),
  };
  return nodeNames ? { state, nodeNames, narrowedBy: [NODE_AFFINITY] } : { state };
}
