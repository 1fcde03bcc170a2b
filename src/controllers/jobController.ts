// The Job controller (pkg/controller/job), component `job-controller`: runs pods until enough have
// succeeded, counts each finished pod exactly once (through the batch.kubernetes.io/job-tracking
// finalizer), fails the Job on backoffLimit, activeDeadlineSeconds or a podFailurePolicy rule,
// suspends and resumes. The sync itself is in job/syncJob.ts.
import { isApiError } from '../api/errors.js';
import { selectorFromLabelSelector, type Selector } from '../api/labels.js';
import { controllerOf, type KObject, type OwnerReference } from '../api/object.js';
import type { Job, Pod } from '../api/types.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { isJobFinished } from './job/conditions.js';
import { CONTROLLER_UID_LABEL, hasTrackingFinalizer, JOB_TRACKING_FINALIZER } from './job/jobPods.js';
import { PodFailureBackoffStore } from './job/podFailureBackoff.js';
import { syncJob } from './job/syncJob.js';
import { claimObjects, resolveControllerRef } from './replicaset/controllerRef.js';
import { isStatusOnlyChange } from './replicaset/replicaManager.js';
import { DecisionMemory } from './shared/decisionMemory.js';

/** syncJobBatchPeriod: pod changes reach the Job's sync at most once a second. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
/** Work-queue keys of orphan pods whose tracking finalizer must come off. */
const ORPHAN_PREFIX = 'orphan-pod:';

/** The Job's selector: its own, or the controller-uid label the apiserver would have generated. */
export function jobSelector(job: Job): Selector {
  try {
    if (job.spec?.selector) return selectorFromLabelSelector(job.spec.selector);
  } catch {
    // An invalid selector never passed validation; fall back to the generated one.
  }
  return selectorFromLabelSelector({ matchLabels: { [CONTROLLER_UID_LABEL]: job.metadata.uid ?? '' } });
}

export class JobController extends Controller {
  readonly name = 'job-controller';
  protected override readonly primaryKind = 'Job';
  private readonly backoff = new PodFailureBackoffStore();
  private readonly said = new DecisionMemory();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'Job' }, (ev) => {
      const key = keyFor(ev.object);
      if (ev.type === 'DELETED') {
        this.backoff.remove(key);
        this.said.forget(key);
        return;
      }
      if (ev.type === 'MODIFIED' && isStatusOnlyChange(ev)) return;
      this.enqueue(key);
    });
    store.watch({ kind: 'Pod' }, (ev) => this.onPod(ev));
    for (const job of store.list('Job')) this.enqueue(keyFor(job));
  }

  reconcile(key: string): void {
    if (key.startsWith(ORPHAN_PREFIX)) {
      this.releaseOrphan(key.slice(ORPHAN_PREFIX.length));
      return;
    }
    const { store, clock } = this.cp;
    const { namespace, name } = splitKey(key);
    const job = store.get<Job>('Job', namespace, name);
    if (!job) {
      this.backoff.remove(key);
      return;
    }
    if (isJobFinished(job)) {
      this.backoff.remove(key);
      return;
    }
    const mode = job.spec?.completionMode;
    if (mode && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.event(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return;
    }
    const pods = this.claimPods(job);
    const now = clock.now();
    const result = syncJob(
      {
        store,
        now,
        nowIso: clock.iso(now),
        backoff: this.backoff,
        event: (type, reason, message) => this.event(store.get<Job>('Job', namespace, name) ?? job, type, reason, message),
      },
      key,
      job,
      pods,
    );
    for (const l of this.said.select(key, result.lines)) this.decide(job, l.action, l.reason, l.details);
    if (result.requeueAfterMs !== undefined) this.enqueueAfter(key, Math.max(0, result.requeueAfterMs));
    if (result.error) throw new Error(result.error);
  }

  /** getPodsForJob: owned pods, plus matching orphans adopted. */
  private claimPods(job: Job): Pod[] {
    const { store } = this.cp;
    const namespace = job.metadata.namespace;
    const selector = jobSelector(job);
    const owned = store.list<Pod>('Pod', { namespace, ownerUid: job.metadata.uid });
    const matching = job.metadata.deletionTimestamp ? [] : store.list<Pod>('Pod', { namespace, labelSelector: selector });
    const result = claimObjects<Pod>(store, job, (p) => selector.matches(p.metadata.labels), [...owned, ...matching]);
    for (const pod of result.adopted) this.decide(job, `adopt pod ${pod.metadata.name}`, 'an orphan pod whose labels match the Job selector');
    return result.claimed;
  }

  /** An orphan pod keeps no Job waiting: its tracking finalizer comes off (the orphan worker). */
  private releaseOrphan(podKey: string): void {
    const { namespace, name } = splitKey(podKey);
    const pod = this.cp.store.get<Pod>('Pod', namespace, name);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = controllerOf(pod);
    if (ref) {
      const job = resolveControllerRef<Job>(this.cp.store, namespace, ref, 'Job');
      if (job && !isJobFinished(job)) return;
    }
    try {
      this.cp.store.modify<Pod>('Pod', namespace, name, (draft) => {
        draft.metadata.finalizers = draft.metadata.finalizers?.filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (!draft.metadata.finalizers?.length) delete draft.metadata.finalizers;
      });
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
    this.decide(pod, `remove ${JOB_TRACKING_FINALIZER} finalizer`, 'the pod has no Job left to count it');
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    const ref = controllerOf(pod);
    const oldRef = ev.old ? controllerOf(ev.old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(ev.old!, oldRef);
    if (ref?.kind === 'Job') {
      if (!this.enqueueOwner(pod, ref) && ev.type !== 'DELETED' && hasTrackingFinalizer(pod)) this.enqueue(`${ORPHAN_PREFIX}${keyFor(pod)}`);
      return;
    }
    if (ev.type === 'DELETED') return;
    if (!ref && hasTrackingFinalizer(pod)) this.enqueue(`${ORPHAN_PREFIX}${keyFor(pod)}`);
    if (ref || pod.metadata.deletionTimestamp) return;
    // An orphan without the finalizer: a Job whose selector matches may adopt it.
    for (const job of this.cp.store.list<Job>('Job', { namespace: pod.metadata.namespace })) {
      if (job.spec?.selector && jobSelector(job).matches(pod.metadata.labels)) this.enqueue(keyFor(job));
    }
  }

  /** Queues the pod's Job (batched: at most one sync per second from pod changes); false when it is gone. */
  private enqueueOwner(pod: KObject, ref: OwnerReference): boolean {
    const job = resolveControllerRef<Job>(this.cp.store, pod.metadata.namespace, ref, 'Job');
    if (!job) return false;
    this.enqueueAfter(keyFor(job), SYNC_JOB_BATCH_PERIOD_MS);
    return true;
  }
}
