// Adopting containers a previous run of the kubelet left on the node (a restored cluster, or a
// kubelet that comes back to pods it never synced). The pod's status says what the runtime has: a
// running container is rebuilt as it started (same ID, same start to the millisecond, so its
// workload timers — sleep, crash-after, ready-after — and its probes go on from there), a
// terminated one as it ended, restart counts and lastState are kept, and the crash and image-pull
// back-offs continue at the step they had reached. Nothing here records an event or a decision:
// all of that happened already.
import type { core, Event, Pod } from '../api/types.js';
import type { Store } from '../store/store.js';
import { parseDuration } from '../api/duration.js';
import { isImageRef, parseImageRef, type ImageRef } from '../sim/imageRef.js';
import { preciseStart } from './containerId.js';
import { advanceInstance, createInstance, requestStop } from './containerLifecycle.js';
import { resolveEnv } from './envVars.js';
import { pullPlan } from './imagePull.js';
import { PAST_PULL_WAITING } from './nodeAgent.js';
import { runProbes } from './probeRunner.js';
import type { ContainerInstance, ContainerRecord, KubeletHost, SyncContext } from './podState.js';

type ContainerStatus = core.ContainerStatus;
type Terminated = core.ContainerStateTerminated;

/** Waiting reasons the kubelet shows without having anything to say (nothing to keep). */
const DEFAULT_WAITING = new Set(['ContainerCreating', 'PodInitializing']);

