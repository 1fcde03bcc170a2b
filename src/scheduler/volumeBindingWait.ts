// VolumeBinding's PreBind wait (BindPodVolumes): once the scheduler has asked for a pod's
// WaitForFirstConsumer claims to be bound or provisioned on the chosen node, the pod is not bound
// until the PV controller has bound every claim, at most bindTimeoutSeconds. Meanwhile the pod is
// assumed on the node in the scheduler's cache (its requests count there) and the scheduler goes on
// with other pods. Level-triggered: a claim update or the deadline enqueues the pod's key; the
// scheduler's reconcile then asks `resume` what became of it. No polling.
import type { Pod } from '../api/types.js';
import type { Timer, VirtualClock } from '../sim/clock.js';
import type { WatchEvent } from '../store/watch.js';
import type { SchedulingDetails } from './decisionTable.js';
import type { SchedulerCache } from './schedulerCache.js';
import { checkBindings, type BindingLookups } from './volumeBindingCheck.js';

/** The VolumeBinding plugin's default bindTimeoutSeconds. */
export const BIND_TIMEOUT_MS = 600_000;
/** How the framework and BindPodVolumes wrap the error PreBind returns. */
export const PREBIND_ERROR_PREFIX = 'running PreBind plugin "VolumeBinding": binding volumes: ';
/** What the wait returns when bindTimeoutSeconds pass (wait.PollUntilContextTimeout). */
export const DEADLINE_EXCEEDED = 'context deadline exceeded';

export interface VolumeWait {
  key: string;
  uid: string;
  namespace: string;
  name: string;
  node: string;
  claims: readonly string[];
  /** The success reason and the scheduling table of the attempt that chose the node. */
  reason: string;
  details: SchedulingDetails;
  since: number;
  expired: boolean;
  timer: Timer;
}

export type WaitOutcome =
  | { kind: 'bound'; wait: VolumeWait; pod: Pod }
  | { kind: 'failed'; wait: VolumeWait; pod: Pod; message: string }
  | { kind: 'waiting'; wait: VolumeWait; pending: string[] }
  /** The pod was deleted or replaced: nothing left to bind. */
  | { kind: 'gone'; wait: VolumeWait };

export interface PreBindLookups extends BindingLookups {
  pod(namespace: string, name: string): Pod | undefined;
}

export class VolumeBindingWaits {
  private readonly byPod = new Map<string, VolumeWait>();
  /** `namespace/claim` → keys of the pods waiting for it. */
  private readonly byClaim = new Map<string, Set<string>>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly cache: SchedulerCache,
    private readonly lookups: PreBindLookups,
    /** Queues the pod's key for the scheduler's reconcile. */
    private readonly wake: (podKey: string) => void,
  ) {}

  get size(): number {
    return this.byPod.size;
  }

  has(key: string): boolean {
    return this.byPod.has(key);
  }

  get(key: string): VolumeWait | undefined {
    return this.byPod.get(key);
  }

  /** Reserve + PreBind: assume the pod on the node and wait for its claims. */
  begin(pod: Pod, key: string, node: string, claims: readonly string[], reason: string, details: SchedulingDetails): VolumeWait {
    this.cache.upsertPod({ ...pod, spec: { ...pod.spec!, nodeName: node } });
    const wait: VolumeWait = {
      key,
      uid: pod.metadata.uid ?? '',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name!,
      node,
      claims: [...claims],
      reason,
      details,
      since: this.clock.now(),
      expired: false,
      timer: this.clock.after(BIND_TIMEOUT_MS, () => {
        wait.expired = true;
        this.wake(key);
      }, `scheduler volume binding timeout ${key}`),
    };
    this.byPod.set(key, wait);
    for (const c of wait.claims) {
      const ck = `${wait.namespace}/${c}`;
      let keys = this.byClaim.get(ck);
      if (!keys) this.byClaim.set(ck, (keys = new Set()));
      keys.add(key);
    }
    return wait;
  }

  /** A claim changed: the pods waiting for it have something to look at. */
  claimChanged(e: WatchEvent): void {
    const keys = this.byClaim.get(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    if (keys) for (const key of keys) this.wake(key);
  }

  /**
   * A pod event for a waiting pod. True when the scheduler should ignore it: the pod is still
   * pending, so it stays assumed. Otherwise (deleted, being deleted, bound by someone else) the
   * wait ends here and the scheduler's usual handling forgets the assumed pod.
   */
  holdsAssumed(e: WatchEvent, key: string): boolean {
    const wait = this.byPod.get(key);
    if (!wait) return false;
    const pod = e.object as Pod;
    if (e.type !== 'DELETED' && pod.metadata.uid === wait.uid && !pod.spec?.nodeName && !pod.metadata.deletionTimestamp) return true;
    this.end(wait);
    return false;
  }

  /** The wait's verdict now; a finished wait is over and its pod no longer assumed. */
  resume(key: string): WaitOutcome | undefined {
    const wait = this.byPod.get(key);
    if (!wait) return undefined;
    const pod = this.lookups.pod(wait.namespace, wait.name);
    if (!pod || pod.metadata.uid !== wait.uid || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      this.end(wait);
      return { kind: 'gone', wait };
    }
    const check = wait.expired ? ({ state: 'failed', error: DEADLINE_EXCEEDED } as const) : checkBindings(wait.namespace, wait.claims, wait.node, this.lookups);
    if (check.state === 'waiting') return { kind: 'waiting', wait, pending: check.pending };
    this.end(wait);
    // ForgetPod: the binding (or the failure) that follows puts the pod where it really is.
    this.cache.upsertPod(pod);
    if (check.state === 'bound') return { kind: 'bound', wait, pod };
    return { kind: 'failed', wait, pod, message: PREBIND_ERROR_PREFIX + check.error };
  }

  private end(wait: VolumeWait): void {
    this.clock.cancel(wait.timer);
    this.byPod.delete(wait.key);
    for (const c of wait.claims) {
      const ck = `${wait.namespace}/${c}`;
      const keys = this.byClaim.get(ck);
      keys?.delete(wait.key);
      if (keys && keys.size === 0) this.byClaim.delete(ck);
    }
  }
}
