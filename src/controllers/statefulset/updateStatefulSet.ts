// updateStatefulSet (stateful_set_control.go): one pass over a StatefulSet's pods.
//   1. Sort pods into replicas (ordinals the set wants) and condemned (ordinals beyond it).
//   2. Replicas, lowest ordinal first: re-create finished pods, create missing ones (claims first),
//      and — under OrderedReady — stop at the first pod that is not Running and Ready.
//   3. Condemned, highest ordinal first: delete; under OrderedReady one at a time, each only once the
//      one before has gone and every other pod is healthy.
//   4. RollingUpdate: from the highest ordinal down to the partition, delete one pod that runs an old
//      revision (it comes back at the update revision), waiting for each to be Running and Ready.
// A pod that is terminating keeps its identity until it is gone: it is never replaced early (a
// StatefulSet runs at most one pod per ordinal), so a pod stuck on a dead node blocks its own
// re-creation until the node is back or the pod is force-deleted.
import type { Pod, StatefulSet } from '../../api/types.js';
import { identityMatches, inOrdinalRange, newStatefulSetPod, ordinalOf, podName, replicasOf, revisionOf, startOrdinal } from './identity.js';
import { isFinished, isHealthy, isRunningAndAvailable, isRunningAndReady, isTerminating, podStateText } from './podHealth.js';
import { rollingUpdate } from './rollingUpdate.js';
import { names, plural } from './words.js';

export interface Step {
  action: string;
  reason: string;
  details?: Record<string, unknown>;
  /** A wait or standing note, not an act. */
  wait?: boolean;
}

/** The writes a pass may make; each returns an error text, or undefined on success. */
export interface PodOps {
  /** Creates the pod's missing claims, then the pod. */
  create(pod: Pod): string | undefined;
  remove(pod: Pod, forScaleDown: boolean): string | undefined;
  /** Restores the identity labels of a pod that lost them. */
  relabel(pod: Pod): string | undefined;
  /** Creates claims a Pending pod is missing. */
  createClaims(pod: Pod): void;
}

export interface PassInput {
  set: StatefulSet;
  /** The set with the current revision's template, and with the update revision's. */
  currentSet: StatefulSet;
  updateSet: StatefulSet;
  currentRevision: string;
  updateRevision: string;
  pods: readonly Pod[];
  now: number;
  ops: PodOps;
}

export interface PassResult {
  steps: Step[];
  errors: string[];
  /** Pods deleted this pass to be updated (status.currentReplicas drops by this many). */
  deletedForUpdate: number;
}


export function updateStatefulSet(input: PassInput): PassResult {
  return new Pass(input).run();
}

class Pass {
  private readonly set: StatefulSet;
  private readonly start: number;
  private readonly count: number;
  private readonly monotonic: boolean;
  private readonly policy: string;
  private readonly minReadySeconds: number;
  private readonly replicas: (Pod | undefined)[];
  private readonly condemned: Pod[] = [];
  private readonly result: PassResult = { steps: [], errors: [], deletedForUpdate: 0 };
  private readonly created: string[] = [];
  private readonly recreated: string[] = [];
  private creationFailed = false;

  constructor(private readonly input: PassInput) {
    this.set = input.set;
    this.start = startOrdinal(this.set);
    this.count = replicasOf(this.set);
    this.monotonic = this.set.spec?.podManagementPolicy !== 'Parallel';
    this.policy = this.monotonic ? 'OrderedReady' : 'Parallel';
    this.minReadySeconds = this.set.spec?.minReadySeconds ?? 0;
    this.replicas = new Array<Pod | undefined>(this.count).fill(undefined);
    for (const pod of input.pods) {
      if (inOrdinalRange(this.set, pod)) this.replicas[ordinalOf(pod) - this.start] = pod;
      else if (ordinalOf(pod) >= 0) this.condemned.push(pod);
    }
    this.condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  }

  run(): PassResult {
    if (this.set.metadata.deletionTimestamp) return this.result;
    if (!this.processReplicas()) return this.finish();
    if (!this.processCondemned()) return this.finish();
    rollingUpdate({
      set: this.set,
      start: this.start,
      replicas: this.replicas,
      updateRevision: this.input.updateRevision,
      partition: this.partition(),
      remove: (pod) => this.input.ops.remove(pod, false),
      result: this.result,
    });
    return this.finish();
  }

  // ---- replicas ---------------------------------------------------------------------------

  /** False when the pass must stop here. */
  private processReplicas(): boolean {
    for (let i = 0; i < this.count; i++) {
      // Like a slow-start batch: after one create fails, the others are not attempted this pass.
      if (this.creationFailed && !this.replicas[i]) continue;
      const go = this.processReplica(i);
      if (!go && this.monotonic) return false;
    }
    return this.result.errors.length === 0;
  }

