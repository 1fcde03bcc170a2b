// InterPodAffinity (filter): the node's domain must hold a pod matching all required affinity terms
// (unless no such pod exists anywhere and the pod matches its own terms: the first of a group), no
// pod matching a required anti-affinity term, and no existing pod whose anti-affinity rejects this one.
import type { CycleState, Verdict } from './framework.js';
import { reject } from './framework.js';
import { pairKey } from './interPodAffinityState.js';
import type { NodeInfo } from './nodeInfo.js';
import { matchesAllTerms, type PodInfo } from './podInfo.js';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

export function filterInterPodAffinity(pod: PodInfo, node: NodeInfo, state: CycleState): Verdict {
  const s = state.interPod;
  if (!s) return undefined;
  const labels = node.labels;

  let podsExist = true;
  for (const t of pod.requiredAffinity) {
    if (!Object.hasOwn(labels, t.topologyKey)) return reject(INTER_POD_AFFINITY, 'UnschedulableAndUnresolvable', ERR_AFFINITY);
    if ((s.affinity.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
  }
  if (!podsExist && !(s.affinity.size === 0 && matchesAllTerms(pod.requiredAffinity, pod, s.namespaceLabels))) {
    return reject(INTER_POD_AFFINITY, 'UnschedulableAndUnresolvable', ERR_AFFINITY);
  }

  if (s.anti.size) {
    for (const t of pod.requiredAntiAffinity) {
      if (!Object.hasOwn(labels, t.topologyKey)) continue;
      if ((s.anti.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0) return reject(INTER_POD_AFFINITY, 'Unschedulable', ERR_ANTI_AFFINITY);
    }
  }

  if (s.existingAnti.size) {
    for (const key in labels) {
      if ((s.existingAnti.get(pairKey(key, labels[key])) ?? 0) > 0) return reject(INTER_POD_AFFINITY, 'Unschedulable', ERR_EXISTING_ANTI_AFFINITY);
    }
  }
  return undefined;
}
