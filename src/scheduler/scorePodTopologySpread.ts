// PodTopologySpread score, for ScheduleAnyway constraints (the pod's own, or the system defaults for
// pods behind a Service/RC/RS/StatefulSet: hostname maxSkew 3, zone maxSkew 5):
// raw = Σ matchingPodsInNodesDomain × log(domainCount + 2) + (maxSkew − 1), rounded; fewer is better,
// normalised as 100 × (max + min − raw) / max; nodes lacking a required label score 0.
import { isEmpty } from '../api/labels.js';
import type { ClusterView } from './clusterView.js';
import { SKIP, type CycleState } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { MAX_NODE_SCORE } from './framework.js';
import { hasAllKeys, nodeIncluded, spreadConstraintsOf, type SpreadConstraint } from './topologySpreadConstraints.js';

export const POD_TOPOLOGY_SPREAD_SCORE = 'PodTopologySpread';
export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEY = 'topology.kubernetes.io/zone';

export interface SpreadScoreState {
  constraints: SpreadConstraint[];
  /** Nodes missing a required topology label: scored 0. */
  ignored: Set<string>;
  /** Per constraint: domain value → matching pods (only domains of scored nodes). */
  pairCounts: Map<string, number>[];
  /** Matching pods per node, for hostname constraints (keyed by the cache's NodeInfo: no string hashing per node). */
  perNode: Map<NodeInfo, number>[];
  weights: number[];
  /** The constraints, in order, whose key some scored node has: the others add nothing to any node. */
  scored: number[];
}

/** The system default constraints, applied when the pod has none of its own. */
export function systemDefaultConstraints(pod: PodInfo, cluster: ClusterView): SpreadConstraint[] {
  const selector = cluster.defaultSpreadSelector(pod);
  if (!selector || isEmpty(selector) || selector.matchesNothing) return [];
  const base = { selector, minDomains: 1, honorNodeAffinity: true, honorTaints: false };
  return [
    { ...base, maxSkew: 3, topologyKey: HOSTNAME_KEY },
    { ...base, maxSkew: 5, topologyKey: ZONE_KEY },
  ];
}

export function preScorePodTopologySpread(
  pod: PodInfo,
  feasible: readonly NodeInfo[],
  state: CycleState,
  cluster: ClusterView,
): SpreadScoreState | typeof SKIP {
  const own = (pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
  const constraints = own ? spreadConstraintsOf(pod, 'ScheduleAnyway') : systemDefaultConstraints(pod, cluster);
  if (!constraints.length || !feasible.length) return SKIP;
  // Only the pod's own constraints insist on every key; system defaults let zone-less nodes still spread by host.
  const requireAll = own;
  const s: SpreadScoreState = {
    constraints,
    ignored: new Set(),
    pairCounts: constraints.map(() => new Map()),
    perNode: constraints.map(() => new Map()),
    weights: [],
    scored: [],
  };
  const sizes = constraints.map(() => 0);
  // Whether any scored node has the constraint's key: a node without it scores nothing for it, so
  // when none has it the matching pods need not be counted (the zone default on a zone-less cluster).
  const keyed = constraints.map(() => false);
  // The domain constraints whose values the scored nodes must be asked for. When no node in the
  // cluster carries the key (and nodes without it are not ignored), every scored node is in the one
  // domain '' without asking.
  const walk: number[] = [];
  for (let i = 0; i < constraints.length; i++) {
    const key = constraints[i].topologyKey;
    if (key === HOSTNAME_KEY) continue;
    if (!requireAll && !cluster.nodeDomains(key)) {
      s.pairCounts[i].set('', 0);
      sizes[i] = 1;
    } else walk.push(i);
  }
  // Plain loops here and below: this runs on every feasible node of every attempt.
  if (requireAll || walk.length) {
    for (const node of feasible) {
      if (requireAll && !hasAllKeys(node.labels, constraints)) {
        s.ignored.add(node.name);
        continue;
      }
      for (let w = 0; w < walk.length; w++) {
        const i = walk[w];
        const key = constraints[i].topologyKey;
        if (Object.hasOwn(node.labels, key)) keyed[i] = true;
        const v = node.labels[key] ?? '';
        if (!s.pairCounts[i].has(v)) {
          s.pairCounts[i].set(v, 0);
          sizes[i]++;
        }
      }
    }
  }
  s.weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME_KEY ? feasible.length - s.ignored.size : sizes[i]) + 2));

  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i];
    const byHost = c.topologyKey === HOSTNAME_KEY;
    if (!byHost && !keyed[i]) continue;
    s.scored.push(i);
    // countPodsMatchSelector: an empty selector counts no pod; others count the pods of the
    // namespace that are not terminating and match.
    if (isEmpty(c.selector)) continue;
    const perNode = s.perNode[i];
    // The replicas of a template share one (interned) labels object: match it once.
    let lastLabels: PodInfo['labels'] | undefined;
    let lastMatch = false;
    for (const other of cluster.podsMatching(c.selector)) {
      if (other.terminating || other.namespace !== pod.namespace) continue;
      if (other.labels !== lastLabels) {
        lastLabels = other.labels;
        lastMatch = c.selector.matches(other.labels);
      }
      if (!lastMatch) continue;
      // A pod on a node the cache no longer has counts for no scored node.
      const node = cluster.nodeInfo(other.nodeName!);
      if (!node) continue;
      if (byHost) {
        perNode.set(node, (perNode.get(node) ?? 0) + 1);
        continue;
      }
      if (requireAll && !hasAllKeys(node.labels, constraints)) continue;
      if (!nodeIncluded(c, node, state.nodeAffinity, state.tolerations)) continue;
      const v = node.labels[c.topologyKey] ?? '';
      const n = s.pairCounts[i].get(v);
      if (n !== undefined) s.pairCounts[i].set(v, n + 1);
    }
  }
  return s;
}