  /** processReplica: false when an OrderedReady set must not look further. */
  private processReplica(i: number): boolean {
    const { ops } = this.input;
    const ordinal = this.start + i;
    const pod = this.replicas[i];
    if (pod && isFinished(pod)) {
      if (!isTerminating(pod)) {
        const error = ops.remove(pod, false);
        if (error) this.result.errors.push(error);
        else this.recreated.push(pod.metadata.name!);
      }
      // The new pod is created once the finished one is gone from the store.
      return false;
    }
    if (!pod) {
      const name = podName(this.set, ordinal);
      const useCurrent = this.usesCurrentRevision(ordinal);
      const fresh = newStatefulSetPod(useCurrent ? this.input.currentSet : this.input.updateSet, ordinal, useCurrent ? this.input.currentRevision : this.input.updateRevision);
      const error = ops.create(fresh);
      if (error) {
        this.creationFailed = true;
        this.result.errors.push(error);
        this.result.steps.push({ action: `create pod ${name} failed`, reason: error });
        return false;
      }
      this.created.push(name);
      return !this.monotonic;
    }
    if ((pod.status?.phase ?? 'Pending') === 'Pending') ops.createClaims(pod);
    if (isTerminating(pod)) {
      const blocked = this.monotonic ? this.blockedWork(i) : undefined;
      this.result.steps.push({
        wait: true,
        action: `waiting for ${pod.metadata.name} to finish terminating before re-creating it${this.monotonic ? ' (OrderedReady)' : ''}`,
        reason:
          `${pod.metadata.name} is ${podStateText(pod)}; a StatefulSet runs at most one pod per identity, so ` +
          `${pod.metadata.name} is created again only once the old one is gone` +
          (blocked ? `; until then OrderedReady holds back everything after it (next: ${blocked})` : ''),
        details: { pod: pod.metadata.name, node: pod.spec?.nodeName, deletionTimestamp: pod.metadata.deletionTimestamp },
      });
      return !this.monotonic;
    }
    if (this.monotonic && !isRunningAndReady(pod)) {
      this.waitFor(i, pod, 'Running and Ready');
      return false;
    }
    if (this.monotonic && !isRunningAndAvailable(pod, this.minReadySeconds, this.input.now)) {
      this.waitFor(i, pod, `available (Ready for minReadySeconds ${this.minReadySeconds})`);
      return false;
    }
    if (!identityMatches(this.set, pod)) {
      const error = ops.relabel(pod);
      if (error) this.result.errors.push(error);
      else this.result.steps.push({ action: `restore identity of pod ${pod.metadata.name}`, reason: 'its pod-name / pod-index labels did not match its name' });
    }
    return true;
  }

