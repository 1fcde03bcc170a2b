// The DaemonSet controller's pod writes (syncNodes): creating a pinned pod per node in slow-start
// batches, deleting a pod, and the events of both (`Created pod: x`, `Deleted pod: x`).
import { isApiError } from '../../api/errors.js';
import type { DaemonSet, Pod } from '../../api/types.js';
import type { EventType } from '../../events/eventRecorder.js';
import type { Store } from '../../store/store.js';
import { slowStartBatch } from '../replicaset/slowStart.js';
import { daemonPod } from './daemonPod.js';
import type { DaemonView } from './daemonView.js';

export type Recorder = (type: EventType, reason: string, message: string) => void;

export interface PodWrites {
  store: Store;
  event: Recorder;
  /** API errors met so far (the sync is retried with back-off when there are any). */
  errors: string[];
  remove(pod: Pod): boolean;
}

/** Deletes a daemon pod; false when it was already gone or the delete failed. */
export function removeDaemonPod(store: Store, pod: Pod, event: Recorder, errors: string[]): boolean {
  try {
    store.delete('Pod', pod.metadata.namespace, pod.metadata.name!);
  } catch (e) {
    if (isApiError(e, 'NotFound')) return false;
    if (!isApiError(e)) throw e;
    event('Warning', 'FailedDelete', `Error deleting: ${e.message}`);
    errors.push(e.message);
    return false;
  }
  event('Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
  return true;
}

export interface CreateResult {
  created: string[];
  batches: number[];
  /** `slow start batches 1+2` plus any failure, for the decision. */
  summary: string;
}

/** Creates one pod per node (slow start); nodes not done are marked dirty for the next sync. */
export function createDaemonPods(w: PodWrites, ds: DaemonSet, hash: string, nodes: string[], view: DaemonView, touched: Set<string>): CreateResult {
  let i = 0;
  const created: string[] = [];
  const result = slowStartBatch(nodes.length, () => {
    const node = nodes[i++];
    touched.add(node);
    try {
      const pod = w.store.create(daemonPod(ds, node, hash));
      created.push(`${pod.metadata.name} → ${node}`);
      w.event('Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (e) {
      view.dirty.add(node);
      if (isApiError(e)) w.event('Warning', 'FailedCreate', `Error creating: ${e.message}`);
      throw e;
    }
  });
  for (const node of nodes.slice(i)) view.dirty.add(node);
  const firstError = result.errors[0];
  if (firstError !== undefined) {
    if (!isApiError(firstError)) throw firstError;
    w.errors.push(firstError.message);
  }
  const failure = firstError !== undefined ? `: ${result.errors.length} failed, ${result.skipped} not attempted: ${(firstError as Error).message}` : '';
  const shown = created.length <= 10 ? created.join(', ') : `${created.slice(0, 10).join(', ')} (+${created.length - 10} more)`;
  return { created, batches: result.batches, summary: `slow start batches ${result.batches.join('+')}${failure}: ${shown}` };
}
