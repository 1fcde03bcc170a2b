// Pod predicates the workload controllers share: active, ready, available (with minReadySeconds).
import type { Pod } from '../../api/types.js';

/** Counted by ReplicaSets and Deployments: not Succeeded/Failed and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod last became Ready (epoch ms), or undefined when it is not Ready or the time is unknown. */
export function podReadySince(pod: Pod): number | undefined {
  const c = readyCondition(pod);
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  const t = Date.parse(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

/** IsPodAvailable: Ready, and Ready for longer than minReadySeconds (strictly: readyTime + min < now). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/** The first instant a Ready pod counts as available, for requeueing; undefined when it never will by waiting. */
export function availableFrom(pod: Pod, minReadySeconds: number): number | undefined {
  const since = podReadySince(pod);
  if (since === undefined) return undefined;
  return since + minReadySeconds * 1000 + 1;
}
