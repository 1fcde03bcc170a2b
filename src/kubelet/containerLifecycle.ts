// One container's life on a node: back-off, image, configuration, create and start; then, while it
// runs, its planned exit, its probes and the kills they cause. Mirrors kuberuntime's startContainer
// (EnsureImageExists → generateContainerConfig → CreateContainer → StartContainer) and doBackOff,
// with the kubelet's exact event texts. Images: imagePull.ts; probes: probeRunner.ts; stopping:
// containerStop.ts.
import type { Pod } from '../api/types.js';
import { imageId } from '../sim/imageCatalog.js';
import type { ImageRef } from '../sim/imageRef.js';
import { containerIdFor } from './containerId.js';
import { containerBehaviour, readWorkloadScript, type WorkloadScript } from '../sim/workload.js';
import { ContainerInstance, NO_PROBES, type InstanceProbes } from './containerInstance.js';
import { DeferredProgram } from './deferredProgram.js';
import { instanceFiles } from './instanceFiles.js';
import { shareEnv, sharedText } from './sharedByContent.js';
import { finishInstance } from './containerStop.js';
import { ensureImage } from './imagePull.js';
import { outcomeSource, probeAccessSource, runProbes } from './probeRunner.js';
import { podRef } from './restartPolicy.js';
import { resolveEnv } from './envVars.js';
import { formatGoDuration as go } from './goDuration.js';
import { ProbeWorker, resolveProbe } from './probes.js';
import type { ContainerRecord, SyncContext } from './podState.js';
import type { ProgramContext } from '../sim/program.js';
import { podSecretValues, secretRedactor } from './secretRedaction.js';

/** How long after a container exits before the kubelet notices (PLEG relists every second). */
export const PLEG_RELIST_MS = 1000;
/** The pod worker's resync while something keeps failing (backOffPeriod). */
export const RESYNC_ON_ERROR_MS = 10_000;

export { requestStop, finishInstance } from './containerStop.js';
export { willRestart, restartPolicy, podRef } from './restartPolicy.js';
export { defaultPullPolicy } from './imagePull.js';

function scriptFor(pod: Pod, rec: ContainerRecord): WorkloadScript {
  return readWorkloadScript(pod.metadata.annotations, rec.name, rec.kind === 'init').script;
}

// ---- starting -------------------------------------------------------------------------------

/**
 * Moves a container that is not running toward running. Returns true when it started in this
 * sync. `volumeFiles` are the pod's mounted volumes.
 */
export function startContainer(ctx: SyncContext, rec: ContainerRecord, volumeFiles: ReadonlyMap<string, ReadonlyMap<string, string>>): boolean {
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
  const restart = last !== undefined;
  const inst = createInstance(ctx, rec, ref, env.env, volumeFiles, now, rec.restartCount + (restart ? 1 : 0));
  const behaviour = inst.behaviour;

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

/**
 * A container instance as the runtime starts it at `startedAt`: its behaviour (from the workload
 * model), its files and its probe workers (its log is made when first used). Used for a fresh start
 * and, with the original start time, for a container a restarted kubelet adopts.
 */
export function createInstance(
  ctx: SyncContext,
  rec: ContainerRecord,
  ref: ImageRef,
  env: Readonly<Record<string, string>>,
  volumeFiles: ReadonlyMap<string, ReadonlyMap<string, string>>,
  startedAt: number,
  instanceNumber: number,
  id?: string,
): ContainerInstance {
  const { pod } = ctx;
  // The kubelet's own /etc/resolv.conf, /etc/hosts and /etc/hostname, then the volumes mounted over them.
  const files = instanceFiles(pod, ctx.podIP, rec.spec, volumeFiles);
  const script = scriptFor(pod, rec);
  const programContext: ProgramContext = { env: shareEnv(env), files, hostname: pod.spec?.hostname ?? pod.metadata.name ?? '', podIP: ctx.podIP, startEpochMs: startedAt, cpuCount: ctx.agent.cpuCount() };
  const behaviour = containerBehaviour(rec.spec, ref, programContext, script, `${pod.metadata.uid}/${rec.name}`);
  behaviour.program = new DeferredProgram(behaviour.program, rec.spec, ref, programContext);
  // The behaviour is new and ours: its texts are swapped for the copies other containers share.
  behaviour.summary = sharedText(behaviour.summary);
  if (behaviour.end) behaviour.end.why = sharedText(behaviour.end.why);
  const startup = resolveProbe('startup', rec.spec.startupProbe, rec.spec);
  const liveness = resolveProbe('liveness', rec.spec.livenessProbe, rec.spec);
  const readiness = resolveProbe('readiness', rec.spec.readinessProbe, rec.spec);
  const probes: InstanceProbes =
    startup || liveness || readiness
      ? {
          ...(startup ? { startup: new ProbeWorker(startup, startedAt) } : {}),
          ...(liveness ? { liveness: new ProbeWorker(liveness, startedAt) } : {}),
          ...(readiness ? { readiness: new ProbeWorker(readiness, startedAt) } : {}),
        }
      : NO_PROBES;
  const inst = new ContainerInstance(
    id ?? containerIdFor(pod.metadata.uid ?? '', rec.name, instanceNumber, startedAt),
    ref,
    imageId(ref),
    startedAt,
    behaviour,
    files,
    probes,
    rec.name,
    secretRedactor(podSecretValues(ctx.host.cp.store, pod)),
  );
  if (probes !== NO_PROBES) inst.accessLines = probeAccessSource(inst, ctx.agent.gatewayIP(ctx.podIP));
  return inst;
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

