// The default-scheduler profile: filter plugins in the order kube-scheduler runs them, and score
// plugins with their default weights (TaintToleration 3, NodeAffinity 2, NodeResourcesFit 1,
// PodTopologySpread 2, InterPodAffinity 2, NodeResourcesBalancedAllocation 1, ImageLocality 1).
import type { FilterPlugin, ScorePlugin } from './framework.js';
import { filterInterPodAffinity, INTER_POD_AFFINITY } from './filterInterPodAffinity.js';
import { filterNodeAffinity, NODE_AFFINITY } from './filterNodeAffinity.js';
import { filterNodeName, NODE_NAME } from './filterNodeName.js';
import { filterNodePorts, NODE_PORTS } from './filterNodePorts.js';
import { filterNodeResourcesFit, NODE_RESOURCES_FIT } from './filterNodeResourcesFit.js';
import { filterNodeUnschedulable, NODE_UNSCHEDULABLE } from './filterNodeUnschedulable.js';
import { filterPodTopologySpread, POD_TOPOLOGY_SPREAD } from './filterPodTopologySpread.js';
import { filterTaintToleration, TAINT_TOLERATION } from './filterTaintToleration.js';
import { filterVolumeBinding } from './filterVolumeBinding.js';
import { filterVolumeRestrictions, VOLUME_RESTRICTIONS } from './filterVolumeRestrictions.js';
import { BALANCED_ALLOCATION, preScoreBalancedAllocation, scoreBalancedAllocation } from './scoreBalancedAllocation.js';
import { IMAGE_LOCALITY, preScoreImageLocality, scoreImageLocalityNodes } from './scoreImageLocality.js';
import { INTER_POD_AFFINITY_SCORE, normalizeInterPodAffinity, preScoreInterPodAffinity, scoreInterPodAffinity } from './scoreInterPodAffinity.js';
import { NODE_RESOURCES_FIT_SCORE, scoreLeastAllocated } from './scoreLeastAllocated.js';
import { NODE_AFFINITY_SCORE, normalizeNodeAffinity, preScoreNodeAffinity, scoreNodeAffinity } from './scoreNodeAffinity.js';
import { normalizePodTopologySpread, POD_TOPOLOGY_SPREAD_SCORE, preScorePodTopologySpread, scorePodTopologySpreadNodes } from './scorePodTopologySpread.js';
import { normalizeTaintToleration, preScoreTaintToleration, scoreTaintToleration, TAINT_TOLERATION_SCORE } from './scoreTaintToleration.js';
import { VOLUME_BINDING } from './volumeBindingState.js';

export const FILTERS: readonly FilterPlugin[] = [
  { name: NODE_UNSCHEDULABLE, filter: filterNodeUnschedulable },
  { name: NODE_NAME, filter: filterNodeName, skip: (pod) => !pod.pod.spec?.nodeName },
  { name: TAINT_TOLERATION, filter: filterTaintToleration },
  { name: NODE_AFFINITY, filter: filterNodeAffinity, skip: (_pod, state) => !state.nodeAffinity.constrains },
  { name: NODE_PORTS, filter: filterNodePorts, skip: (pod) => pod.hostPorts.length === 0 },
  { name: NODE_RESOURCES_FIT, filter: filterNodeResourcesFit },
  { name: VOLUME_RESTRICTIONS, filter: filterVolumeRestrictions, skip: (pod, state) => pod.disks.length === 0 && !state.rwop },
  { name: VOLUME_BINDING, filter: filterVolumeBinding },
  { name: POD_TOPOLOGY_SPREAD, filter: filterPodTopologySpread, skip: (_pod, state) => !state.spread },
  { name: INTER_POD_AFFINITY, filter: filterInterPodAffinity, skip: (_pod, state) => !state.interPod },
];

export const FILTER_NAMES: readonly string[] = FILTERS.map((f) => f.name);

// Each plugin keeps its own prepared type; the list erases it.
function plugin<P>(p: ScorePlugin<P>): ScorePlugin<unknown> {
  return p as ScorePlugin<unknown>;
}

export const SCORES: readonly ScorePlugin<unknown>[] = [
  plugin({
    name: TAINT_TOLERATION_SCORE,
    weight: 3,
    preScore: (pod) => preScoreTaintToleration(pod),
    scoreNodes: (pod, nodes, tolerations, out) => {
      for (let i = 0; i < nodes.length; i++) out[i] = scoreTaintToleration(pod, nodes[i], tolerations);
    },
    normalize: (scores) => normalizeTaintToleration(scores),
  }),
  plugin({
    name: NODE_AFFINITY_SCORE,
    weight: 2,
    preScore: (pod) => preScoreNodeAffinity(pod),
    scoreNodes: (pod, nodes, terms, out) => {
      for (let i = 0; i < nodes.length; i++) out[i] = scoreNodeAffinity(pod, nodes[i], terms);
    },
    normalize: (scores) => normalizeNodeAffinity(scores),
  }),
  plugin({
    name: NODE_RESOURCES_FIT_SCORE,
    weight: 1,
    preScore: () => true,
    scoreNodes: (pod, nodes, _prepared, out) => {
      for (let i = 0; i < nodes.length; i++) out[i] = scoreLeastAllocated(pod, nodes[i]);
    },
  }),
  plugin({
    name: POD_TOPOLOGY_SPREAD_SCORE,
    weight: 2,
    preScore: preScorePodTopologySpread,
    scoreNodes: scorePodTopologySpreadNodes,
    normalize: normalizePodTopologySpread,
  }),
  plugin({
    name: INTER_POD_AFFINITY_SCORE,
    weight: 2,
    preScore: (pod, _feasible, _state, cluster) => preScoreInterPodAffinity(pod, cluster),
    scoreNodes: (pod, nodes, scores, out) => {
      for (let i = 0; i < nodes.length; i++) out[i] = scoreInterPodAffinity(pod, nodes[i], scores);
    },
    normalize: (scores) => normalizeInterPodAffinity(scores),
  }),
  plugin({
    name: BALANCED_ALLOCATION,
    weight: 1,
    preScore: (pod) => preScoreBalancedAllocation(pod),
    scoreNodes: (pod, nodes, _prepared, out) => {
      for (let i = 0; i < nodes.length; i++) out[i] = scoreBalancedAllocation(pod, nodes[i]);
    },
  }),
  plugin({
    name: IMAGE_LOCALITY,
    weight: 1,
    preScore: (pod, _feasible, _state, cluster) => preScoreImageLocality(pod, cluster.nodeCount, (image) => cluster.imageNodeCount(image)),
    scoreNodes: scoreImageLocalityNodes,
  }),
];
