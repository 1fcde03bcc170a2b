// Which nodes a DaemonSet runs on (NodeShouldRunDaemonPod): the template's nodeName, nodeSelector and
// required node affinity must fit the node, and every NoSchedule/NoExecute taint must be tolerated by
// the template's tolerations plus the ones every daemon pod gets. A pod already running survives a
// new NoSchedule taint (shouldContinueRunning) but not an untolerated NoExecute one. Resources are
// the scheduler's business, not the controller's.
import type { DaemonSet, Node, Pod, Toleration } from '../../api/types.js';
import { requiredNodeAffinity, type RequiredNodeAffinity } from '../../scheduler/nodeAffinity.js';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  taintText,
  tolerates,
  type Taint,
} from '../nodeTaints.js';

/** AddOrUpdateDaemonPodTolerations: NoExecute ones have no tolerationSeconds, so they never evict. */
export function defaultDaemonTolerations(hostNetwork: boolean): Toleration[] {
  const out: Toleration[] = [
    { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) out.push({ key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
  return out;
}

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** The template's tolerations with the daemon defaults added (an identical one is replaced). */
export function withDaemonTolerations(tolerations: readonly Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const out = [...(tolerations ?? [])].map((t) => ({ ...t }));
  for (const d of defaultDaemonTolerations(hostNetwork)) {
    const at = out.findIndex((t) => sameToleration(t, d));
    if (at >= 0) out[at] = d;
    else out.push(d);
  }
  return out;
}

export interface NodeFit {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  /** Why not, in words (`untolerated taint dedicated=gpu:NoSchedule`), when shouldRun is false. */
  why?: string;
}

/** A DaemonSet's placement rules compiled once, then checked against each node. */
export class DaemonPlacement {
  private readonly affinity: RequiredNodeAffinity;
  private readonly tolerations: Toleration[];
  private readonly nodeName: string;

  constructor(ds: DaemonSet) {
    const spec = ds.spec?.template?.spec;
    this.nodeName = spec?.nodeName ?? '';
    this.tolerations = withDaemonTolerations(spec?.tolerations, !!spec?.hostNetwork);
    // Only nodeSelector and affinity matter to the match; the rest of the pod is irrelevant here.
    const probe = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [], nodeSelector: spec?.nodeSelector, affinity: spec?.affinity } } as Pod;
    this.affinity = requiredNodeAffinity(probe);
  }

  fit(node: Node): NodeFit {
    const name = node.metadata.name ?? '';
    if (this.nodeName && this.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false, why: `the template pins nodeName ${this.nodeName}` };
    if (!this.affinity.match(node)) return { shouldRun: false, shouldContinueRunning: false, why: 'nodeSelector / required node affinity does not match the node' };
    const taints = node.spec?.taints ?? [];
    const blocking = this.untolerated(taints, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    if (!blocking) return { shouldRun: true, shouldContinueRunning: true };
    const evicting = this.untolerated(taints, (t) => t.effect === 'NoExecute');
    return { shouldRun: false, shouldContinueRunning: !evicting, why: `untolerated taint ${taintText(blocking)}` };
  }

  private untolerated(taints: readonly Taint[], relevant: (t: Taint) => boolean): Taint | undefined {
    for (const taint of taints) {
      if (!relevant(taint)) continue;
      if (!this.tolerations.some((t) => tolerates(t, taint))) return taint;
    }
    return undefined;
  }
}

/** GetTargetNodeName: the node a daemon pod is for, bound or not (its `metadata.name In [node]` pin). */
export function targetNodeOf(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}
