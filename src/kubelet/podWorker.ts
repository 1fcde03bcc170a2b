// One pod on one node, as the kubelet's pod worker runs it: admission, volumes, the sandbox and its
// IP, init containers in order, the app containers, completion, activeDeadlineSeconds, and
// termination within the grace period followed by the final delete. Each sync is level-triggered:
// it brings the pod up to the current virtual time and asks for one timer at the next moment
// something is due.
import type { Event, Pod } from '../api/types.js';
import type { Timer } from '../sim/clock.js';
import { hashString } from '../sim/imageCatalog.js';
import { validateWorkloadAnnotations } from '../sim/workload.js';
import { Backoff, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS } from './backoff.js';
import { advanceInstance, finishInstance, PLEG_RELIST_MS, requestStop, startContainer } from './containerLifecycle.js';
import { restartsAfter } from './restartPolicy.js';
import { formatGoDuration as go } from './goDuration.js';
import type { NodeAgent } from './nodeAgent.js';
import { buildPodStatus, type Phase } from './podStatus.js';
import type { ContainerRecord, KubeletHost, SyncContext } from './podState.js';
import { podQosClass } from './qos.js';
import { mountVolumes } from './volumes.js';
import { admitPod, podRequestTotals } from './admission.js';
import { adoptContainer, eventsAbout, hasKubeletStatus, preciseStartTime } from './adoption.js';
import { isoOf, sameJson } from './statusWrite.js';
import { containerRecord } from './containerRecord.js';
import { WorkerContext } from './workerContext.js';

/** Volume set-up retries back off from 0.5 s to 2m2s (the volume manager's operation back-off). */
const MOUNT_RETRY_INITIAL_MS = 500;
const MOUNT_RETRY_MAX_MS = 122_000;
const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';
const NO_VOLUMES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map();
const NO_RECORDS: ContainerRecord[] = [];
// The worker's yes/no state, bits of one number (every running pod has a worker).
const FLAG_ADMITTED = 1;
const FLAG_DEADLINE_HIT = 2;
const FLAG_REMOVED = 4;
const FLAG_ANNOTATIONS_CHECKED = 8;
const FLAG_ADOPTION_CHECKED = 16;
/** The admitted resources and the IP were given back. */
const FLAG_RELEASED = 32;

export interface WorkerIO {
  /** Writes the status; returns the pod as stored (undefined when the write did not happen). */
  writeStatus(pod: Pod, status: NonNullable<Pod['status']>): Pod | undefined;
  deletePod(pod: Pod): void;
  enqueue(key: string): void;
}

export class PodWorker {
  readonly uid: string;
  readonly key: string;
  pod: Pod;
  readonly init: ContainerRecord[];
  readonly containers: ContainerRecord[];
  private rejected?: { reason: string; message: string };
  private startTime?: number;
  private qosClass: string;
  private volumeFiles?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Volume set-up that failed: attempts so far, when to try again, the last message (none until a failure). */
  private mountRetry?: { attempts: number; at: number; message: string | undefined };
  private sandboxReadyAt?: number;
  private podIP = '';
  private killing?: { startedAt: number; doneAt: number; grace: number };
  private terminal?: { phase: Phase; reason?: string; message?: string };
  private timer?: Timer;
  private crashBackoffs?: Backoff;
  private imageBackoffs?: Backoff;
  /** The workload annotations (what the pod had when they were validated). */
  private checkedAnnotations?: Record<string, string>;
  /** The spec whose images the containers were last compared with. */
  private specApplied?: Pod['spec'];
  /** FLAG_* bits. */
  private flags = 0;

  private flag(bit: number): boolean {
    return (this.flags & bit) !== 0;
  }

  private setFlag(bit: number, on: boolean): void {
    this.flags = on ? this.flags | bit : this.flags & ~bit;
  }

