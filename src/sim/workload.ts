// Workload behaviour: what a simulated container does, and how its probes answer.
//
// A container has no process, so its behaviour comes from what a reader of the manifest expects
// (program.ts reads the image, command and args: `sleep 30` ends after 30 s with 0, `exit 1` and
// `false` fail at once, nginx serves forever, busybox without a command exits at once). Annotations
// under `sim.kubesim.dev/` on the pod (put them in a template's metadata to reach every replica)
// script the rest. A pod-level key applies to the app containers (not init containers); a key with
// a `.<container>` suffix applies to that one container only, init containers included:
//
//   sim.kubesim.dev/crash-after: 30s        exit after running 30 s, with exit-code (default 1)
//   sim.kubesim.dev/run-for: 45s            exit after running 45 s, with exit-code (default 0)
//   sim.kubesim.dev/exit-code: "2"          the code for crash-after / run-for (0–255)
//   sim.kubesim.dev/oom-after: 1m           OOMKilled (exit 137) after running 1 min
//   sim.kubesim.dev/ready-after: 20s        the app answers nothing for its first 20 s (probes
//                                           fail with "connection refused"); without a readiness
//                                           probe the container is still only Ready after 20 s
//   sim.kubesim.dev/readiness: fail         readiness probes fail (HTTP 503): the pod stays NotReady
//                                           also `fail-after 2m`, `flap 60s` (60 s ok, 60 s failing…)
//   sim.kubesim.dev/liveness: fail          liveness probes fail (HTTP 500): the kubelet kills and
//                                           restarts the container; also `fail-after 2m`, `flap 60s`
//   sim.kubesim.dev/shutdown-seconds: "20"  a graceful stop takes 20 s (default 1–2 s), capped by
//                                           the termination grace period
//   sim.kubesim.dev/pull-seconds: "12"      an image pull takes 12 s
//   sim.kubesim.dev/pull: fail              the registry refuses this pod's images (ErrImagePull)
//   sim.kubesim.dev/crash-after.web: 10s    (any key with a container suffix) only container "web"
//
// Durations are Go-style (`30s`, `2m`, `1h30m`, `500ms`) or bare seconds. A value that cannot be
// read is reported (AnnotationProblem) and ignored, never guessed at.
import type { Container } from '../api/types.js';
import { DurationError, parseDuration } from '../api/duration.js';
import { hashString } from './imageCatalog.js';
import type { ImageRef } from './imageRef.js';
import { buildProgram, type Program, type ProgramContext } from './program.js';

export { execProbeFile, nextProbeChange, probeOutcome } from './probeOutcome.js';
export type { ProbeOutcome, ProbeQuery, ProbeTarget, ProbeType } from './probeOutcome.js';

export const SIM_ANNOTATION_PREFIX = 'sim.kubesim.dev/';

export type HealthScript =
  | { mode: 'ok' }
  | { mode: 'fail' }
  | { mode: 'fail-after'; afterMs: number }
  | { mode: 'flap'; periodMs: number };

export interface WorkloadScript {
  crashAfterMs?: number;
  runForMs?: number;
  exitCode?: number;
  oomAfterMs?: number;
  readyAfterMs?: number;
  readiness: HealthScript;
  liveness: HealthScript;
  shutdownMs?: number;
  pullMs?: number;
  pullFails: boolean;
}

export interface AnnotationProblem {
  key: string;
  message: string;
}

const KNOWN = ['crash-after', 'run-for', 'exit-code', 'oom-after', 'ready-after', 'readiness', 'liveness', 'shutdown-seconds', 'pull-seconds', 'pull'] as const;
type Known = (typeof KNOWN)[number];
/** Keys that belong to the usage model or other parts of kubesim; the workload model leaves them alone. */
const OTHERS = /^(cpu|memory|usage|load|cpu-.*|memory-.*)$/;

const OK: HealthScript = { mode: 'ok' };

export class WorkloadAnnotationError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
    this.name = 'WorkloadAnnotationError';
  }
}

/** A duration annotation, in ms; throws WorkloadAnnotationError naming the key and the allowed forms. */
export function parseSimDuration(key: string, value: string): number {
  try {
    return parseDuration(value);
  } catch (e) {
    if (e instanceof DurationError) throw new WorkloadAnnotationError(key, e.message);
    throw e;
  }
}

