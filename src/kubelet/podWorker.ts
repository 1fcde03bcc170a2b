// One pod on one node, as the kubelet's pod worker runs it: admission, volumes, the sandbox and its
// IP, init containers in order, the app containers, completion, activeDeadlineSeconds, and
// termination within the grace period followed by the final delete. Each sync is level-triggered:
// it brings the pod up to the current virtual time and asks for one timer at the next moment
// something is due. This file holds the worker's state and its sync loop; each step lives in its
// own file (podAdoption, podWorkerAdmission, podObjectChanges, volumesAndSandbox,
// containerStartOrder, podCompletion, podTermination, podWorkerStatus).
import type { Pod } from '../api/types.js';
import type { Timer } from '../sim/clock.js';
import { Backoff, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS } from './backoff.js';
import type { NodeAgent } from './nodeAgent.js';
import type { Phase } from './podStatus.js';
import type { ContainerRecord, KubeletHost } from './podState.js';
import { podQosClass } from './qos.js';
import { hasKubeletStatus } from './adoption.js';
import { containerRecord } from './containerRecord.js';
import { WorkerContext } from './workerContext.js';
import { FLAG_ADMITTED, FLAG_ADOPTION_CHECKED, FLAG_REMOVED } from './workerFlags.js';
import { adoptPod } from './podAdoption.js';
import { admitToNode } from './podWorkerAdmission.js';
import { applySpecChanges, checkAnnotations } from './podObjectChanges.js';
import { sandboxReady, volumesReady } from './volumesAndSandbox.js';
import { runContainers } from './containerStartOrder.js';
import { checkCompletion, checkDeadline } from './podCompletion.js';
import { advanceStops, releaseResources, removePod, syncTerminating } from './podTermination.js';
import { writeRejectedStatus, writeStatus } from './podWorkerStatus.js';

const NO_RECORDS: ContainerRecord[] = [];

export interface WorkerIO {
  /** Writes the status; returns the pod as stored (undefined when the write did not happen). */
  writeStatus(pod: Pod, status: NonNullable<Pod['status']>): Pod | undefined;
  deletePod(pod: Pod): void;
  enqueue(key: string): void;
}

/**
 * The fields below are public only for the worker's steps in the files named above (no other code
 * in the kubelet writes them).
 */
export class PodWorker {
  readonly uid: string;
  readonly key: string;
  pod: Pod;
  readonly init: ContainerRecord[];
  readonly containers: ContainerRecord[];
  rejected?: { reason: string; message: string };
  startTime?: number;
  qosClass: string;
  volumeFiles?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Volume set-up that failed: attempts so far, when to try again, the last message (none until a failure). */
  mountRetry?: { attempts: number; at: number; message: string | undefined };
  sandboxReadyAt?: number;
  podIP = '';
  killing?: { startedAt: number; doneAt: number; grace: number };
  terminal?: { phase: Phase; reason?: string; message?: string };
  private timer?: Timer;
  private crashBackoffs?: Backoff;
  private imageBackoffs?: Backoff;
  /** The workload annotations (what the pod had when they were validated). */
  checkedAnnotations?: Record<string, string>;
  /** The spec whose images the containers were last compared with. */
  specApplied?: Pod['spec'];
  /** FLAG_* bits (workerFlags.ts). */
  private flags = 0;

  flag(bit: number): boolean {
    return (this.flags & bit) !== 0;
  }

