// kubectl delete: background propagation (the owner goes now, the garbage collector takes its
// dependents), the pod's own grace period unless told otherwise, and kubectl's output line.
import type { Store } from '../store/store.js';
import { kubectlQuoted } from './names.js';

export interface DeleteRequest {
  /** Seconds the pod's containers get to stop; unset = the pod's terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
  /** `--grace-period=0 --force`: the object is removed at once, without waiting for its kubelet. */
  force?: boolean;
}

/** Returns `deployment.apps "web" deleted` (or `pod "web-x" force deleted`); throws ApiError (404, 403 ...). */
export function deleteObject(store: Store, kind: string, namespace: string | undefined, name: string, request: DeleteRequest = {}): string {
  const grace = request.force ? 0 : request.gracePeriodSeconds;
  store.delete(kind, namespace, name, { propagationPolicy: 'Background', ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}) });
  return `${kubectlQuoted(kind, name)} ${request.force ? 'force deleted' : 'deleted'}`;
}

/** What the confirmation asks before a delete, naming the object as kubectl would. */
export function deleteQuestion(kind: string, namespace: string | undefined, name: string, force = false): string {
  const where = namespace ? ` in namespace ${namespace}` : '';
  return force ? `Kill ${kubectlQuoted(kind, name)}${where} now (grace period 0)?` : `Delete ${kubectlQuoted(kind, name)}${where}?`;
}