function parseSeconds(key: string, value: string): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new WorkloadAnnotationError(key, `invalid number of seconds ${JSON.stringify(value)}: use a number such as "20" or "0.5"`);
  return Math.round(n * 1000);
}

function parseExitCode(key: string, value: string): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n > 255) throw new WorkloadAnnotationError(key, `invalid exit code ${JSON.stringify(value)}: use a whole number from 0 to 255`);
  return n;
}

/** `ok`, `fail`, `fail-after 2m` (or `fail-after: 2m`), `flap 60s`. */
export function parseHealthScript(key: string, value: string): HealthScript {
  const v = value.trim().toLowerCase();
  if (v === 'ok' || v === 'pass' || v === 'succeed' || v === 'true') return OK;
  if (v === 'fail' || v === 'false') return { mode: 'fail' };
  const m = /^(fail-after|flap)\s*[:=]?\s*(.+)$/.exec(v);
  if (m) {
    const ms = parseSimDuration(key, m[2]);
    if (m[1] === 'flap' && ms <= 0) throw new WorkloadAnnotationError(key, 'a flap period must be longer than 0s');
    return m[1] === 'fail-after' ? { mode: 'fail-after', afterMs: ms } : { mode: 'flap', periodMs: ms };
  }
  throw new WorkloadAnnotationError(key, `invalid value ${JSON.stringify(value)}: use ok, fail, "fail-after 2m" or "flap 60s"`);
}

/** The script for one container: its own `.name` keys win over pod-level ones (which skip init containers). */
export function readWorkloadScript(annotations: Record<string, string> | undefined, containerName: string, isInit: boolean): { script: WorkloadScript; problems: AnnotationProblem[] } {
  const script: WorkloadScript = { readiness: OK, liveness: OK, pullFails: false };
  const problems: AnnotationProblem[] = [];
  if (!annotations) return { script, problems };
  for (const name of KNOWN) {
    const own = `${SIM_ANNOTATION_PREFIX}${name}.${containerName}`;
    const shared = `${SIM_ANNOTATION_PREFIX}${name}`;
    const key = annotations[own] !== undefined ? own : !isInit && annotations[shared] !== undefined ? shared : undefined;
    if (!key) continue;
    try {
      apply(script, name, key, annotations[key]);
    } catch (e) {
      if (!(e instanceof WorkloadAnnotationError)) throw e;
      problems.push({ key: e.key, message: e.message });
    }
  }
  return { script, problems };
}

function apply(script: WorkloadScript, name: Known, key: string, value: string): void {
  switch (name) {
    case 'crash-after':
      script.crashAfterMs = parseSimDuration(key, value);
      return;
    case 'run-for':
      script.runForMs = parseSimDuration(key, value);
      return;
    case 'exit-code':
      script.exitCode = parseExitCode(key, value);
      return;
    case 'oom-after':
      script.oomAfterMs = parseSimDuration(key, value);
      return;
    case 'ready-after':
      script.readyAfterMs = parseSimDuration(key, value);
      return;
    case 'readiness':
      script.readiness = parseHealthScript(key, value);
      return;
    case 'liveness':
      script.liveness = parseHealthScript(key, value);
      return;
    case 'shutdown-seconds':
      script.shutdownMs = parseSeconds(key, value);
      return;
    case 'pull-seconds':
      script.pullMs = parseSeconds(key, value);
      return;
    case 'pull': {
      const v = value.trim().toLowerCase();
      if (v !== 'fail' && v !== 'ok') throw new WorkloadAnnotationError(key, `invalid value ${JSON.stringify(value)}: use fail or ok`);
      script.pullFails = v === 'fail';
      return;
    }
  }
}

/**
 * Every problem with a pod's `sim.kubesim.dev/` annotations: bad values and unknown names. For
 * manifest checks and the kubelet's decision log.
 */
