// NodeAffinity score: the sum of the weights of the pod's preferred node affinity terms the node
// matches, scaled so the best node gets 100.
import type { PreferredTerm } from './nodeAffinity.js';
import { preferredNodeTerms } from './nodeAffinity.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { SKIP } from './framework.js';
import { defaultNormalizeScore } from './normalizeScore.js';

export const NODE_AFFINITY_SCORE = 'NodeAffinity';

export function preScoreNodeAffinity(pod: PodInfo): PreferredTerm[] | typeof SKIP {
  const terms = preferredNodeTerms(pod.pod);
  return terms.length ? terms : SKIP;
}

export function scoreNodeAffinity(_pod: PodInfo, node: NodeInfo, terms: readonly PreferredTerm[]): number {
  let sum = 0;
  for (const t of terms) if (t.match(node.node!)) sum += t.weight;
  return sum;
}

export function normalizeNodeAffinity(scores: number[]): void {
  defaultNormalizeScore(scores, false);
}
