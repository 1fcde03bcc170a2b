// One container's life on a node: back-off, image, configuration, create and start; then, while it
// runs, its planned exit, its probes and the kills they cause. Mirrors kuberuntime's startContainer
// (EnsureImageExists → generateContainerConfig → CreateContainer → StartContainer) and doBackOff,
// with the kubelet's exact event texts.
import type { Pod } from '../api/types.js';
import { imageId, failedPullMs, imageInfo, manifestCheckMs, pullDurationMs, hexOf } from '../sim/imageCatalog.js';
import { parseImageRef, pullErrorMessage, pullFailureOf, type ImageRef } from '../sim/imageRef.js';
import {
  containerBehaviour,
  execProbeFile,
  nextProbeChange,
  probeOutcome,
  readWorkloadScript,
  terminationReason,
  type ProbeOutcome,
  type ProbeType,
  type WorkloadScript,
} from '../sim/workload.js';
import { probeAccessLine, shutdownLines } from '../sim/programOutput.js';
import { InstanceLog, type LogLine } from './containerLogs.js';
import { resolveEnv } from './envVars.js';
import { formatGoDuration as go } from './goDuration.js';
import { ProbeWorker, resolveProbe, type OutcomeSource } from './probes.js';
import type { ContainerInstance, ContainerRecord, SyncContext } from './podState.js';
import { containerFiles } from './volumes.js';

/** How long after a container exits before the kubelet notices (PLEG relists every second). */
export const PLEG_RELIST_MS = 1000;
/** The pod worker's resync while something keeps failing (backOffPeriod). */
export const RESYNC_ON_ERROR_MS = 10_000;

const PROBE_NAMES: Record<ProbeType, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

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

function scriptFor(pod: Pod, rec: ContainerRecord): WorkloadScript {
  return readWorkloadScript(pod.metadata.annotations, rec.name, rec.kind === 'init').script;
}

// ---- starting -------------------------------------------------------------------------------

/**
 * Moves a container that is not running toward running. Returns true when it started in this
 * sync. `volumeFiles` are the pod's mounted volumes.
 */
