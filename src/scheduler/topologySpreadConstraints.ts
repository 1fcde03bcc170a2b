// A pod's topologySpreadConstraints, parsed: selector (with matchLabelKeys folded in), maxSkew,
// minDomains and the node inclusion policies (nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore by
// default), plus the eligibility rule both the filter and the score use.
import { isEmpty, type Selector } from '../api/labels.js';
import type { core, LabelSelector } from '../api/types.js';
import type { RequiredNodeAffinity } from './nodeAffinity.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { LabelSelectorError, nothing, selectorFromLabelSelector } from '../api/labels.js';
import { firstUntoleratedTaint, type Toleration } from './taints.js';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorTaints: boolean;
}

function constraintSelector(c: core.TopologySpreadConstraint, labels: Readonly<Record<string, string>>): Selector {
  const extra: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const key of c.matchLabelKeys ?? []) if (Object.hasOwn(labels, key)) extra.push({ key, operator: 'In', values: [labels[key]] });
  const base = c.labelSelector;
  const merged = extra.length && base ? { ...base, matchExpressions: [...(base.matchExpressions ?? []), ...extra] } : base;
  try {
    return selectorFromLabelSelector(merged);
  } catch (e) {
    if (e instanceof LabelSelectorError) return nothing();
    throw e;
  }
}

/** The pod's own constraints with the given whenUnsatisfiable (DoNotSchedule for the filter). */
export function spreadConstraintsOf(pod: PodInfo, when: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  return (pod.pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === when)
    .map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: constraintSelector(c, pod.labels),
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    }));
}

export function hasAllKeys(labels: Readonly<Record<string, string>>, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}

const blocks = (t: core.Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** matchNodeInclusionPolicies: whether the node's domain counts for this constraint. */
export function nodeIncluded(c: SpreadConstraint, node: NodeInfo, affinity: RequiredNodeAffinity, tolerations: readonly Toleration[]): boolean {
  if (c.honorNodeAffinity && affinity.constrains && !affinity.match(node.node!)) return false;
  if (c.honorTaints && firstUntoleratedTaint(node.taints, tolerations, blocks)) return false;
  return true;
}

/** countPodsMatchSelector for one pod: same namespace, not terminating, selector matches. */
export function countsFor(c: SpreadConstraint, other: PodInfo, namespace: string): boolean {
  if (isEmpty(c.selector)) return false;
  return !other.terminating && other.namespace === namespace && c.selector.matches(other.labels);
}
