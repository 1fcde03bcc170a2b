// Pod condition bookkeeping as podutil.UpdatePodCondition does it: change a condition only when its
// status, reason or message differ, and move lastTransitionTime only when the status flips.
import type { core } from '../api/types.js';

export interface ConditionChange {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

/** Applies the change to `status` (a draft); true when anything changed. */
export function applyCondition(status: core.PodStatus, change: ConditionChange, nowIso: string): boolean {
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === change.type);
  // lastProbeTime is a Go metav1.Time without a pointer: it serializes as null, as `kubectl get -o yaml` shows.
  const next: core.PodCondition = { type: change.type, status: change.status, lastProbeTime: null as unknown as string, lastTransitionTime: nowIso };
  if (change.reason) next.reason = change.reason;
  if (change.message) next.message = change.message;
  if (i < 0) {
    conditions.push(next);
    return true;
  }
  const cur = conditions[i];
  if (cur.status === change.status && (cur.reason ?? '') === (change.reason ?? '') && (cur.message ?? '') === (change.message ?? '')) return false;
  if (cur.status === change.status && cur.lastTransitionTime) next.lastTransitionTime = cur.lastTransitionTime;
  conditions[i] = next;
  return true;
}

export function hasCondition(status: core.PodStatus | undefined, type: string, value = 'True'): boolean {
  return (status?.conditions ?? []).some((c) => c.type === type && c.status === value);
}
