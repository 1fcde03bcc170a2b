// Running a container's probe workers against the workload model: what each probe answers and when
// that can change, the Unhealthy events, readiness changes, and the kill after a liveness or startup
// probe reaches its failure threshold. Also the access-log lines HTTP probes leave in web servers.
import { probeAccessLine } from '../sim/programOutput.js';
import { execProbeFile, nextProbeChange, probeOutcome, type ProbeOutcome, type ProbeType } from '../sim/workload.js';
import type { LogLine } from './containerLogs.js';
import { requestStop } from './containerStop.js';
import { formatGoDuration as go } from './goDuration.js';
import type { ContainerInstance, ContainerRecord, SyncContext } from './podState.js';
import type { OutcomeSource } from './probes.js';
import { willRestart } from './restartPolicy.js';

const PROBE_NAMES: Record<ProbeType, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

export function outcomeSource(ctx: SyncContext, inst: ContainerInstance, type: ProbeType): OutcomeSource {
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

export function runProbes(ctx: SyncContext, rec: ContainerRecord, inst: ContainerInstance, upTo: number): void {
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

/** nginx/Apache access-log lines for the HTTP probes that reached the container, computed on read. */
export function probeAccessSource(inst: ContainerInstance, sourceIp: string): ((from: number, to: number, limit: number) => LogLine[]) | undefined {
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

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
