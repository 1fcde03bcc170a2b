// Probe workers on the virtual clock. A worker ticks every `periodSeconds` from the container's start
// (ticks before `initialDelaySeconds` do not probe), and counts consecutive successes and failures
// against the thresholds, as pkg/kubelet/prober does. It never sets a timer per tick: outcomes are
// piecewise constant (warm-up, annotations, a script's file changes), so a worker jumps over a
// stretch of identical answers in one step and asks to be woken only where something can change,
// or at the next tick while it is failing (each failed probe is an Unhealthy event).
import type { Container, core } from '../api/types.js';
import type { ProbeOutcome, ProbeTarget, ProbeType } from '../sim/workload.js';

export interface ResolvedProbe {
  type: ProbeType;
  target: ProbeTarget;
  periodMs: number;
  initialDelayMs: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  /** Probe-level terminationGracePeriodSeconds (liveness and startup only). */
  terminationGraceSeconds?: number;
}

/** The probe with the API defaults applied (delay 0, timeout 1, period 10, success 1, failure 3). */
export function resolveProbe(type: ProbeType, probe: core.Probe | undefined, container: Container): ResolvedProbe | undefined {
  if (!probe) return undefined;
  let target: ProbeTarget;
  if (probe.httpGet) {
    target = { kind: 'http', port: resolvePort(probe.httpGet.port, container), host: probe.httpGet.host, path: probe.httpGet.path ?? '/', scheme: probe.httpGet.scheme ?? 'HTTP' };
  } else if (probe.tcpSocket) {
    target = { kind: 'tcp', port: resolvePort(probe.tcpSocket.port, container), host: probe.tcpSocket.host };
  } else if (probe.grpc) {
    target = { kind: 'grpc', port: probe.grpc.port };
  } else if (probe.exec) {
    target = { kind: 'exec', command: probe.exec.command ?? [] };
  } else {
    return undefined;
  }
  return {
    type,
    target,
    periodMs: Math.max(1, probe.periodSeconds ?? 10) * 1000,
    initialDelayMs: Math.max(0, probe.initialDelaySeconds ?? 0) * 1000,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
    successThreshold: type === 'readiness' ? Math.max(1, probe.successThreshold ?? 1) : 1,
    terminationGraceSeconds: type === 'readiness' ? undefined : (probe.terminationGracePeriodSeconds ?? undefined),
  };
}

/** A named port (`http`) is looked up among the container's ports; undefined when it names none. */
export function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export interface ProbeAdvance {
  /** The result changed (readiness became ready / not ready, startup succeeded) at this tick. */
  changedAt?: number;
  /** Liveness/startup reached the failure threshold at this tick: the container must be killed. */
  thresholdAt?: number;
  /** The last failed probe processed, for the Unhealthy event. */
  lastFailure?: { at: number; outcome: ProbeOutcome };
  /** How many probes failed in this advance. */
  failures: number;
}

export interface OutcomeSource {
  /** The answer at an epoch time. */
  at(time: number): ProbeOutcome;
  /** The next epoch time after `time` at which the answer may change, if any. */
  nextChange(time: number): number | undefined;
}

export class ProbeWorker {
  /** Readiness: ready; startup: succeeded; liveness: healthy. */
  result: boolean;
  consecutiveFailures = 0;
  consecutiveSuccesses = 0;
  /** Set when a liveness/startup worker has decided the container must die, or startup succeeded. */
  done = false;
  /** The next tick not yet evaluated (epoch ms). */
  private nextTick: number;
  private evaluated = false;

  constructor(
    readonly spec: ResolvedProbe,
    readonly startedAt: number,
  ) {
    this.result = spec.type === 'liveness';
    const first = Math.ceil(spec.initialDelayMs / spec.periodMs) * spec.periodMs;
    this.nextTick = startedAt + first;
  }

  /** Ticks from now on only count at or after `time` (liveness/readiness wait for startup). */
  notBefore(time: number): void {
    if (this.nextTick >= time) return;
    const k = Math.ceil((time - this.startedAt) / this.spec.periodMs);
    this.nextTick = this.startedAt + k * this.spec.periodMs;
  }

  /** Evaluates every tick up to `now`, jumping over stretches where the answer cannot change. */
  advance(now: number, source: OutcomeSource): ProbeAdvance {
    const out: ProbeAdvance = { failures: 0 };
    const period = this.spec.periodMs;
    while (!this.done && this.nextTick <= now) {
      const t = this.nextTick;
      const outcome = source.at(t);
      const change = source.nextChange(t);
      const segmentEnd = Math.min(now, change === undefined ? now : change - 1);
      const n = Math.max(1, Math.floor((segmentEnd - t) / period) + 1);
      const last = t + (n - 1) * period;
      this.evaluated = true;
      if (outcome.ok) this.successes(t, n, out);
      else this.failuresFor(t, n, outcome, out);
      if (!this.done) this.nextTick = last + period;
      else this.nextTick = Number.POSITIVE_INFINITY;
    }
    return out;
  }

  /** When this worker next needs a look: the next tick while it is failing or unsettled, else where the answer may change. */
  wakeAt(source: OutcomeSource): number | undefined {
    if (this.done) return undefined;
    const unsettled = !this.evaluated || this.consecutiveFailures > 0 || (this.spec.type !== 'liveness' && !this.result);
    if (unsettled) return this.nextTick;
    const change = source.nextChange(this.nextTick - this.spec.periodMs);
    if (change === undefined) return undefined;
    if (change <= this.nextTick) return this.nextTick;
    const k = Math.ceil((change - this.startedAt) / this.spec.periodMs);
    return this.startedAt + k * this.spec.periodMs;
  }

  private successes(t: number, n: number, out: ProbeAdvance): void {
    this.consecutiveFailures = 0;
    const before = this.consecutiveSuccesses;
    this.consecutiveSuccesses += n;
    if (this.spec.type === 'startup') {
      this.result = true;
      this.done = true;
      out.changedAt = t;
      return;
    }
    if (!this.result && this.consecutiveSuccesses >= this.spec.successThreshold) {
      this.result = true;
      out.changedAt = t + Math.max(0, this.spec.successThreshold - before - 1) * this.spec.periodMs;
    }
  }

  private failuresFor(t: number, n: number, outcome: ProbeOutcome, out: ProbeAdvance): void {
    this.consecutiveSuccesses = 0;
    const before = this.consecutiveFailures;
    const threshold = this.spec.failureThreshold;
    if (this.spec.type !== 'readiness' && before + n >= threshold) {
      // Liveness and startup stop at the failing probe that reaches the threshold.
      const k = Math.max(0, threshold - before - 1);
      this.consecutiveFailures = threshold;
      out.failures += k + 1;
      out.lastFailure = { at: t + k * this.spec.periodMs, outcome };
      out.thresholdAt = t + k * this.spec.periodMs;
      this.result = false;
      this.done = true;
      return;
    }
    this.consecutiveFailures = before + n;
    out.failures += n;
    out.lastFailure = { at: t + (n - 1) * this.spec.periodMs, outcome };
    if (this.spec.type === 'readiness' && this.result && this.consecutiveFailures >= threshold) {
      this.result = false;
      out.changedAt = t + Math.max(0, threshold - before - 1) * this.spec.periodMs;
    }
  }
}
