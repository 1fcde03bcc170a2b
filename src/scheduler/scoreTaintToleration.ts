// TaintToleration score: count the node's PreferNoSchedule taints the pod does not tolerate; fewer is
// better, so the counts are normalized reversed (no such taints anywhere: 100 for every node).
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { defaultNormalizeScore } from './normalizeScore.js';
import { toleratesAny, type Toleration } from './taints.js';

export const TAINT_TOLERATION_SCORE = 'TaintToleration';

/** Only tolerations that can cover PreferNoSchedule taints matter here. */
export function preScoreTaintToleration(pod: PodInfo): Toleration[] {
  return (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

export function scoreTaintToleration(_pod: PodInfo, node: NodeInfo, tolerations: readonly Toleration[]): number {
  let n = 0;
  for (const taint of node.taints) if (taint.effect === 'PreferNoSchedule' && !toleratesAny(tolerations, taint)) n++;
  return n;
}

export function normalizeTaintToleration(scores: number[]): void {
  defaultNormalizeScore(scores, true);
}
