// Filtering: run the filter plugins on a node (stopping at the first that says no, as the framework
// does), count nominated pods of equal or higher priority as already there, and walk the nodes from a
// rotating start until numFeasibleNodesToFind nodes fit.
import type { ClusterView } from './clusterView.js';
import { cloneCycleState, updateCycleState } from './cycleState.js';
import type { CycleState, FilterPlugin, Rejection, Verdict } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { FILTERS } from './profile.js';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/** numFeasibleNodesToFind with the adaptive percentage (percentageOfNodesToScore 0). */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct === 0) {
    pct = 50 - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE) pct = MIN_FEASIBLE_NODES_PERCENTAGE;
  }
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** The filters an attempt runs: those whose PreFilter did not skip them for this pod. */
export function filtersFor(pod: PodInfo, state: CycleState): readonly FilterPlugin[] {
  return FILTERS.filter((f) => !f.skip?.(pod, state));
}

export function runFilters(pod: PodInfo, node: NodeInfo, state: CycleState, filters: readonly FilterPlugin[] = FILTERS): Verdict {
  for (let i = 0; i < filters.length; i++) {
    const verdict = filters[i].filter(pod, node, state);
    if (verdict) return verdict;
  }
  return undefined;
}

/**
 * RunFilterPluginsWithNominatedPods: first with the node's nominated pods of at least this priority
 * added; if that passes and any were added, again without them (they might not land after all).
 */
export function runFiltersWithNominated(pod: PodInfo, node: NodeInfo, state: CycleState, cluster: ClusterView, filters: readonly FilterPlugin[] = FILTERS): Verdict {
  const nominated: PodInfo[] = [];
  for (const p of cluster.nominatedPods(node.name)) if (p.uid !== pod.uid && p.priority >= pod.priority) nominated.push(p);
  if (nominated.length) {
    const withThem = node.clone();
    const s = cloneCycleState(state);
    for (const p of nominated) {
      withThem.addPod(p);
      updateCycleState(s, p, withThem, 1);
    }
    const verdict = runFilters(pod, withThem, s, filters);
    if (verdict) return verdict;
  }
  return runFilters(pod, node, state, filters);
}

export interface FilterPass {
  feasible: NodeInfo[];
  /** Rejected nodes in the order examined. */
  rejected: Array<{ node: NodeInfo; rejection: Rejection }>;
  examined: number;
  target: number;
  startIndex: number;
  /** Where the next attempt starts. */
  nextStart: number;
}

export function findFeasibleNodes(pod: PodInfo, nodes: readonly NodeInfo[], state: CycleState, cluster: ClusterView, start: number): FilterPass {
  const total = nodes.length;
  const target = numFeasibleNodesToFind(total);
  const startIndex = total ? start % total : 0;
  const feasible: NodeInfo[] = [];
  const rejected: FilterPass['rejected'] = [];
  let examined = 0;
  const filters = filtersFor(pod, state);
  // Most attempts happen while no pod is nominated anywhere: no per-node lookup then.
  const nominations = cluster.nominatedPodCount > 0;
  while (examined < total && feasible.length < target) {
    const node = nodes[(startIndex + examined) % total];
    examined++;
    const verdict = nominations ? runFiltersWithNominated(pod, node, state, cluster, filters) : runFilters(pod, node, state, filters);
    if (verdict) rejected.push({ node, rejection: verdict });
    else feasible.push(node);
  }
  return { feasible, rejected, examined, target, startIndex, nextStart: total ? (startIndex + examined) % total : 0 };
}