/** Whether the pod carries status a kubelet wrote: then its worker adopts it rather than starting over. */
export function hasKubeletStatus(pod: Pod): boolean {
  const status = pod.status;
  if (!status) return false;
  if (status.startTime || status.podIP) return true;
  return [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
}

/** The same sync, told to nobody: replaying what already happened records no event and no decision. */
export function silentContext(ctx: SyncContext, now: number): SyncContext {
  const quiet: KubeletHost = { cp: ctx.host.cp, event: () => undefined, decide: () => undefined, waitFor: () => undefined, logsChanged: () => undefined };
  return {
    now,
    pod: ctx.pod,
    nodeName: ctx.nodeName,
    agent: ctx.agent,
    host: quiet,
    get crashBackoff() {
      return ctx.crashBackoff;
    },
    get imageBackoff() {
      return ctx.imageBackoff;
    },
    clearImageBackoff: (image: string) => ctx.clearImageBackoff(image),
    podIP: ctx.podIP,
    wake: () => undefined,
  };
}

/** When an Event was first seen, to the millisecond where its name says it, else its whole second. */
export function eventFirstTime(e: Event): number {
  const first = Date.parse(e.firstTimestamp ?? e.lastTimestamp ?? '');
  // The recorder names an event `<object>.<hex of epoch ns + a counter>`.
  const name = e.metadata.name ?? '';
  const hex = name.slice(name.lastIndexOf('.') + 1);
  if (!Number.isNaN(first) && /^[0-9a-f]{6,16}$/.test(hex)) {
    const ms = Number(BigInt(`0x${hex}`) / 1_000_000n);
    if (ms >= first && ms < first + 1000) return ms;
  }
  return first;
}

/** When an Event was last seen: to the millisecond when it was seen once, else its whole second. */
export function eventTime(e: Event): number {
  if ((e.count ?? 1) === 1) return eventFirstTime(e);
  return Date.parse(e.lastTimestamp ?? e.firstTimestamp ?? '');
}

/**
 * The Events about one object. A restore adopts every pod at one instant, so the Events are grouped
 * by object once for that instant rather than searched once per pod.
 */
const eventIndex = new WeakMap<Store, { now: number; byUid: Map<string, Event[]> }>();
export function eventsAbout(store: Store, now: number, uid: string): Event[] {
  let index = eventIndex.get(store);
  if (!index || index.now !== now) {
    const byUid = new Map<string, Event[]>();
    for (const e of store.list<Event>('Event')) {
      const key = e.involvedObject?.uid;
      if (!key) continue;
      let list = byUid.get(key);
      if (!list) byUid.set(key, (list = []));
      list.push(e);
    }
    index = { now, byUid };
    eventIndex.set(store, index);
    // Only for this burst of adoptions: the Events are not held once the simulation runs on.
    queueMicrotask(() => eventIndex.delete(store));
  }
  return index.byUid.get(uid) ?? [];
}

/**
 * The pod's startTime to the millisecond, where it matters (activeDeadlineSeconds counts from it):
 * the kubelet first synced the pod the moment the scheduler bound it, which its Scheduled Event's
 * name records; otherwise the status's whole second.
 */
export function preciseStartTime(pod: Pod, second: number, events: () => Event[]): number {
  if (pod.spec?.activeDeadlineSeconds === undefined || pod.spec.activeDeadlineSeconds === null) return second;
  for (const e of events()) {
    if (e.reason !== 'Scheduled') continue;
    const at = eventFirstTime(e);
    if (at >= second && at < second + 1000) return at;
  }
  return second;
}

function containerEvents(events: Event[], rec: ContainerRecord, reason: string, test: (message: string) => boolean): Event[] {
  return events.filter((e) => e.reason === reason && e.involvedObject.fieldPath === rec.fieldPath && test((e.message ?? '').replace(/^\(combined from similar events\): /, '')));
}

export interface AdoptionInput {
  ctx: SyncContext;
  rec: ContainerRecord;
  status: ContainerStatus;
  volumeFiles: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The pod's Events (what the kubelet told before): kills under way, failed pulls. */
  events: () => Event[];
}

/** Seeds one container record from its status. */
export function adoptContainer(input: AdoptionInput): void {
  const { ctx, rec, status } = input;
  rec.restartCount = status.restartCount ?? 0;
  const { running, terminated, waiting } = status.state ?? {};
  const last = status.lastState?.terminated;
  const image = status.image || rec.spec.image || '';
  if (running) {
    const inst = adoptRunning(input, image, running, status);
    if (inst) {
      rec.current = inst;
      if (last) rec.previous = adoptEnded(input, image, last);
      // The pod spec moved to another image that this container does not run yet (and no restart
      // for it is under way): the next sync restarts it, as it would have.
      if (!inst.stop && inst.ref.normalized !== parsedImage(rec.spec.image ?? '')?.normalized) rec.spec = { ...rec.spec, image: inst.ref.normalized };
    }
  } else if (terminated) {
    rec.current = adoptEnded(input, image, terminated);
    if (last) rec.previous = adoptEnded(input, image, last);
  } else {
    if (last) rec.current = adoptEnded(input, image, last);
    if (waiting?.reason && !DEFAULT_WAITING.has(waiting.reason)) rec.waiting = waiting.message !== undefined ? { reason: waiting.reason, message: waiting.message } : { reason: waiting.reason };
    if (rec.current?.terminated) rec.backoffAnnounced = rec.current.terminated.finishedAt;
    const ref = PAST_PULL_WAITING.has(waiting?.reason ?? '') ? parsedImage(rec.spec.image ?? '') : undefined;
    if (ref) ctx.agent.images.adopt(ref);
  }
  seedCrashBackoff(ctx, rec, status);
  if (!rec.current) {
    if (waiting?.reason === 'ErrImagePull' || waiting?.reason === 'ImagePullBackOff') adoptFailingPull(ctx, rec, input.events());
    else if (!waiting?.reason || DEFAULT_WAITING.has(waiting.reason)) adoptPullUnderWay(ctx, rec, input.events());
  }
}

function parsedImage(raw: string): ImageRef | undefined {
  const ref = parseImageRef(raw);
  return isImageRef(ref) ? ref : undefined;
}

/** The instance as the runtime started it, or undefined when the status names no usable image. */
function rebuild(input: AdoptionInput, image: string, startedAt: number, containerID: string | undefined): ContainerInstance | undefined {
  const { ctx, rec } = input;
  const ref = parsedImage(image) ?? parsedImage(rec.spec.image ?? '');
  if (!ref) return undefined;
  const env = resolveEnv(rec.spec, { store: ctx.host.cp.store, pod: ctx.pod, node: ctx.agent.node(), podIP: ctx.podIP, hostIP: ctx.agent.hostIP });
  // A container keeps the environment it started with; an object gone since cannot take it back.
  const inst = createInstance(ctx, rec, ref, env.ok ? env.env : {}, input.volumeFiles, startedAt, rec.restartCount, containerID);
  ctx.agent.images.adopt(ref);
  return inst;
}

function adoptRunning(input: AdoptionInput, image: string, running: core.ContainerStateRunning, status: ContainerStatus): ContainerInstance | undefined {
  const { ctx, rec } = input;
  const startedAt = preciseStart(running.startedAt, status.containerID) ?? ctx.now;
  const inst = rebuild(input, image, Math.min(startedAt, ctx.now), status.containerID);
  if (!inst) return undefined;
  // Its probes have been ticking since it started: replay them (quietly) so their counts, the
  // startup probe and the next tick are where the uninterrupted kubelet has them.
  const upTo = Math.min(ctx.now, inst.exitAt ?? Number.POSITIVE_INFINITY);
  const quiet = silentContext(ctx, upTo);
  const kill = mayBeStopping(ctx.pod, rec, inst) ? lastKill(input, inst) : undefined;
  if (kill !== undefined && kill.at <= upTo) {
    runProbes(quiet, rec, inst, kill.at);
    if (!inst.stop) requestStop(silentContext(ctx, kill.at), rec, inst, kill.at, kill.graceSeconds, kill.cause);
  }
  if (!inst.stop) runProbes(quiet, rec, inst, upTo);
  if (status.started && !inst.started) {
    inst.started = true;
    const startup = inst.probes.startup;
    if (startup) {
      startup.done = true;
      startup.result = true;
    }
  }
  // Readiness is what the API last said.
  inst.ready = !!status.ready && !inst.stop;
  if (inst.probes.readiness) inst.probes.readiness.result = inst.ready;
  return inst;
}

/**
 * An instance that has ended, as it ended: replayed from its start, it must exit within the second
 * the status gives and with its exit code, and then it ended at that very millisecond; otherwise
 * (a kill the model cannot see) it ended at the status's second.
 */
function adoptEnded(input: AdoptionInput, image: string, t: Terminated): ContainerInstance | undefined {
  const { ctx, rec } = input;
  const finishedSecond = Date.parse(t.finishedAt ?? '');
  const startedAt = preciseStart(t.startedAt, t.containerID) ?? (Number.isNaN(finishedSecond) ? ctx.now : finishedSecond);
  const finishedFloor = Number.isNaN(finishedSecond) ? startedAt : Math.max(finishedSecond, Math.floor(startedAt / 1000) * 1000);
  const candidate = rebuild(input, image, startedAt, t.containerID);
  if (!candidate) return undefined;
  const probe: ContainerRecord = { ...rec, current: candidate, previous: undefined };
  // Up to the end of that second (half a millisecond more: an instance is seen running before it exits).
  advanceInstance(silentContext(ctx, finishedFloor + 999.5), probe);
  const ended = candidate.terminated;
  if (ended && ended.exitCode === t.exitCode && Math.floor(ended.finishedAt / 1000) * 1000 === finishedFloor) return candidate;
  const inst = rebuild(input, image, startedAt, t.containerID)!;
  const finishedAt = Math.max(startedAt, finishedFloor);
  inst.terminated = { exitCode: t.exitCode, reason: t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error'), ...(t.message ? { message: t.message } : {}), startedAt, finishedAt };
  inst.started = false;
  inst.ready = false;
  inst.log.narrate(finishedAt, `container ${rec.name} exited with code ${t.exitCode} (${inst.terminated.reason})`);
  inst.log.end(finishedAt);
  return inst;
}

/**
 * Whether the kubelet can have asked this running container to stop by itself (not a probe): the
 * pod is being deleted or has ended (its deadline), the spec names another image, or it is a
 * sidecar whose app containers are done. Only then are the pod's Events looked at.
 */
function mayBeStopping(pod: Pod, rec: ContainerRecord, inst: ContainerInstance): boolean {
  if (pod.metadata.deletionTimestamp) return true;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  if (inst.ref.normalized !== parsedImage(rec.spec.image ?? '')?.normalized) return true;
  return rec.kind === 'sidecar' && (pod.status?.containerStatuses ?? []).every((s) => s.state?.terminated);
}

/**
 * The kill the kubelet had already asked of this running instance (its Killing event): the pod's
 * deletion or deadline, or a new image in the spec. Liveness and startup kills come from the replay.
 */
function lastKill(input: AdoptionInput, inst: ContainerInstance): { at: number; graceSeconds: number; cause: string } | undefined {
  const { ctx, rec } = input;
  const stopping = `Stopping container ${rec.name}`;
  const changed = `Container ${rec.name} definition changed, will be restarted`;
  let found: { at: number; cause: string } | undefined;
  for (const e of input.events()) {
    if (e.reason !== 'Killing' || e.involvedObject.fieldPath !== rec.fieldPath) continue;
    if (e.message !== stopping && e.message !== changed) continue;
    const at = eventTime(e);
    if (Number.isNaN(at) || at < inst.startedAt || at > ctx.now) continue;
    if (!found || at > found.at) found = { at, cause: e.message === changed ? 'definition changed' : ctx.pod.metadata.deletionTimestamp ? 'pod deleted' : 'stopping' };
  }
  if (!found) return undefined;
  const pod = ctx.pod;
  const graceSeconds = found.cause === 'pod deleted' ? (pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) : (pod.spec?.terminationGracePeriodSeconds ?? 30);
  return { ...found, graceSeconds };
}

/**
 * Crash back-off: the delay the kubelet had reached and when it last moved (the latest restart, which
 * is the latest instance's start). The CrashLoopBackOff message names the delay; otherwise it is
 * the doubling sequence at this restart count, started over when the instance before the latest
 * ran long enough for the back-off to expire.
 */
function seedCrashBackoff(ctx: SyncContext, rec: ContainerRecord, status: ContainerStatus): void {
  const latest = rec.current;
  if (rec.restartCount <= 0 || !latest) return;
  const backoff = ctx.crashBackoff;
  let delay: number | undefined;
  const waiting = status.state?.waiting;
  const m = waiting?.reason === 'CrashLoopBackOff' ? /^back-off (\S+) restarting/.exec(waiting.message ?? '') : null;
  if (m) {
    try {
      delay = parseDuration(m[1]);
    } catch {
      delay = undefined;
    }
  }
  if (delay === undefined) {
    const before = latest.terminated ? undefined : rec.previous?.terminated;
    const expired = before && before.finishedAt - before.startedAt > 2 * backoff.maxMs;
    delay = expired ? backoff.initialMs : backoff.delayAfter(rec.restartCount);
  }
  backoff.seed(rec.name, delay, latest.startedAt);
}

/**
 * Image-pull back-off. The first "Failed to pull image" Event of the container says when its first
 * pull failed; from there the kubelet pulled again each time the back-off ran out (10 s doubling to
 * 5 min) and each pull took as long to fail, so the step reached, when it was reached and a pull
 * under way now follow. (Counting the Events would not do: the recorder drops a noisy object's.)
 */
function adoptFailingPull(ctx: SyncContext, rec: ContainerRecord, events: Event[]): void {
  const raw = rec.spec.image ?? '';
  const ref = parsedImage(raw);
  if (!ref) return;
  const failed = containerEvents(events, rec, 'Failed', (m) => m.startsWith(`Failed to pull image "${raw}": `));
  const firstFailure = Math.min(...failed.map(eventFirstTime).filter((t) => !Number.isNaN(t)));
  if (!Number.isFinite(firstFailure) || firstFailure > ctx.now) return;
  const backoff = ctx.imageBackoff;
  const plan = pullPlan(ctx, rec, ref, false);
  let lastFailure = firstFailure;
  let steps = 1;
  let underWay: number | undefined;
  for (;;) {
    const retryAt = lastFailure + backoff.delayAfter(steps);
    if (retryAt > ctx.now) break;
    if (retryAt + plan.durationMs > ctx.now) {
      underWay = retryAt;
      break;
    }
    lastFailure = retryAt + plan.durationMs;
    steps++;
  }
  backoff.seed(raw, backoff.delayAfter(steps), lastFailure);
  if (underWay !== undefined) rec.pull = ctx.agent.images.request(ref, underWay, plan.durationMs, plan.error);
}

/** A first pull that was under way (its Pulling Event came after any Pulled or Failed): it goes on. */
function adoptPullUnderWay(ctx: SyncContext, rec: ContainerRecord, events: Event[]): void {
  const raw = rec.spec.image ?? '';
  const ref = parsedImage(raw);
  if (!ref) return;
  const latest = (list: Event[]) => Math.max(Number.NEGATIVE_INFINITY, ...list.map(eventTime).filter((t) => !Number.isNaN(t)));
  const pulling = latest(containerEvents(events, rec, 'Pulling', (m) => m === `Pulling image "${raw}"`));
  if (!Number.isFinite(pulling) || pulling > ctx.now) return;
  const pulled = latest(containerEvents(events, rec, 'Pulled', (m) => m.includes(`image "${raw}"`)));
  const failed = latest(containerEvents(events, rec, 'Failed', (m) => m.startsWith(`Failed to pull image "${raw}": `)));
  if (pulled >= pulling || failed >= pulling) return;
  const plan = pullPlan(ctx, rec, ref, ctx.agent.images.has(ref));
  rec.pull = ctx.agent.images.request(ref, pulling, plan.durationMs, plan.error);
}