  /** newVersionedStatefulSetPod: ordinals below the partition are (re)created at the current revision. */
  private usesCurrentRevision(ordinal: number): boolean {
    if ((this.set.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
    return ordinal < this.start + this.partition();
  }

  private partition(): number {
    return this.set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  }

  /** A decision for an OrderedReady wait, only when something is actually held back by it. */
  private waitFor(i: number, pod: Pod, state: string): void {
    const blocked = this.blockedWork(i);
    if (!blocked) return;
    const ready = this.replicas.slice(0, i).filter((p) => p && isHealthy(p)).length;
    this.result.steps.push({
      wait: true,
      action: `waiting for ${pod.metadata.name} to be ${state} before ${blocked} (OrderedReady)`,
      reason: `${pod.metadata.name} is ${podStateText(pod)}; OrderedReady acts on ordinal N only when ordinals below it are Running and Ready (${plural(ready, 'pod')} below it ready, ${this.count} wanted)`,
      details: { waitingOn: pod.metadata.name, phase: pod.status?.phase ?? 'Pending', blocked },
    });
  }

  /** What an OrderedReady wait at replica i holds back, in words (`creating web-2`). */
  private blockedWork(i: number): string | undefined {
    for (let j = i + 1; j < this.count; j++) {
      const p = this.replicas[j];
      if (!p) return `creating ${podName(this.set, this.start + j)}`;
      if (isFinished(p) && !isTerminating(p)) return `re-creating ${p.metadata.name}`;
    }
    const doomed = this.condemned.find((p) => !isTerminating(p));
    if (doomed) return `deleting ${doomed.metadata.name} (scale down)`;
    const old = this.oldAbovePartition();
    if (old.length && (this.set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') return `updating ${old[0].metadata.name}`;
    return undefined;
  }

  /** Pods at or above the partition that run another revision, highest ordinal first. */
  private oldAbovePartition(): Pod[] {
    const out: Pod[] = [];
    for (let t = this.count - 1; t >= Math.max(0, this.partition()); t--) {
      const p = this.replicas[t];
      if (p && !isTerminating(p) && revisionOf(p) !== this.input.updateRevision) out.push(p);
    }
    return out;
  }

  // ---- scale down -------------------------------------------------------------------------

  private firstUnhealthy(): Pod | undefined {
    for (const p of this.replicas) if (p && !isHealthy(p)) return p;
    for (let i = this.condemned.length - 1; i >= 0; i--) if (!isHealthy(this.condemned[i])) return this.condemned[i];
    return undefined;
  }

  /** processCondemned over every condemned pod; false when the pass must stop. */
  private processCondemned(): boolean {
    if (!this.condemned.length) return true;
    const first = this.firstUnhealthy();
    const deleted: string[] = [];
    const wanted = `${this.count} replica${this.count === 1 ? '' : 's'}`;
    for (let k = 0; k < this.condemned.length; k++) {
      const pod = this.condemned[k];
      if (isTerminating(pod)) {
        if (!this.monotonic) continue;
        const next = this.condemned.slice(k + 1).find((p) => !isTerminating(p));
        if (next) {
          this.result.steps.push({
            wait: true,
            action: `waiting for ${pod.metadata.name} to terminate before deleting ${next.metadata.name} (OrderedReady scale down)`,
            reason: `scaling down to ${wanted}: OrderedReady deletes the highest ordinal first and waits for each pod to be gone; ${pod.metadata.name} is ${podStateText(pod)}`,
          });
        }
        this.summariseDeletes(deleted, wanted);
        return false;
      }
      if (this.monotonic && pod !== first && first && !isRunningAndReady(pod)) {
        this.result.steps.push({
          wait: true,
          action: `waiting for ${first.metadata.name} to be Running and Ready before deleting ${pod.metadata.name} (OrderedReady scale down)`,
          reason: `${first.metadata.name} is ${podStateText(first)}; OrderedReady scales down only while the other pods are healthy`,
        });
        this.summariseDeletes(deleted, wanted);
        return false;
      }
      if (this.monotonic && pod !== first && first && !isRunningAndAvailable(pod, this.minReadySeconds, this.input.now)) {
        this.result.steps.push({
          wait: true,
          action: `waiting for ${pod.metadata.name} to be available before deleting it (OrderedReady scale down)`,
          reason: `minReadySeconds ${this.minReadySeconds}`,
        });
        this.summariseDeletes(deleted, wanted);
        return false;
      }
      const error = this.input.ops.remove(pod, true);
      if (error) {
        this.result.errors.push(error);
        this.summariseDeletes(deleted, wanted);
        return false;
      }
      deleted.push(pod.metadata.name!);
      if (this.monotonic) {
        this.summariseDeletes(deleted, wanted);
        return false;
      }
    }
    this.summariseDeletes(deleted, wanted);
    return true;
  }

  private summariseDeletes(deleted: string[], wanted: string): void {
    if (!deleted.length) return;
    const why = this.monotonic
      ? `scaling down to ${wanted}: OrderedReady deletes the highest ordinal first, one pod at a time, waiting for each to be gone`
      : `scaling down to ${wanted}: Parallel deletes every pod beyond the last wanted ordinal at once`;
    this.result.steps.push({
      action: deleted.length === 1 ? `delete pod ${deleted[0]}` : `delete ${plural(deleted.length, 'pod')}: ${names(deleted)}`,
      reason: why,
      details: { deleted },
    });
  }

  // ---- summary ----------------------------------------------------------------------------

  private finish(): PassResult {
    const steps: Step[] = [];
    if (this.recreated.length) {
      steps.push({
        action: this.recreated.length === 1 ? `delete finished pod ${this.recreated[0]} to re-create it` : `delete ${plural(this.recreated.length, 'finished pod')} to re-create them: ${names(this.recreated)}`,
        reason: 'a StatefulSet pod that is Succeeded or Failed is deleted and created again with the same name',
      });
    }
    if (this.created.length) {
      const first = this.created[0];
      const readyBelow = this.replicas.filter((p) => p && isHealthy(p)).length;
      steps.push({
        action: this.created.length === 1 ? `create pod ${first}` : `create ${plural(this.created.length, 'pod')}: ${names(this.created)}`,
        reason: this.monotonic
          ? `${this.countExisting()} of ${this.count} replicas exist, ${readyBelow} Running and Ready; OrderedReady creates ordinal ${ordinalFromName(first)} next, then waits for it to be Running and Ready`
          : `${this.countExisting()} of ${this.count} replicas exist; Parallel creates every missing pod at once`,
        details: { created: this.created, policy: this.policy },
      });
    }
    this.result.steps.unshift(...steps);
    return this.result;
  }

  private countExisting(): number {
    return this.replicas.filter((p) => !!p).length;
  }
}

function ordinalFromName(name: string): string {
  return name.slice(name.lastIndexOf('-') + 1);
}