export function startContainer(ctx: SyncContext, rec: ContainerRecord, volumeFiles: Map<string, Map<string, string>>): boolean {
  const { now, pod } = ctx;
  const last = rec.current;
  if (last?.terminated) {
    const finishedAt = last.terminated.finishedAt;
    if (ctx.crashBackoff.isInBackOffSince(rec.name, finishedAt, now)) {
      const delay = ctx.crashBackoff.get(rec.name);
      rec.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${go(delay)} restarting failed container=${rec.name} pod=${podRef(pod)}` };
      ctx.host.event(pod, ctx.nodeName, 'Warning', 'BackOff', `Back-off restarting failed container ${rec.name} in pod ${podRef(pod)}`, rec.fieldPath);
      if (rec.backoffAnnounced !== finishedAt) {
        rec.backoffAnnounced = finishedAt;
        ctx.host.decide(pod, {
          action: `back-off ${go(delay)} before restarting container ${rec.name}`,
          reason: `${ctx.nodeName}: it exited with code ${last.terminated.exitCode} (${last.terminated.reason}); restart ${rec.restartCount + 1} waits until ${go(delay)} after that exit (crash back-off doubles from 10s to 5m0s, resets after 10m of running)`,
          details: { node: ctx.nodeName, container: rec.name, backoffSeconds: delay / 1000, exitCode: last.terminated.exitCode, restartCount: rec.restartCount },
        });
      }
      ctx.wake(Math.min(finishedAt + delay, now + RESYNC_ON_ERROR_MS));
      return false;
    }
  }
  const ref = ensureImage(ctx, rec);
  if (!ref) return false;

  const hostIP = ctx.agent.hostIP;
  const env = resolveEnv(rec.spec, { store: ctx.host.cp.store, pod, node: ctx.agent.node(), podIP: ctx.podIP, hostIP });
  if (!env.ok) {
    if (rec.waiting?.reason !== 'CreateContainerConfigError' || rec.waiting.message !== env.error) {
      ctx.host.decide(pod, {
        action: `waiting for ${env.waitFor.kind} ${env.waitFor.namespace}/${env.waitFor.name} to start container ${rec.name}`,
        reason: `${ctx.nodeName}: ${env.error} (CreateContainerConfigError; retried every ${RESYNC_ON_ERROR_MS / 1000}s and as soon as it changes)`,
        details: { node: ctx.nodeName, container: rec.name, waitFor: env.waitFor },
      });
    }
    rec.waiting = { reason: 'CreateContainerConfigError', message: env.error };
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', `Error: ${env.error}`, rec.fieldPath);
    ctx.host.waitFor(`${pod.metadata.namespace}/${pod.metadata.name}`, env.waitFor);
    ctx.wake(now + RESYNC_ON_ERROR_MS);
    return false;
  }

  // Only a crash back-off counts restarts: a first start or a back-off that has expired starts now.
  if (last?.terminated) ctx.crashBackoff.next(rec.name, last.terminated.finishedAt, now);
  const files = containerFiles(rec.spec, volumeFiles);
  const script = scriptFor(pod, rec);
  const behaviour = containerBehaviour(
    rec.spec,
    ref,
    { env: env.env, files, hostname: pod.spec?.hostname ?? pod.metadata.name ?? '', podIP: ctx.podIP, startEpochMs: now, cpuCount: ctx.agent.cpuCount() },
    script,
    `${pod.metadata.uid}/${rec.name}`,
  );
  const restart = last !== undefined;
  const id = `containerd://${hexOf(`${pod.metadata.uid}/${rec.name}/${rec.restartCount + (restart ? 1 : 0)}`, 64)}`;
  const inst: ContainerInstance = {
    id,
    ref,
    imageID: imageId(ref),
    startedAt: now,
    behaviour,
    files,
    exitAt: behaviour.end ? now + behaviour.end.afterMs : undefined,
    log: new InstanceLog(now, behaviour.program, files),
    probes: {},
    started: false,
    ready: false,
  };
  const startup = resolveProbe('startup', rec.spec.startupProbe, rec.spec);
  const liveness = resolveProbe('liveness', rec.spec.livenessProbe, rec.spec);
  const readiness = resolveProbe('readiness', rec.spec.readinessProbe, rec.spec);
  if (startup) inst.probes.startup = new ProbeWorker(startup, now);
  if (liveness) inst.probes.liveness = new ProbeWorker(liveness, now);
  if (readiness) inst.probes.readiness = new ProbeWorker(readiness, now);
  inst.started = !startup;
  inst.log.extraSource = probeAccessSource(inst, ctx.agent.gatewayIP(ctx.podIP));
  inst.log.narrate(now, `container ${rec.name} started (${ref.normalized}): ${behaviour.summary}`);

  if (restart) rec.restartCount++;
  rec.previous = last;
  rec.current = inst;
  rec.waiting = undefined;
  ctx.host.event(pod, ctx.nodeName, 'Normal', 'Created', `Created container: ${rec.name}`, rec.fieldPath);
  ctx.host.event(pod, ctx.nodeName, 'Normal', 'Started', `Started container ${rec.name}`, rec.fieldPath);
  ctx.host.decide(pod, {
    action: restart ? `restarted container ${rec.name} (restart ${rec.restartCount})` : `started container ${rec.name}`,
    reason: `${ctx.nodeName}: ${behaviour.summary}`,
    details: { node: ctx.nodeName, container: rec.name, image: ref.normalized, restartCount: rec.restartCount, endsAfterMs: behaviour.end?.afterMs ?? null },
  });
  ctx.host.logsChanged(pod.metadata.uid ?? '');
  if (inst.exitAt !== undefined) ctx.wake(inst.exitAt);
  return true;
}

/** EnsureImageExists: returns the parsed image once it is on the node, else sets the waiting reason. */
function ensureImage(ctx: SyncContext, rec: ContainerRecord): ImageRef | undefined {
  const { now, pod } = ctx;
  const raw = rec.spec.image ?? '';
  const parsed = parseImageRef(raw);
  if ('error' in parsed) {
    const message = `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": ${parsed.error}`;
    if (rec.waiting?.reason !== 'InvalidImageName') {
      ctx.host.decide(pod, { action: `cannot start container ${rec.name}: invalid image name`, reason: `${ctx.nodeName}: ${message}`, details: { node: ctx.nodeName, container: rec.name, image: raw } });
    }
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'InspectFailed', message, rec.fieldPath);
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', 'Error: InvalidImageName', rec.fieldPath);
    rec.waiting = { reason: 'InvalidImageName', message };
    return undefined;
  }
  const ref = parsed;
  const images = ctx.agent.images;
  if (rec.pull) {
    const job = rec.pull;
    if (now < job.doneAt) {
      ctx.wake(job.doneAt);
      return undefined;
    }
    rec.pull = undefined;
    images.complete(job);
    if (job.ok) {
      const total = Math.max(job.durationMs, job.doneAt - job.requestedAt);
      ctx.host.event(pod, ctx.nodeName, 'Normal', 'Pulled', `Successfully pulled image "${raw}" in ${go(job.durationMs)} (${go(total)} including waiting). Image size: ${job.sizeBytes} bytes.`, rec.fieldPath);
      ctx.host.decide(pod, { action: `pulled image ${raw} for container ${rec.name}`, reason: `${ctx.nodeName}: ${go(job.durationMs)} (${go(total)} including waiting in the node's pull queue), ${job.sizeBytes} bytes`, details: { node: ctx.nodeName, container: rec.name, image: ref.normalized, durationMs: job.durationMs, sizeBytes: job.sizeBytes } });
      ctx.imageBackoff.delete(raw);
      return ref;
    }
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', `Failed to pull image "${raw}": ${job.error}`, rec.fieldPath);
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', 'Error: ErrImagePull', rec.fieldPath);
    const delay = ctx.imageBackoff.next(raw, now, now);
    rec.waiting = { reason: 'ErrImagePull', message: job.error };
    ctx.host.decide(pod, {
      action: `image pull failed for container ${rec.name}; next attempt in ${go(delay)}`,
      reason: `${ctx.nodeName}: ${job.error} (image pull back-off doubles from 10s to 5m0s)`,
      details: { node: ctx.nodeName, container: rec.name, image: ref.normalized, backoffSeconds: delay / 1000 },
    });
    // The next sync shows ImagePullBackOff; the one at the end of the back-off pulls again.
    ctx.wake(now + PLEG_RELIST_MS);
    return undefined;
  }
  const present = images.has(ref);
  const policy = rec.spec.imagePullPolicy ?? defaultPullPolicy(ref);
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (present) {
      ctx.host.event(pod, ctx.nodeName, 'Normal', 'Pulled', `Container image "${raw}" already present on machine`, rec.fieldPath);
      return ref;
    }
    const message = `Container image "${raw}" is not present with pull policy of Never`;
    if (rec.waiting?.reason !== 'ErrImageNeverPull') {
      ctx.host.decide(pod, { action: `cannot start container ${rec.name}: image not on the node`, reason: `${ctx.nodeName}: ${message}`, details: { node: ctx.nodeName, container: rec.name, image: ref.normalized } });
    }
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'ErrImageNeverPull', message, rec.fieldPath);
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', 'Error: ErrImageNeverPull', rec.fieldPath);
    rec.waiting = { reason: 'ErrImageNeverPull', message };
    return undefined;
  }
  if (ctx.imageBackoff.isInBackOffSinceUpdate(raw, now)) {
    const message = `Back-off pulling image "${raw}"`;
    ctx.host.event(pod, ctx.nodeName, 'Normal', 'BackOff', message, rec.fieldPath);
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', 'Error: ImagePullBackOff', rec.fieldPath);
    rec.waiting = { reason: 'ImagePullBackOff', message };
    const expiry = (ctx.imageBackoff.lastUpdate(raw) ?? now) + ctx.imageBackoff.get(raw);
    ctx.wake(Math.min(expiry, now + RESYNC_ON_ERROR_MS));
    return undefined;
  }
  const script = scriptFor(pod, rec);
  const failure = script.pullFails ? 'tag-not-found' : pullFailureOf(ref);
  const info = imageInfo(ref);
  const duration = failure ? failedPullMs(ref) : (script.pullMs ?? (present ? manifestCheckMs(ref) : pullDurationMs(ref, info)));
  ctx.host.event(pod, ctx.nodeName, 'Normal', 'Pulling', `Pulling image "${raw}"`, rec.fieldPath);
  const job = images.request(ref, now, duration, failure ? pullErrorMessage(ref, failure) : undefined);
  rec.pull = job;
  ctx.host.decide(pod, {
    action: `pulling image ${raw} for container ${rec.name}`,
    reason: `${ctx.nodeName}: ${present ? `policy ${policy} pulls even though the image is on the node` : `not on the node yet (policy ${policy})`}; ${info.sizeBytes} bytes, done in about ${go(job.doneAt - now)}`,
    details: { node: ctx.nodeName, container: rec.name, image: ref.normalized, policy, doneAt: job.doneAt },
  });
  ctx.wake(job.doneAt);
  return undefined;
}

