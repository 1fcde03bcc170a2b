// How a simulated container answers its probes, from its behaviour (workload.ts): nothing answers
// during warm-up ("connection refused"), ports the program does not listen on are refused, the
// readiness/liveness annotations and built-in health schedules make it answer 503/500, and exec
// probes that check a file follow the script's file changes. Also when an answer may next change,
// so the kubelet's probe workers can sleep until then.
import type { ContainerBehaviour, HealthScript } from './workload.js';


export type ProbeType = 'startup' | 'readiness' | 'liveness';

export interface ProbeTarget {
  kind: 'http' | 'tcp' | 'grpc' | 'exec';
  /** Resolved port number (named ports already looked up). */
  port?: number;
  host?: string;
  path?: string;
  scheme?: string;
  command?: string[];
}

export interface ProbeOutcome {
  ok: boolean;
  /** The text after `Liveness probe failed: ` in the Unhealthy event. */
  message?: string;
  /** True when the failure is the app not listening (connection refused), not a bad answer. */
  refused?: boolean;
}

/** The file an exec probe checks (`cat /tmp/healthy`, `test -e f`, `ls f`, `[ -f f ]`), if that is all it does. */
export function execProbeFile(command: string[] | undefined): string | undefined {
  if (!command?.length) return undefined;
  let argv = command;
  if (/(^|\/)(sh|bash|ash)$/.test(argv[0]) && /^-[a-z]*c[a-z]*$/.test(argv[1] ?? '')) argv = (argv[2] ?? '').trim().split(/\s+/);
  const exe = argv[0]?.replace(/^.*\//, '');
  if ((exe === 'cat' || exe === 'ls' || exe === 'stat') && argv.length === 2) return argv[1];
  if (exe === 'test' && argv.length === 3 && /^-[efsr]$/.test(argv[1])) return argv[2];
  if (exe === '[' && argv.length === 4 && /^-[efsr]$/.test(argv[1]) && argv[3] === ']') return argv[2];
  return undefined;
}

function targetText(t: ProbeTarget, podIP: string): { url?: string; hostPort: string } {
  const host = t.host || podIP;
  const hostPort = `${host}:${t.port ?? 80}`;
  if (t.kind !== 'http') return { hostPort };
  const scheme = (t.scheme ?? 'HTTP').toLowerCase();
  const path = t.path ? (t.path.startsWith('/') ? t.path : `/${t.path}`) : '/';
  return { url: `${scheme}://${hostPort}${path}`, hostPort };
}

function refused(t: ProbeTarget, podIP: string, timeoutSeconds: number): ProbeOutcome {
  const { url, hostPort } = targetText(t, podIP);
  switch (t.kind) {
    case 'http':
      return { ok: false, refused: true, message: `Get "${url}": dial tcp ${hostPort}: connect: connection refused` };
    case 'tcp':
      return { ok: false, refused: true, message: `dial tcp ${hostPort}: connect: connection refused` };
    case 'grpc':
      return { ok: false, refused: true, message: `timeout: failed to connect service "${hostPort}" within ${timeoutSeconds}s` };
    case 'exec':
      return { ok: false, refused: true, message: '' };
  }
}

function unhealthy(t: ProbeTarget, type: ProbeType, podIP: string, timeoutSeconds: number): ProbeOutcome {
  switch (t.kind) {
    case 'http':
      return { ok: false, message: `HTTP probe failed with statuscode: ${type === 'readiness' ? 503 : 500}` };
    case 'tcp':
      return refused(t, podIP, timeoutSeconds);
    case 'grpc':
      return { ok: false, message: 'service unhealthy (responded with "NOT_SERVING")' };
    case 'exec':
      return { ok: false, message: '' };
  }
}

function scriptFailing(script: HealthScript, sinceStartMs: number, warmupMs: number): boolean {
  switch (script.mode) {
    case 'ok':
      return false;
    case 'fail':
      return true;
    case 'fail-after':
      return sinceStartMs >= script.afterMs;
    case 'flap': {
      const since = sinceStartMs - warmupMs;
      return since >= 0 && Math.floor(since / script.periodMs) % 2 === 1;
    }
  }
}

export interface ProbeQuery {
  behaviour: ContainerBehaviour;
  type: ProbeType;
  target: ProbeTarget;
  sinceStartMs: number;
  podIP: string;
  timeoutSeconds: number;
  /** For exec probes that check a file: whether it exists at that moment (from the script's run). */
  fileExists?: (path: string) => boolean;
  /** Files mounted into the container (a probe may check one). */
  mountedFiles?: ReadonlyMap<string, string>;
}

/** How one probe answers at a moment of the container's life. */
export function probeOutcome(q: ProbeQuery): ProbeOutcome {
  const { behaviour: b, type, target, sinceStartMs, podIP, timeoutSeconds } = q;
  const ports = b.program.ports;
  if (target.kind !== 'exec' && target.port !== undefined && ports !== undefined && !ports.includes(target.port)) return refused(target, podIP, timeoutSeconds);
  if (target.kind !== 'exec' && sinceStartMs < b.warmupMs) return refused(target, podIP, timeoutSeconds);
  if (target.kind === 'exec') {
    const file = execProbeFile(target.command);
    if (file !== undefined) {
      const exists = q.fileExists?.(file) ?? q.mountedFiles?.has(file) ?? false;
      if (!exists) return { ok: false, message: fileMissingMessage(target.command!, file) };
    } else if (sinceStartMs < b.warmupMs) {
      return refused(target, podIP, timeoutSeconds);
    }
  }
  if (type === 'startup') return { ok: true };
  if (type === 'liveness' && target.kind === 'http' && b.program.healthFailsAfterMs !== undefined && sinceStartMs >= b.program.healthFailsAfterMs) {
    return { ok: false, message: 'HTTP probe failed with statuscode: 500' };
  }
  const script = type === 'readiness' ? b.readiness : b.liveness;
  if (scriptFailing(script, sinceStartMs, b.warmupMs)) return unhealthy(target, type, podIP, timeoutSeconds);
  return { ok: true };
}

function fileMissingMessage(command: string[], file: string): string {
  const text = command.join(' ');
  if (/\bcat\b/.test(text)) return `cat: can't open '${file}': No such file or directory`;
  if (/\bls\b/.test(text)) return `ls: ${file}: No such file or directory`;
  if (/\bstat\b/.test(text)) return `stat: can't stat '${file}': No such file or directory`;
  return '';
}

/**
 * The next moment (ms since start, after `sinceStartMs`) at which a probe's answer may change
 * because of warm-up, an annotation or a built-in health schedule; undefined when it never will.
 * (Exec probes on files also change when the script touches them: the caller tracks those.)
 */
export function nextProbeChange(b: ContainerBehaviour, type: ProbeType, sinceStartMs: number): number | undefined {
  const candidates: number[] = [b.warmupMs];
  if (type !== 'startup') {
    const script = type === 'readiness' ? b.readiness : b.liveness;
    if (script.mode === 'fail-after') candidates.push(script.afterMs);
    if (script.mode === 'flap') {
      const since = sinceStartMs - b.warmupMs;
      const k = since < 0 ? 0 : Math.floor(since / script.periodMs) + 1;
      candidates.push(b.warmupMs + k * script.periodMs);
    }
    if (type === 'liveness' && b.program.healthFailsAfterMs !== undefined) candidates.push(b.program.healthFailsAfterMs);
  }
  let next: number | undefined;
  for (const c of candidates) if (c > sinceStartMs && (next === undefined || c < next)) next = c;
  return next;
}
