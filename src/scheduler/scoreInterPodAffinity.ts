// InterPodAffinity score: per topology pair, + weight for each bound pod matching one of the pod's
// preferred affinity terms, − weight for its preferred anti-affinity terms, and the symmetric terms of
// existing pods towards this pod (their required affinity at weight 1, their preferred terms at their
// weights). A node scores the sum for its pairs; normalised as 100 × (s − min) / (max − min).
import type { ClusterView } from './clusterView.js';
import { SKIP } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import { termMatches, type AffinityTerm, type PodInfo } from './podInfo.js';
import { MAX_NODE_SCORE } from './framework.js';

export const INTER_POD_AFFINITY_SCORE = 'InterPodAffinity';
/** KubeSchedulerConfiguration's hardPodAffinityWeight default. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** topology key → value → score. */
export type TopologyScore = Map<string, Map<string, number>>;

function add(scores: TopologyScore, node: NodeInfo, key: string, delta: number): void {
  if (!delta || !Object.hasOwn(node.labels, key)) return;
  let values = scores.get(key);
  if (!values) scores.set(key, (values = new Map()));
  const v = node.labels[key];
  values.set(v, (values.get(v) ?? 0) + delta);
}

export function preScoreInterPodAffinity(pod: PodInfo, cluster: ClusterView): TopologyScore | typeof SKIP {
  const scores: TopologyScore = new Map();
  const nsLabels = (ns: string) => cluster.namespaceLabels(ns);
  const nodeOf = (p: PodInfo) => (p.pod.spec?.nodeName ? cluster.nodeInfo(p.pod.spec.nodeName) : undefined);

  // The pod's own preferred terms against every bound pod they can match.
  const incoming = (terms: readonly (AffinityTerm & { weight: number })[], sign: 1 | -1) => {
    for (const t of terms) {
      for (const other of cluster.podsMatching(t.selector)) {
        if (other.uid === pod.uid || !termMatches(t, other, nsLabels)) continue;
        const node = nodeOf(other);
        if (node) add(scores, node, t.topologyKey, sign * t.weight);
      }
    }
  };
  incoming(pod.preferredAffinity, 1);
  incoming(pod.preferredAntiAffinity, -1);

  // Existing pods' terms towards this pod.
  for (const existing of cluster.podsWithAffinityTowards(pod.labels)) {
    if (existing.uid === pod.uid) continue;
    const node = nodeOf(existing);
    if (!node) continue;
    for (const t of existing.requiredAffinity) if (termMatches(t, pod, nsLabels)) add(scores, node, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
    for (const t of existing.preferredAffinity) if (termMatches(t, pod, nsLabels)) add(scores, node, t.topologyKey, t.weight);
    for (const t of existing.preferredAntiAffinity) if (termMatches(t, pod, nsLabels)) add(scores, node, t.topologyKey, -t.weight);
  }
  return scores.size ? scores : SKIP;
}

export function scoreInterPodAffinity(_pod: PodInfo, node: NodeInfo, scores: TopologyScore): number {
  let sum = 0;
  for (const [key, values] of scores) {
    if (Object.hasOwn(node.labels, key)) sum += values.get(node.labels[key]) ?? 0;
  }
  return sum;
}

export function normalizeInterPodAffinity(scores: number[]): void {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
}