  setFlag(bit: number, on: boolean): void {
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  constructor(
    pod: Pod,
    readonly agent: NodeAgent,
    readonly host: KubeletHost,
    readonly io: WorkerIO,
    /** `namespace/name` (the fleet passes the work queue's key, so the string is kept once). */
    key = `${pod.metadata.namespace}/${pod.metadata.name}`,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid ?? '';
    this.key = key;
    this.qosClass = pod.status?.qosClass ?? podQosClass(pod.spec!);
    const initContainers = pod.spec?.initContainers;
    // Most pods have no init containers: they share one empty list (never added to).
    this.init = !initContainers?.length ? NO_RECORDS : initContainers.map((c) => containerRecord(c, (c as { restartPolicy?: string }).restartPolicy === 'Always' ? 'sidecar' : 'init'));
    this.containers = (pod.spec?.containers ?? []).map((c) => containerRecord(c, 'regular'));
  }

  get nodeName(): string {
    return this.agent.name;
  }

  /** All containers, init first (the lists are fixed when the worker is made). */
  records(): readonly ContainerRecord[] {
    return (this.allRecords ??= this.init.length ? [...this.init, ...this.containers] : this.containers);
  }

  private allRecords: readonly ContainerRecord[] | undefined;

  /** A watched ConfigMap/Secret/PVC changed: retry volume set-up at once rather than after the back-off. */
  retryNow(): void {
    if (this.mountRetry) this.mountRetry.at = 0;
  }

  isTerminal(): boolean {
    return !!this.terminal;
  }

  sync(pod: Pod): void {
    this.syncOnce(pod);
    // Keep the pod as this sync left it, not the version it started from: the old version (and its
    // status) would otherwise stay in memory for as long as the pod runs without another sync.
    if (this.written) this.pod = this.written;
    this.written = undefined;
  }

  /** The version this sync's own status write stored, if it wrote. */
  written?: Pod;

  private syncOnce(pod: Pod): void {
    if (this.flag(FLAG_REMOVED)) return;
    this.pod = pod;
    const now = this.host.cp.clock.now();
    // The sync's context collects when the next sync is due (no field of the worker's: it is only
    // needed during a sync).
    const ctx = this.context(now);
    if (!this.flag(FLAG_ADOPTION_CHECKED)) {
      this.setFlag(FLAG_ADOPTION_CHECKED, true);
      if (hasKubeletStatus(pod)) adoptPod(this, ctx);
    }
    checkAnnotations(this);
    if (!this.flag(FLAG_ADMITTED) && !this.rejected) admitToNode(this);
    if (this.rejected) {
      if (pod.metadata.deletionTimestamp) removePod(this, ctx);
      else writeRejectedStatus(this);
      return;
    }
    applySpecChanges(this, ctx);
    if (pod.metadata.deletionTimestamp) {
      syncTerminating(this, ctx);
    } else if (this.terminal) {
      advanceStops(this, ctx);
      writeStatus(this, ctx, true);
    } else {
      this.startTime ??= now;
      checkDeadline(this, ctx);
      if (this.terminal) {
        advanceStops(this, ctx);
        writeStatus(this, ctx, true);
      } else if (volumesReady(this, ctx) && sandboxReady(this, ctx)) {
        runContainers(this, ctx);
        checkCompletion(this, ctx);
        writeStatus(this, ctx, !!this.terminal);
      } else {
        writeStatus(this, ctx, false);
      }
    }
    this.schedule(ctx.wakeAt);
  }

  /** The API object is gone: stop timers and give back the IP and the admitted resources. */
  dispose(): void {
    this.setFlag(FLAG_REMOVED, true);
    this.host.cp.clock.cancel(this.timer);
    this.timer = undefined;
    releaseResources(this);
  }

  /** The kubelet stopped: no timers until it starts again. */
  pause(): void {
    this.host.cp.clock.cancel(this.timer);
    this.timer = undefined;
  }

  private context(now: number): WorkerContext {
    return new WorkerContext(this, now);
  }

  // ---- what a sync context reaches of its worker ------------------------------------------------

  /** Most pods never fail: their back-off tables are made on first use. */
  crashBackoff(): Backoff {
    return (this.crashBackoffs ??= new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS));
  }

  imageBackoff(): Backoff {
    return (this.imageBackoffs ??= new Backoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS));
  }

  imageBackoffIfMade(): Backoff | undefined {
    return this.imageBackoffs;
  }

  clearImageBackoff(image: string): void {
    this.imageBackoffs?.delete(image);
  }

  get podIPAddress(): string {
    return this.podIP;
  }

  /** One timer for the next sync at `wakeAt` (none when nothing is due). */
  private schedule(wakeAt: number): void {
    const clock = this.host.cp.clock;
    if (wakeAt === Number.POSITIVE_INFINITY || this.flag(FLAG_REMOVED)) {
      clock.cancel(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.timer && !this.timer.cancelled && this.timer.at === wakeAt) return;
    clock.cancel(this.timer);
    this.timer = clock.at(wakeAt, () => {
      this.timer = undefined;
      this.io.enqueue(this.key);
    }, `kubelet ${this.key}`);
  }
}
