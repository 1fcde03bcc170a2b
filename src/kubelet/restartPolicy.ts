// Which exited containers the kubelet starts again, and how it names a pod in its messages.
import type { Pod } from '../api/types.js';
import type { ContainerRecord, Termination } from './podState.js';

/** `web-x_default(uid)`, the kubelet's format.Pod. */
export function podRef(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

export function restartPolicy(pod: Pod): 'Always' | 'OnFailure' | 'Never' {
  return (pod.spec?.restartPolicy as 'Always' | 'OnFailure' | 'Never' | undefined) ?? 'Always';
}

/** Whether an exited container is started again: sidecars always, init containers until they succeed. */
export function willRestart(pod: Pod, rec: ContainerRecord, exitCode: number): boolean {
  const policy = restartPolicy(pod);
  if (rec.kind === 'sidecar') return true;
  if (rec.kind === 'init') return exitCode !== 0 && policy !== 'Never';
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return exitCode !== 0;
  return false;
}

/** Whether this ended instance is started again (a probe kill counts as a failure whatever its code). */
export function restartsAfter(pod: Pod, rec: ContainerRecord, t: Termination): boolean {
  return willRestart(pod, rec, t.probeKilled ? 1 : t.exitCode);
}