  constructor(
    pod: Pod,
    readonly agent: NodeAgent,
    readonly host: KubeletHost,
    private readonly io: WorkerIO,
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
  private written?: Pod;

  private syncOnce(pod: Pod): void {
    if (this.flag(FLAG_REMOVED)) return;
    this.pod = pod;
    const now = this.host.cp.clock.now();
    // The sync's context collects when the next sync is due (no field of the worker's: it is only
    // needed during a sync).
    const ctx = this.context(now);
    if (!this.flag(FLAG_ADOPTION_CHECKED)) {
      this.setFlag(FLAG_ADOPTION_CHECKED, true);
      if (hasKubeletStatus(pod)) this.adopt(ctx);
    }
    this.checkAnnotations();
    if (!this.flag(FLAG_ADMITTED) && !this.rejected) this.admit();
    if (this.rejected) {
      if (pod.metadata.deletionTimestamp) this.remove(ctx);
      else this.writeRejected();
      return;
    }
    this.applySpecChanges(ctx);
    if (pod.metadata.deletionTimestamp) {
      this.syncTerminating(ctx);
    } else if (this.terminal) {
      this.advanceStops(ctx);
      this.writeStatus(ctx, true);
    } else {
      this.startTime ??= now;
      this.checkDeadline(ctx);
      if (this.terminal) {
        this.advanceStops(ctx);
        this.writeStatus(ctx, true);
      } else if (this.volumesReady(ctx) && this.sandboxReady(ctx)) {
        this.runContainers(ctx);
        this.checkCompletion(ctx);
        this.writeStatus(ctx, !!this.terminal);
      } else {
        this.writeStatus(ctx, false);
      }
    }
    this.schedule(ctx.wakeAt);
  }

  /** The API object is gone: stop timers and give back the IP and the admitted resources. */
  dispose(): void {
    this.setFlag(FLAG_REMOVED, true);
    this.host.cp.clock.cancel(this.timer);
    this.timer = undefined;
    this.releaseResources();
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

  private checkAnnotations(): void {
    const annotations = this.pod.metadata.annotations;
    const checked = this.flag(FLAG_ANNOTATIONS_CHECKED);
    const before = this.checkedAnnotations;
    this.setFlag(FLAG_ANNOTATIONS_CHECKED, true);
    this.checkedAnnotations = annotations;
    // A status write keeps the annotations object: only a new one needs a look.
    if (checked && (before === annotations || annotationsText(before) === annotationsText(annotations))) return;
    for (const problem of validateWorkloadAnnotations(annotations)) {
      this.host.decide(this.pod, { action: `ignoring annotation ${problem.key}`, reason: `${this.nodeName}: ${problem.message}`, details: { node: this.nodeName, annotation: problem.key } });
    }
  }

  // ---- adoption ------------------------------------------------------------------------------

  /**
   * The pod ran on this node before this kubelet knew it (a restored cluster, a kubelet coming back):
   * take over what its status says instead of starting it again. It stays admitted, keeps its IP
   * and sandbox, its containers go on (running, ended, in back-off), and a stop that was under way
   * finishes when it would have.
   */
  private adopt(ctx: SyncContext): void {
    const pod = this.pod;
    const status = pod.status ?? {};
    const { store } = this.host.cp;
    // Whatever the annotations said was said when the pod first came.
    const annotations = pod.metadata.annotations;
    this.setFlag(FLAG_ANNOTATIONS_CHECKED, true);
    this.checkedAnnotations = annotations;
    const start = Date.parse(status.startTime ?? '');
    if (!Number.isNaN(start)) this.startTime = Math.min(preciseStartTime(pod, start, () => eventsAbout(store, ctx.now, this.uid)), ctx.now);
    const phase = status.phase;
    const finished = phase === 'Succeeded' || phase === 'Failed';
    this.setFlag(FLAG_ADMITTED, true);
    if (finished) {
      this.terminal = status.reason ? { phase, reason: status.reason, message: status.message } : { phase };
      this.setFlag(FLAG_DEADLINE_HIT, status.reason === 'DeadlineExceeded');
      // A finished pod gave back its resources and its address already.
      this.setFlag(FLAG_RELEASED, true);
    } else {
      this.agent.admit(this.uid, podRequestTotals(pod));
    }
    const hostNetwork = !!pod.spec?.hostNetwork;
    if (status.podIP) {
      this.podIP = hostNetwork ? this.agent.hostIP || status.podIP : status.podIP;
      if (!hostNetwork && !finished) this.agent.reserveIP(this.podIP);
      this.sandboxReadyAt = Math.min(this.startTime ?? ctx.now, ctx.now);
      ctx.podIP = this.podIP;
    } else if (this.startTime !== undefined && !finished) {
      // The sandbox was being made: it is ready when it would have been.
      this.sandboxReadyAt = this.startTime + 300 + (hashString(`sandbox:${this.uid}`) % 700);
    }
    const statuses = new Map<string, NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number]>();
    for (const cs of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) statuses.set(cs.name, cs);
    const ran = !!status.podIP || [...statuses.values()].some((cs) => cs.state?.running || cs.state?.terminated || cs.lastState?.terminated);
    if (ran) {
      // The volumes were set up before its containers started; they stay mounted.
      const r = mountVolumes(store, pod);
      this.volumeFiles = r.ok ? r.files : NO_VOLUMES;
    }
    let events: Event[] | undefined;
    const podEvents = (): Event[] => (events ??= eventsAbout(store, ctx.now, this.uid));
    for (const rec of this.records()) {
      const cs = statuses.get(rec.name);
      if (cs) adoptContainer({ ctx, rec, status: cs, volumeFiles: this.volumeFiles ?? NO_VOLUMES, events: podEvents });
    }
    // A deletion the kubelet was already carrying out goes on: the same stops, no second Killing.
    if (pod.metadata.deletionTimestamp) {
      const running = this.records().filter((r) => r.current && !r.current.terminated);
      if (running.length && running.every((r) => r.current!.stop)) {
        const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
        const requested = Date.parse(pod.metadata.deletionTimestamp) - grace * 1000;
        const doneAt = Math.max(ctx.now, ...running.map((r) => Math.min(r.current!.stop!.at, r.current!.exitAt ?? Number.POSITIVE_INFINITY)));
        this.killing = { startedAt: Number.isNaN(requested) ? ctx.now : Math.min(requested, ctx.now), doneAt, grace };
      }
    }
  }

  // ---- admission --------------------------------------------------------------------------

  private admit(): void {
    const verdict = admitPod(this.agent, this.pod);
    if (!verdict.ok) {
      this.rejected = { reason: verdict.reason, message: `Pod was rejected: ${verdict.message}` };
      this.host.event(this.pod, this.nodeName, 'Warning', verdict.reason, verdict.message);
      this.host.decide(this.pod, { action: `rejected pod: ${verdict.reason}`, reason: `${this.nodeName}: ${verdict.message} (kubelet admission re-checks what the scheduler assumed)`, details: { node: this.nodeName, ...verdict.problem } });
      return;
    }
    this.setFlag(FLAG_ADMITTED, true);
    this.agent.admit(this.uid, verdict.requests);
    this.qosClass = this.pod.status?.qosClass ?? podQosClass(this.pod.spec!);
  }

  private writeRejected(): void {
    const old = this.pod.status ?? {};
    const conditions = (old.conditions ?? []).filter((c) => !['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type));
    const status = { phase: 'Failed', reason: this.rejected!.reason, message: this.rejected!.message, ...(conditions.length ? { conditions } : {}), qosClass: this.qosClass } as NonNullable<Pod['status']>;
    if (!sameJson(old, status)) this.written = this.io.writeStatus(this.pod, status);
  }

  // ---- spec changes (image updates on a running pod) ------------------------------------------

  private applySpecChanges(ctx: SyncContext): void {
    // Stored objects are never changed in place: the same spec object has the same images.
    if (this.pod.spec === this.specApplied) return;
    this.specApplied = this.pod.spec;
    const specs = [...(this.pod.spec?.initContainers ?? []), ...(this.pod.spec?.containers ?? [])];
    for (const rec of this.records()) {
      const spec = specs.find((c) => c.name === rec.name);
      if (!spec || spec.image === rec.spec.image) continue;
      rec.spec = spec;
      const inst = rec.current;
      if (inst && !inst.terminated && !this.pod.metadata.deletionTimestamp) {
        this.host.event(this.pod, this.nodeName, 'Normal', 'Killing', `Container ${rec.name} definition changed, will be restarted`, rec.fieldPath);
        requestStop(ctx, rec, inst, ctx.now, this.pod.spec?.terminationGracePeriodSeconds ?? 30, 'definition changed');
        this.host.decide(this.pod, { action: `restarting container ${rec.name} with image ${spec.image}`, reason: `${this.nodeName}: the pod's image changed; the container is stopped and started again`, details: { node: this.nodeName, container: rec.name, image: spec.image } });
      }
    }
  }

  // ---- volumes and sandbox ----------------------------------------------------------------------

  private volumesReady(ctx: SyncContext): boolean {
    if (this.volumeFiles) return true;
    const retry = this.mountRetry;
    if (retry && ctx.now < retry.at) {
      ctx.wake(retry.at);
      return false;
    }
    const r = mountVolumes(this.host.cp.store, this.pod);
    if (r.ok) {
      this.volumeFiles = r.files;
      if (retry?.attempts) this.host.decide(this.pod, { action: 'volumes mounted', reason: `${this.nodeName}: every volume is set up after ${retry.attempts} failed attempt(s)`, details: { node: this.nodeName } });
      // Mounted for good (volumesReady returns early from now on): the retry state is not needed.
      this.mountRetry = undefined;
      return true;
    }
    const state = (this.mountRetry ??= { attempts: 0, at: 0, message: undefined });
    state.attempts++;
    const delay = Math.min(MOUNT_RETRY_INITIAL_MS * 2 ** (state.attempts - 1), MOUNT_RETRY_MAX_MS);
    state.at = ctx.now + delay;
    this.host.event(this.pod, this.nodeName, 'Warning', 'FailedMount', r.message);
    if (r.message !== state.message) {
      state.message = r.message;
      this.host.decide(this.pod, { action: `waiting for volume ${r.volume}`, reason: `${this.nodeName}: ${r.message}; the pod stays ContainerCreating, retrying with back-off (next in ${go(delay)}) and as soon as the ${r.waitFor.kind} changes`, details: { node: this.nodeName, volume: r.volume, waitFor: r.waitFor } });
    }
    this.host.waitFor(this.key, r.waitFor);
    ctx.wake(state.at);
    return false;
  }

  private sandboxReady(ctx: SyncContext): boolean {
    if (this.sandboxReadyAt === undefined) {
      // Creating the sandbox and its network takes a moment (CNI ADD).
      this.sandboxReadyAt = ctx.now + 300 + (hashString(`sandbox:${this.uid}`) % 700);
    }
    if (ctx.now < this.sandboxReadyAt) {
      ctx.wake(this.sandboxReadyAt);
      return false;
    }
    if (!this.podIP) {
      this.podIP = this.pod.spec?.hostNetwork ? this.agent.hostIP : this.agent.allocateIP();
      ctx.podIP = this.podIP;
    }
    return true;
  }

  // ---- containers -------------------------------------------------------------------------------

  private runContainers(ctx: SyncContext): void {
    const files = this.volumeFiles!;
    for (const rec of this.init) {
      advanceInstance(ctx, rec);
      const inst = rec.current;
      if (rec.kind === 'sidecar') {
        // Like an app container, a fresh sidecar gets its first probes (and readiness) at once.
        if (!inst || (inst.terminated && this.noticed(ctx, rec))) {
          if (startContainer(ctx, rec, files)) advanceInstance(ctx, rec);
        }
        if (!rec.current?.started || rec.current.terminated) return;
        continue;
      }
      if (inst && !inst.terminated) return;
      if (inst?.terminated) {
        if (!this.noticed(ctx, rec)) return;
        if (inst.terminated.exitCode === 0) continue;
        if (!restartsAfter(this.pod, rec, inst.terminated)) return;
      }
      startContainer(ctx, rec, files);
      return;
    }
    for (const rec of this.containers) {
      advanceInstance(ctx, rec);
      const inst = rec.current;
      if (inst && !inst.terminated) continue;
      if (inst?.terminated) {
        if (!restartsAfter(this.pod, rec, inst.terminated)) continue;
        if (!this.noticed(ctx, rec)) continue;
      }
      // A fresh instance gets its first probes (and readiness) now; its exit waits for a later sync.
      if (startContainer(ctx, rec, files)) advanceInstance(ctx, rec);
    }
  }

  /** The kubelet acts on an exit once PLEG has seen it (about a second later). */
  private noticed(ctx: SyncContext, rec: ContainerRecord): boolean {
    const at = rec.current!.terminated!.finishedAt + PLEG_RELIST_MS;
    if (ctx.now >= at) return true;
    ctx.wake(at);
    return false;
  }

  /** Finishes stops that are due (no probes, no restarts): for pods that are done or going away. */
  private advanceStops(ctx: SyncContext): void {
    for (const rec of this.records()) {
      const inst = rec.current;
      if (!inst || inst.terminated) continue;
      const exitFirst = inst.exitAt !== undefined && (!inst.stop || inst.exitAt <= inst.stop.at);
      if (exitFirst && inst.exitAt! <= ctx.now) finishInstance(ctx, rec, inst.exitAt!, inst.behaviour.end!.exitCode, inst.behaviour.end!.reason, inst.behaviour.end!.why);
      else if (inst.stop && inst.stop.at <= ctx.now) finishInstance(ctx, rec, inst.stop.at, inst.stop.exitCode, inst.stop.reason, inst.stop.cause);
      else {
        if (inst.stop) ctx.wake(inst.stop.at);
        if (inst.exitAt !== undefined) ctx.wake(inst.exitAt);
      }
    }
  }

  private stopAll(ctx: SyncContext, graceSeconds: number, cause: string): number {
    let doneAt = ctx.now;
    for (const rec of this.records()) {
      rec.pull = undefined;
      const inst = rec.current;
      if (!inst || inst.terminated) continue;
      if (!inst.stop) {
        this.host.event(this.pod, this.nodeName, 'Normal', 'Killing', `Stopping container ${rec.name}`, rec.fieldPath);
        requestStop(ctx, rec, inst, ctx.now, graceSeconds, cause);
      }
      doneAt = Math.max(doneAt, Math.min(inst.stop!.at, inst.exitAt ?? Number.POSITIVE_INFINITY));
    }
    return doneAt;
  }

  /** Job-style pods: once every app container is done for good, sidecars are stopped and the pod ends. */
  private checkCompletion(ctx: SyncContext): void {
    const initFailed = this.init.some((r) => r.kind === 'init' && r.current?.terminated && r.current.terminated.exitCode !== 0 && !restartsAfter(this.pod, r, r.current.terminated));
    const appsDone = this.containers.every((r) => r.current?.terminated && !restartsAfter(this.pod, r, r.current.terminated));
    if (!initFailed && !appsDone) return;
    const sidecarsRunning = this.init.filter((r) => r.kind === 'sidecar' && r.current && !r.current.terminated);
    if (sidecarsRunning.length) {
      for (const rec of sidecarsRunning) {
        if (rec.current!.stop) continue;
        this.host.event(this.pod, this.nodeName, 'Normal', 'Killing', `Stopping container ${rec.name}`, rec.fieldPath);
        requestStop(ctx, rec, rec.current!, ctx.now, this.pod.spec?.terminationGracePeriodSeconds ?? 30, 'the main containers have finished');
      }
      return;
    }
    const failed = initFailed || this.containers.some((r) => r.current!.terminated!.exitCode !== 0);
    this.terminal = { phase: failed ? 'Failed' : 'Succeeded' };
    const codes = this.containers.map((r) => `${r.name}=${r.current?.terminated?.exitCode ?? '-'}`).join(', ');
    this.host.decide(this.pod, {
      action: `pod ${failed ? 'failed' : 'succeeded'}`,
      reason: `${this.nodeName}: ${initFailed ? 'an init container failed and restartPolicy is Never' : `every container has exited and restartPolicy ${this.pod.spec?.restartPolicy ?? 'Always'} restarts none of them (exit codes ${codes})`}`,
      details: { node: this.nodeName, phase: this.terminal.phase },
    });
    this.releaseResources();
  }

  private checkDeadline(ctx: SyncContext): void {
    const ads = this.pod.spec?.activeDeadlineSeconds;
    if (ads === undefined || ads === null || this.startTime === undefined) return;
    const at = this.startTime + ads * 1000;
    if (ctx.now < at) {
      ctx.wake(at);
      return;
    }
    if (this.flag(FLAG_DEADLINE_HIT)) return;
    this.setFlag(FLAG_DEADLINE_HIT, true);
    this.host.event(this.pod, this.nodeName, 'Normal', 'DeadlineExceeded', DEADLINE_MESSAGE);
    this.stopAll(ctx, this.pod.spec?.terminationGracePeriodSeconds ?? 30, 'activeDeadlineSeconds exceeded');
    this.terminal = { phase: 'Failed', reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE };
    this.host.decide(this.pod, { action: 'pod failed: DeadlineExceeded', reason: `${this.nodeName}: running for ${ads}s reached activeDeadlineSeconds ${ads}; its containers are stopped`, details: { node: this.nodeName, activeDeadlineSeconds: ads } });
    this.releaseResources();
  }

  // ---- termination --------------------------------------------------------------------------

  private syncTerminating(ctx: SyncContext): void {
    if (!this.killing) {
      const grace = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
      const running = this.records().filter((r) => r.current && !r.current.terminated).length;
      const doneAt = this.stopAll(ctx, grace, 'pod deleted');
      this.killing = { startedAt: ctx.now, doneAt, grace };
      this.host.decide(this.pod, {
        action: `stopping pod (${running} running container${running === 1 ? '' : 's'})`,
        reason: `${this.nodeName}: deletion requested with grace period ${grace}s; the containers stop in ${go(doneAt - ctx.now)}, then the pod object is removed`,
        details: { node: this.nodeName, gracePeriodSeconds: grace, stopsInMs: doneAt - ctx.now },
      });
    }
    this.advanceStops(ctx);
    if (this.records().some((r) => r.current && !r.current.terminated)) {
      this.writeStatus(ctx, false);
      return;
    }
    this.remove(ctx);
  }

  private remove(ctx: SyncContext): void {
    const k = this.killing;
    if (!this.rejected) this.writeStatus(ctx, true);
    this.releaseResources();
    if (!this.flag(FLAG_REMOVED)) {
      this.host.decide(this.pod, {
        action: 'removed pod object',
        reason: k
          ? `${this.nodeName}: all containers stopped ${go(ctx.now - k.startedAt)} after the deletion request (grace period ${k.grace}s)`
          : `${this.nodeName}: the pod ran no containers`,
        details: { node: this.nodeName },
      });
    }
    this.io.deletePod(this.pod);
  }

  private releaseResources(): void {
    if (this.flag(FLAG_RELEASED)) return;
    this.setFlag(FLAG_RELEASED, true);
    this.agent.release(this.uid);
    if (this.podIP && !this.pod.spec?.hostNetwork) this.agent.releaseIP(this.podIP);
  }

  // ---- status ---------------------------------------------------------------------------------

  private writeStatus(ctx: SyncContext, podIsTerminal: boolean): void {
    const forced = this.terminal?.reason ? { phase: this.terminal.phase, reason: this.terminal.reason, message: this.terminal.message ?? '' } : undefined;
    const status = buildPodStatus({
      pod: this.pod,
      now: ctx.now,
      iso: isoOf,
      hostIP: this.agent.hostIP,
      podIP: this.podIP,
      startTime: this.startTime,
      qosClass: this.qosClass,
      sandboxReady: this.sandboxReadyAt !== undefined && ctx.now >= this.sandboxReadyAt && !!this.podIP,
      init: this.init,
      containers: this.containers,
      podIsTerminal: podIsTerminal || !!this.terminal,
      forced,
    });
    if (this.terminal && !forced) status.phase = this.terminal.phase;
    if (sameJson(this.pod.status, status)) return;
    this.written = this.io.writeStatus(this.pod, status);
  }
}

function annotationsText(annotations: Record<string, string> | undefined): string {
  return annotations ? JSON.stringify(annotations) : '';
}
