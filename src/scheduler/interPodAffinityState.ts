// InterPodAffinity's PreFilter: per topology pair (`zone=a`), how many bound pods satisfy the
// incoming pod's required affinity, how many its anti-affinity, and how many existing pods' required
// anti-affinity terms reject the incoming pod. Pods come from the label index and the index of
// affinity terms, not from every node.
import type { Labels } from '../api/labels.js';
import type { ClusterView } from './clusterView.js';
import type { NodeInfo } from './nodeInfo.js';
import { matchesAllTerms, termMatches, type AffinityTerm, type PodInfo } from './podInfo.js';

export interface InterPodAffinityState {
  pod: PodInfo;
  namespaceLabels: (ns: string) => Labels;
  /** `key\0value` → count, entries removed at zero (topologyToMatchedTermCount). */
  existingAnti: Map<string, number>;
  affinity: Map<string, number>;
  anti: Map<string, number>;
}

export const pairKey = (key: string, value: string) => `${key}\0${value}`;

function bump(m: Map<string, number>, node: NodeInfo, key: string, delta: number): void {
  if (!Object.hasOwn(node.labels, key)) return;
  const k = pairKey(key, node.labels[key]);
  const next = (m.get(k) ?? 0) + delta;
  if (next === 0) m.delete(k);
  else m.set(k, next);
}

function nodeOf(p: PodInfo, cluster: ClusterView): NodeInfo | undefined {
  const name = p.pod.spec?.nodeName;
  return name ? cluster.nodeInfo(name) : undefined;
}

/** Existing pods' anti-affinity terms that the incoming pod matches, per topology pair. */
function addExistingAnti(s: InterPodAffinityState, existing: PodInfo, node: NodeInfo, delta: number): void {
  for (const t of existing.requiredAntiAffinity) if (termMatches(t, s.pod, s.namespaceLabels)) bump(s.existingAnti, node, t.topologyKey, delta);
}

function addIncoming(s: InterPodAffinityState, other: PodInfo, node: NodeInfo, delta: number): void {
  const terms = s.pod.requiredAffinity;
  if (terms.length && matchesAllTerms(terms, other, s.namespaceLabels)) for (const t of terms) bump(s.affinity, node, t.topologyKey, delta);
  for (const t of s.pod.requiredAntiAffinity) if (termMatches(t, other, s.namespaceLabels)) bump(s.anti, node, t.topologyKey, delta);
}

/** Undefined when there is nothing to check (the plugin's Skip). */
export function preFilterInterPodAffinity(pod: PodInfo, cluster: ClusterView): InterPodAffinityState | undefined {
  const s: InterPodAffinityState = {
    pod,
    namespaceLabels: (ns) => cluster.namespaceLabels(ns),
    existingAnti: new Map(),
    affinity: new Map(),
    anti: new Map(),
  };
  for (const existing of cluster.podsWithAntiAffinityTowards(pod.labels)) {
    const node = nodeOf(existing, cluster);
    if (node) addExistingAnti(s, existing, node, 1);
  }
  if (!s.existingAnti.size && !pod.requiredAffinity.length && !pod.requiredAntiAffinity.length) return undefined;

  const seen = new Set<PodInfo>();
  const visit = (terms: readonly AffinityTerm[], firstOnly: boolean) => {
    for (const t of firstOnly ? terms.slice(0, 1) : terms) {
      for (const other of cluster.podsMatching(t.selector)) {
        if (seen.has(other)) continue;
        seen.add(other);
        const node = nodeOf(other, cluster);
        if (node) addIncoming(s, other, node, 1);
      }
    }
  };
  // Every pod that can count for affinity matches the first term; for anti-affinity, some term.
  visit(pod.requiredAffinity, true);
  visit(pod.requiredAntiAffinity, false);
  return s;
}

export function cloneInterPodState(s: InterPodAffinityState): InterPodAffinityState {
  return { ...s, existingAnti: new Map(s.existingAnti), affinity: new Map(s.affinity), anti: new Map(s.anti) };
}

/** PreFilterExtensions AddPod/RemovePod. */
export function updateInterPodState(s: InterPodAffinityState, other: PodInfo, node: NodeInfo, delta: 1 | -1): void {
  addExistingAnti(s, other, node, delta);
  addIncoming(s, other, node, delta);
}