export function validateWorkloadAnnotations(annotations: Record<string, string> | undefined): AnnotationProblem[] {
  const problems: AnnotationProblem[] = [];
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (!key.startsWith(SIM_ANNOTATION_PREFIX)) continue;
    const rest = key.slice(SIM_ANNOTATION_PREFIX.length);
    const name = KNOWN.find((k) => rest === k || rest.startsWith(`${k}.`));
    if (!name) {
      if (!OTHERS.test(rest.split('.')[0])) problems.push({ key, message: `${key}: unknown workload annotation (known: ${KNOWN.join(', ')})` });
      continue;
    }
    try {
      apply({ readiness: OK, liveness: OK, pullFails: false }, name, key, value);
    } catch (e) {
      if (!(e instanceof WorkloadAnnotationError)) throw e;
      problems.push({ key, message: e.message });
    }
  }
  return problems;
}

// ---- behaviour ---------------------------------------------------------------------------------

export type TerminationReason = 'Completed' | 'Error' | 'OOMKilled';

export interface ContainerBehaviour {
  program: Program;
  /** How the instance ends by itself; undefined when it runs until stopped. */
  end?: { afterMs: number; exitCode: number; reason: TerminationReason; why: string };
  /** One line for the decision log. */
  summary: string;
  /** Until this long after start, nothing answers probes. */
  warmupMs: number;
  /** Whether `ready-after` was set (it then gates readiness even without a readiness probe). */
  readyAfterSet: boolean;
  readiness: HealthScript;
  liveness: HealthScript;
  /** How long a graceful stop takes (before the grace period caps it). */
  shutdownMs: number;
  /** Exit code after a graceful stop (servers exit cleanly, other programs die of SIGTERM: 143). */
  gracefulExitCode: number;
}

export function terminationReason(exitCode: number, oom = false): TerminationReason {
  if (oom) return 'OOMKilled';
  return exitCode === 0 ? 'Completed' : 'Error';
}

/** Puts the program and the annotations together for one container instance. */
export function containerBehaviour(container: Container, ref: ImageRef, ctx: ProgramContext, script: WorkloadScript, seed: string): ContainerBehaviour {
  const program = buildProgram(container, ref, ctx);
  let end: ContainerBehaviour['end'] = program.end
    ? { ...program.end, reason: terminationReason(program.end.exitCode), why: program.summary }
    : undefined;
  let summary = program.summary;
  const scripted: Array<{ afterMs: number; exitCode: number; reason: TerminationReason; why: string }> = [];
  if (script.crashAfterMs !== undefined) {
    const code = script.exitCode ?? 1;
    scripted.push({ afterMs: script.crashAfterMs, exitCode: code, reason: terminationReason(code), why: `crash-after ${fmt(script.crashAfterMs)} (exit ${code})` });
  }
  if (script.runForMs !== undefined) {
    const code = script.exitCode ?? 0;
    scripted.push({ afterMs: script.runForMs, exitCode: code, reason: terminationReason(code), why: `run-for ${fmt(script.runForMs)} (exit ${code})` });
  }
  if (script.oomAfterMs !== undefined) {
    scripted.push({ afterMs: script.oomAfterMs, exitCode: 137, reason: 'OOMKilled', why: `oom-after ${fmt(script.oomAfterMs)} (OOMKilled, exit 137)` });
  }
  if (scripted.length) {
    const first = scripted.reduce((a, b) => (b.afterMs < a.afterMs ? b : a));
    // The annotation ends the program early; a program that ends sooner on its own still does.
    if (!end || first.afterMs < end.afterMs) {
      end = first;
      summary = `${first.why}, annotated (otherwise: ${program.summary})`;
    }
  } else if (script.exitCode !== undefined && end) {
    end = { ...end, exitCode: script.exitCode, reason: terminationReason(script.exitCode), why: `${end.why}; exit-code ${script.exitCode}` };
    summary = end.why;
  }
  const known = program.flavor !== 'app' && program.flavor !== 'shell' && program.flavor !== 'runtime';
  return {
    program,
    end,
    summary,
    warmupMs: script.readyAfterMs ?? program.warmupMs,
    readyAfterSet: script.readyAfterMs !== undefined,
    readiness: script.readiness,
    liveness: script.liveness,
    shutdownMs: script.shutdownMs ?? 1000 + (hashString(`shutdown:${seed}`) % 1000),
    gracefulExitCode: known ? 0 : 143,
  };
}

function fmt(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  return ms < 1000 ? `${ms}ms` : `${ms / 1000}s`;
}