export function scorePodTopologySpread(_pod: PodInfo, node: NodeInfo, s: SpreadScoreState): number {
  if (s.ignored.size && s.ignored.has(node.name)) return 0;
  let score = 0;
  for (let k = 0; k < s.scored.length; k++) {
    const i = s.scored[k];
    const c = s.constraints[i];
    if (!Object.hasOwn(node.labels, c.topologyKey)) continue;
    const count = c.topologyKey === HOSTNAME_KEY ? (s.perNode[i].get(node) ?? 0) : (s.pairCounts[i].get(node.labels[c.topologyKey]) ?? 0);
    score += count * s.weights[i] + (c.maxSkew - 1);
  }
  return Math.round(score);
}

export function scorePodTopologySpreadNodes(pod: PodInfo, nodes: readonly NodeInfo[], s: SpreadScoreState, out: number[]): void {
  if (s.scored.length === 1 && s.ignored.size === 0) {
    // The usual case (the hostname default on a zone-less cluster): one constraint, the same sum as
    // scorePodTopologySpread with the constraint's numbers read once, not once per node.
    const i = s.scored[0];
    const key = s.constraints[i].topologyKey;
    const byHost = key === HOSTNAME_KEY;
    const perNode = s.perNode[i];
    const pairs = s.pairCounts[i];
    const none = (byHost ? perNode.size : pairs.size) === 0;
    const weight = s.weights[i];
    const skew = s.constraints[i].maxSkew - 1;
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n];
      const labels = node.labels;
      if (!Object.hasOwn(labels, key)) {
        out[n] = 0;
        continue;
      }
      const count = none ? 0 : ((byHost ? perNode.get(node) : pairs.get(labels[key])) ?? 0);
      out[n] = Math.round(count * weight + skew);
    }
    return;
  }
  for (let i = 0; i < nodes.length; i++) out[i] = scorePodTopologySpread(pod, nodes[i], s);
}

export function normalizePodTopologySpread(scores: number[], nodes: readonly NodeInfo[], s: SpreadScoreState): void {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  const anyIgnored = s.ignored.size > 0;
  for (let i = 0; i < scores.length; i++) {
    if (anyIgnored && s.ignored.has(nodes[i].name)) continue;
    const v = scores[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < scores.length; i++) {
    if (anyIgnored && s.ignored.has(nodes[i].name)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}
