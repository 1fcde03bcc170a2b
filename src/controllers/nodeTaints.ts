// Taints, tolerations and node conditions as the node-side controllers read them: the well-known
// taint keys, the toleration matching rule (v1.Toleration.ToleratesTaint) and small condition lookups.
import type { core, Node } from '../api/types.js';

export type Taint = core.Taint;
export type Toleration = core.Toleration;
export type NodeCondition = core.NodeCondition;

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** Condition type → status → the NoSchedule taint the node lifecycle controller keeps in step with it. */
export const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
};

/** Every NoSchedule taint key the node lifecycle controller owns (and may therefore remove). */
export const CONTROLLER_NOSCHEDULE_KEYS: ReadonlySet<string> = new Set([
  ...Object.values(CONDITION_TAINTS).flatMap((byStatus) => Object.values(byStatus)),
  TAINT_UNSCHEDULABLE,
]);

/** `node.kubernetes.io/unreachable:NoExecute` (with `=value` when there is one), as kubectl prints taints. */
export function taintText(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

export function hasTaint(node: Node, key: string, effect?: string): boolean {
  return (node.spec?.taints ?? []).some((t) => t.key === key && (effect === undefined || t.effect === effect));
}

export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** v1.Toleration.ToleratesTaint: effect (empty = all), key (empty = all; validation pairs it with Exists), then operator. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '': // an empty operator means Equal
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export interface TaintMatch {
  taint: Taint;
  /** The first toleration that tolerates the taint (as GetMatchingTolerations takes it). */
  toleration: Toleration;
}

/** Whether every taint is tolerated, and by which toleration; `untolerated` names the first that is not. */
export function matchTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): { all: true; matches: TaintMatch[] } | { all: false; untolerated: Taint } {
  const matches: TaintMatch[] = [];
  for (const taint of taints) {
    const toleration = (tolerations ?? []).find((t) => tolerates(t, taint));
    if (!toleration) return { all: false, untolerated: taint };
    matches.push({ taint, toleration });
  }
  return { all: true, matches };
}

export function nodeCondition(node: Node | undefined, type: string): NodeCondition | undefined {
  return node?.status?.conditions?.find((c) => c.type === type);
}

/** The Ready condition's status, or `Unknown` when the kubelet never posted one. */
export function readyStatus(node: Node | undefined): string {
  return nodeCondition(node, 'Ready')?.status ?? 'Unknown';
}

/** `topology.kubernetes.io/region` and `zone` as one key (nodetopology.GetZoneKey), '' when unset. */
export function zoneOf(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  if (!region && !zone) return '';
  return region ? `${region}/${zone}` : zone;
}

/** `12:00:50`: the clock time of a simulated instant, for decisions a learner reads. */
export function clockTime(iso: string): string {
  return iso.slice(11, 19);
}
