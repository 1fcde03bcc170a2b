// PodTopologySpread's PreFilter: for each DoNotSchedule constraint, how many matching pods each
// eligible domain holds, how many eligible domains exist, and the global minimum. Matching pods come
// from the label index, and domains from the node-label index when no policy narrows them, so the
// work follows the matching pods rather than the cluster's size.
import type { ClusterView } from './clusterView.js';
import type { RequiredNodeAffinity } from './nodeAffinity.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import type { Toleration } from './taints.js';
import { countsFor, hasAllKeys, nodeIncluded, spreadConstraintsOf, type SpreadConstraint } from './topologySpreadConstraints.js';

export interface SpreadFilterState {
  constraints: SpreadConstraint[];
  namespace: string;
  affinity: RequiredNodeAffinity;
  tolerations: readonly Toleration[];
  /** Per constraint: domain value → matching pods (domains with none may be absent). */
  counts: Map<string, number>[];
  /** Per constraint: how many eligible domains exist. */
  domains: number[];
  /** Per constraint: the smallest count over eligible domains (Infinity when there are none). */
  minMatch: number[];
}

function minOf(counts: Map<string, number>, domains: number): number {
  if (domains === 0) return Number.POSITIVE_INFINITY;
  if (counts.size < domains) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const n of counts.values()) if (n < min) min = n;
  return min;
}

function eligible(s: Pick<SpreadFilterState, 'constraints' | 'affinity' | 'tolerations'>, c: SpreadConstraint, node: NodeInfo): boolean {
  return hasAllKeys(node.labels, s.constraints) && nodeIncluded(c, node, s.affinity, s.tolerations);
}

export function preFilterPodTopologySpread(
  pod: PodInfo,
  affinity: RequiredNodeAffinity,
  tolerations: readonly Toleration[],
  cluster: ClusterView,
): SpreadFilterState | undefined {
  const constraints = spreadConstraintsOf(pod, 'DoNotSchedule');
  if (!constraints.length) return undefined;
  const s: SpreadFilterState = { constraints, namespace: pod.namespace, affinity, tolerations, counts: [], domains: [], minMatch: [] };

  // Eligible domains: straight from the node-label index when nothing but the key decides.
  const keys = new Set(constraints.map((c) => c.topologyKey));
  const policyFree = constraints.every((c) => !c.honorTaints && !(c.honorNodeAffinity && affinity.constrains));
  if (keys.size === 1 && policyFree) {
    const size = cluster.nodeDomains(constraints[0].topologyKey)?.size ?? 0;
    for (let i = 0; i < constraints.length; i++) s.domains.push(size);
  } else {
    const seen = constraints.map(() => new Set<string>());
    for (const node of cluster.nodeList()) {
      if (!hasAllKeys(node.labels, constraints)) continue;
      constraints.forEach((c, i) => {
        if (nodeIncluded(c, node, affinity, tolerations)) seen[i].add(node.labels[c.topologyKey]);
      });
    }
    for (const set of seen) s.domains.push(set.size);
  }

  constraints.forEach((c, i) => {
    const counts = new Map<string, number>();
    for (const other of cluster.podsMatching(c.selector)) {
      if (!countsFor(c, other, pod.namespace)) continue;
      const node = cluster.nodeInfo(other.pod.spec!.nodeName!);
      if (!node || !eligible(s, c, node)) continue;
      const v = node.labels[c.topologyKey];
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    s.counts.push(counts);
    s.minMatch.push(minOf(counts, s.domains[i]));
  });
  return s;
}

export function cloneSpreadState(s: SpreadFilterState): SpreadFilterState {
  return { ...s, counts: s.counts.map((m) => new Map(m)), minMatch: [...s.minMatch] };
}

/** PreFilterExtensions AddPod/RemovePod: another pod appears on or leaves a node (preemption, nominations). */
export function updateSpreadState(s: SpreadFilterState, other: PodInfo, node: NodeInfo, delta: 1 | -1): void {
  if (other.namespace !== s.namespace) return;
  s.constraints.forEach((c, i) => {
    if (!c.selector.matches(other.labels) || !eligible(s, c, node)) return;
    const v = node.labels[c.topologyKey];
    const next = (s.counts[i].get(v) ?? 0) + delta;
    s.counts[i].set(v, next);
    s.minMatch[i] = minOf(s.counts[i], s.domains[i]);
  });
}

/** The global minimum, treated as 0 while fewer than minDomains domains are eligible. */
export function globalMin(s: SpreadFilterState, i: number): number {
  return s.domains[i] < s.constraints[i].minDomains ? 0 : s.minMatch[i];
}
