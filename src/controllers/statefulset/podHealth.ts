// How the StatefulSet controller judges its pods (stateful_set_utils.go): Running and Ready,
// available after minReadySeconds, terminating, finished.
import type { Pod } from '../../api/types.js';
import { isPodAvailable, isPodReady } from '../replicaset/podState.js';

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
}

export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

/** isHealthy: Running, Ready and not on its way out. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

export function isFinished(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/** A short description of why a pod is not healthy, for the decision log. */
export function podStateText(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) {
    const node = pod.spec?.nodeName ? ` on ${pod.spec.nodeName}` : '';
    return `terminating${node} (grace period ends ${pod.metadata.deletionTimestamp.slice(11, 19)})`;
  }
  const phase = pod.status?.phase ?? 'Pending';
  if (phase !== 'Running') return phase === 'Pending' && !pod.spec?.nodeName ? 'Pending (not scheduled)' : phase;
  return isPodReady(pod) ? 'Running and Ready' : 'Running, not Ready';
}