/** The API default: Always for `:latest` or no tag, IfNotPresent otherwise (a digest counts as pinned). */
export function defaultPullPolicy(ref: ImageRef): 'Always' | 'IfNotPresent' {
  if (ref.digest) return 'IfNotPresent';
  return !ref.tag || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

// ---- running --------------------------------------------------------------------------------

/** Brings a running instance up to `now`: its exit, its probes, the kills they cause. */
export function advanceInstance(ctx: SyncContext, rec: ContainerRecord): void {
  const inst = rec.current;
  if (!inst || inst.terminated) return;
  for (let guard = 0; guard < 4 && !inst.terminated; guard++) {
    const endAt = earliest(inst.exitAt, inst.stop?.at);
    // An instance started in this very sync is seen running at least once before it exits.
    if (endAt !== undefined && endAt <= ctx.now && inst.startedAt < ctx.now) {
      // Probes run until the process is gone.
      if (!inst.stop) runProbes(ctx, rec, inst, endAt);
      const stopFirst = inst.stop && (inst.exitAt === undefined || inst.stop.at <= inst.exitAt);
      if (stopFirst && inst.stop!.at <= ctx.now) {
        finishInstance(ctx, rec, inst.stop!.at, inst.stop!.exitCode, inst.stop!.reason, inst.stop!.cause);
      } else if (inst.exitAt !== undefined && inst.exitAt <= ctx.now) {
        const end = inst.behaviour.end!;
        finishInstance(ctx, rec, inst.exitAt, end.exitCode, end.reason, end.why);
      }
      continue;
    }
    if (!inst.stop) runProbes(ctx, rec, inst, ctx.now);
    if (!inst.stop || inst.stop.at > ctx.now) break;
  }
  if (inst.terminated) return;
  updateReadyWithoutProbe(ctx, inst);
  if (inst.exitAt !== undefined) ctx.wake(inst.exitAt);
  if (inst.stop) ctx.wake(inst.stop.at);
  else {
    for (const w of [inst.probes.startup, inst.probes.liveness, inst.probes.readiness]) {
      if (!w) continue;
      const at = w.wakeAt(outcomeSource(ctx, inst, w.spec.type));
      if (at !== undefined) ctx.wake(at);
    }
  }
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** Without a readiness probe a running container is ready once started (and warmed up, with ready-after). */
function updateReadyWithoutProbe(ctx: SyncContext, inst: ContainerInstance): void {
  if (inst.probes.readiness || inst.stop) return;
  if (!inst.started) {
    inst.ready = false;
    return;
  }
  const b = inst.behaviour;
  if (b.readyAfterSet && ctx.now < inst.startedAt + b.warmupMs) {
    inst.ready = false;
    ctx.wake(inst.startedAt + b.warmupMs);
    return;
  }
  inst.ready = true;
}

function outcomeSource(ctx: SyncContext, inst: ContainerInstance, type: ProbeType): OutcomeSource {
  const worker = inst.probes[type]!;
  const target = worker.spec.target;
  const file = target.kind === 'exec' ? execProbeFile(target.command) : undefined;
  return {
    at: (time) =>
      probeOutcome({
        behaviour: inst.behaviour,
        type,
        target,
        sinceStartMs: time - inst.startedAt,
        podIP: ctx.podIP,
        timeoutSeconds: worker.spec.timeoutSeconds,
        fileExists: (path) => inst.log.fileExistsAt(path, time),
        mountedFiles: inst.files,
      }),
    nextChange: (time) => {
      const fromBehaviour = nextProbeChange(inst.behaviour, type, time - inst.startedAt);
      const a = fromBehaviour === undefined ? undefined : inst.startedAt + fromBehaviour;
      const b = file !== undefined ? inst.log.nextFileChange(file, time) : undefined;
      return earliest(a, b);
    },
  };
}

function runProbes(ctx: SyncContext, rec: ContainerRecord, inst: ContainerInstance, upTo: number): void {
  const { pod } = ctx;
  const { startup, liveness, readiness } = inst.probes;
  if (startup && !startup.done) {
    const adv = startup.advance(upTo, outcomeSource(ctx, inst, 'startup'));
    if (adv.lastFailure) reportFailure(ctx, rec, inst, 'startup', adv.lastFailure.at, adv.lastFailure.outcome, adv.failures);
    if (startup.result && adv.changedAt !== undefined) {
      inst.started = true;
      liveness?.notBefore(adv.changedAt);
      readiness?.notBefore(adv.changedAt);
      ctx.host.decide(pod, { action: `container ${rec.name} started (startup probe succeeded)`, reason: `${ctx.nodeName}: startup probe passed ${go(adv.changedAt - inst.startedAt)} after start; liveness and readiness probes begin`, details: { node: ctx.nodeName, container: rec.name } });
    }
    if (adv.thresholdAt !== undefined) {
      kill(ctx, rec, inst, 'startup', adv.thresholdAt, adv.lastFailure?.outcome, startup.spec.terminationGraceSeconds);
      return;
    }
  }
  if (!inst.started) return;
  if (liveness && !liveness.done) {
    const adv = liveness.advance(upTo, outcomeSource(ctx, inst, 'liveness'));
    if (adv.lastFailure) reportFailure(ctx, rec, inst, 'liveness', adv.lastFailure.at, adv.lastFailure.outcome, adv.failures);
    if (adv.thresholdAt !== undefined) {
      kill(ctx, rec, inst, 'liveness', adv.thresholdAt, adv.lastFailure?.outcome, liveness.spec.terminationGraceSeconds);
      return;
    }
  }
  if (readiness) {
    const was = inst.ready;
    const adv = readiness.advance(upTo, outcomeSource(ctx, inst, 'readiness'));
    if (adv.lastFailure) reportFailure(ctx, rec, inst, 'readiness', adv.lastFailure.at, adv.lastFailure.outcome, adv.failures);
    inst.ready = readiness.result;
    if (was !== inst.ready && adv.changedAt !== undefined) {
      ctx.host.decide(pod, inst.ready
        ? { action: `container ${rec.name} is ready`, reason: `${ctx.nodeName}: readiness probe succeeded ${go(adv.changedAt - inst.startedAt)} after start`, details: { node: ctx.nodeName, container: rec.name } }
        : { action: `container ${rec.name} is not ready`, reason: `${ctx.nodeName}: readiness probe failed ${readiness.spec.failureThreshold} times in a row (${adv.lastFailure?.outcome.message ?? ''}); the pod leaves its Services' endpoints but is not restarted`, details: { node: ctx.nodeName, container: rec.name, failureThreshold: readiness.spec.failureThreshold } });
    }
  }
}

function reportFailure(ctx: SyncContext, rec: ContainerRecord, inst: ContainerInstance, type: ProbeType, at: number, outcome: ProbeOutcome, count: number): void {
  const text = `${PROBE_NAMES[type]} probe failed: ${outcome.message ?? ''}`;
  ctx.host.event(ctx.pod, ctx.nodeName, 'Warning', 'Unhealthy', text, rec.fieldPath);
  inst.log.narrate(at, `${type} probe failed${count > 1 ? ` (${count} times)` : ''}: ${outcome.message ?? ''}`);
}

/** The kubelet kills a container whose liveness or startup probe failed failureThreshold times. */
function kill(ctx: SyncContext, rec: ContainerRecord, inst: ContainerInstance, type: 'liveness' | 'startup', at: number, outcome: ProbeOutcome | undefined, probeGrace: number | undefined): void {
  const { pod } = ctx;
  const restart = willRestart(pod, rec, 1);
  const message = `Container ${rec.name} failed ${type} probe${restart ? ', will be restarted' : ''}`;
  ctx.host.event(pod, ctx.nodeName, 'Normal', 'Killing', message, rec.fieldPath);
  const graceSeconds = probeGrace ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  requestStop(ctx, rec, inst, at, graceSeconds, `${type} probe failed`);
  ctx.host.decide(pod, {
    action: `killing container ${rec.name}: ${type} probe failed`,
    reason: `${ctx.nodeName}: ${inst.probes[type]!.spec.failureThreshold} consecutive failures (${outcome?.message || 'no answer'}); ${restart ? 'it will be restarted' : 'restartPolicy Never: it stays down'}`,
    details: { node: ctx.nodeName, container: rec.name, probe: type, failureThreshold: inst.probes[type]!.spec.failureThreshold },
  });
}

/** preStop time: a `sleep` action or an exec `sleep N`. */
function preStopMs(rec: ContainerRecord): number {
  const hook = rec.spec.lifecycle?.preStop as { sleep?: { seconds: number }; exec?: { command?: string[] } } | undefined;
  if (!hook) return 0;
  if (hook.sleep) return hook.sleep.seconds * 1000;
  const text = (hook.exec?.command ?? []).join(' ');
  const m = /\bsleep\s+(\d+(?:\.\d+)?)/.exec(text);
  return m ? Number(m[1]) * 1000 : 0;
}

/**
 * Asks a running instance to stop at `at` with a grace period: it is gone after its preStop hook
 * and its own shutdown time, or is killed (137) when the grace period runs out first.
 */
export function requestStop(ctx: SyncContext, rec: ContainerRecord, inst: ContainerInstance, at: number, graceSeconds: number, cause: string): void {
  if (inst.terminated || inst.stop) return;
  const graceMs = Math.max(0, graceSeconds) * 1000;
  const wanted = preStopMs(rec) + inst.behaviour.shutdownMs;
  const graceful = wanted <= graceMs;
  const exitCode = graceful ? inst.behaviour.gracefulExitCode : 137;
  inst.stop = { at: at + Math.min(graceMs, wanted), exitCode, reason: terminationReason(exitCode), cause };
  inst.ready = false;
  const flavor = inst.behaviour.program.flavor;
  inst.log.narrate(at, `${flavor === 'nginx' ? 'SIGQUIT' : 'SIGTERM'} sent (${cause}); grace period ${graceSeconds}s`);
  if (graceful) inst.log.append(at, shutdownLines(flavor, at, ctx.agent.cpuCount()));
  ctx.wake(inst.stop.at);
}

export function finishInstance(ctx: SyncContext, rec: ContainerRecord, at: number, exitCode: number, reason: string, why: string): void {
  const inst = rec.current!;
  inst.terminated = { exitCode, reason, startedAt: inst.startedAt, finishedAt: at };
  inst.ready = false;
  inst.started = false;
  inst.log.narrate(at, `container ${rec.name} exited with code ${exitCode} (${reason}) after ${go(at - inst.startedAt)}`);
  inst.log.end(at);
  ctx.host.decide(ctx.pod, {
    action: `container ${rec.name} exited with code ${exitCode} (${reason})`,
    reason: `${ctx.nodeName}: ran ${go(at - inst.startedAt)}; ${why}`,
    details: { node: ctx.nodeName, container: rec.name, exitCode, reason, ranMs: at - inst.startedAt },
  });
  ctx.host.logsChanged(ctx.pod.metadata.uid ?? '');
}

/** nginx/Apache access-log lines for the HTTP probes that reached the container, computed on read. */
function probeAccessSource(inst: ContainerInstance, sourceIp: string): ((from: number, to: number, limit: number) => LogLine[]) | undefined {
  const flavor = inst.behaviour.program.flavor;
  if (flavor !== 'nginx' && flavor !== 'httpd' && flavor !== 'php-apache') return undefined;
  const workers = [inst.probes.liveness, inst.probes.readiness].filter((w) => w && w.spec.target.kind === 'http');
  if (!workers.length) return undefined;
  return (from, to, limit) => {
    const out: LogLine[] = [];
    for (const w of workers) {
      const spec = w!.spec;
      const firstK = Math.ceil(spec.initialDelayMs / spec.periodMs);
      const lastK = Math.floor((to - inst.startedAt) / spec.periodMs);
      const lowK = Math.max(firstK, Math.ceil((from - inst.startedAt) / spec.periodMs), lastK - limit + 1);
      for (let k = lowK; k <= lastK; k++) {
        const time = inst.startedAt + k * spec.periodMs;
        const o = probeOutcome({ behaviour: inst.behaviour, type: spec.type, target: spec.target, sinceStartMs: time - inst.startedAt, podIP: '', timeoutSeconds: spec.timeoutSeconds });
        if (o.refused) continue;
        const line = probeAccessLine(flavor, time, sourceIp, spec.target.path ?? '/', o.ok ? 200 : spec.type === 'readiness' ? 503 : 500);
        if (line) out.push({ time, text: line });
      }
    }
    return out.sort((a, b) => a.time - b.time);
  };
}
