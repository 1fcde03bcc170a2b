// What a container's main process does, read from its image, command, args and environment the way
// a person reading the manifest would: `sleep 30` sleeps 30 s and exits 0, `exit 1` fails at once,
// `sh -c 'while true; do date; sleep 5; done'` prints the date every 5 s forever, nginx serves until
// stopped, busybox without a command exits at once (its `sh` has no terminal), MySQL without a root
// password prints its famous error and exits 1.
import type { Container } from '../api/types.js';
import { imageInfo, type ImageFlavor, type ImageInfo } from './imageCatalog.js';
import type { ImageRef } from './imageRef.js';
import { missingPasswordError, piDigits, startupLines, type TimedText } from './programOutput.js';
import { parseShell, ShellSyntaxError, type List } from './shellParse.js';
import { ShellMachine, type ShellContext, type ShellEnd, type ShellStep } from './shellRun.js';

export interface ProgramContext {
  env: Readonly<Record<string, string>>;
  /** Files mounted from ConfigMaps/Secrets, by absolute path. */
  files?: ReadonlyMap<string, string>;
  hostname: string;
  podIP: string;
  startEpochMs: number;
  cpuCount: number;
}

export interface ProgramEnd {
  afterMs: number;
  exitCode: number;
}

/** The process of one container instance, as far as the simulation needs to know it. */
export interface Program {
  flavor: ImageFlavor;
  /** When it ends on its own; undefined when it runs until stopped. */
  end?: ProgramEnd;
  /** For the decision log: `sleeps 30s, then exits 0`, `runs until stopped (nginx)`. */
  summary: string;
  /** Ports it accepts connections on; undefined when unknown (any probed port answers). */
  ports?: number[];
  /** How long before it accepts connections. */
  warmupMs: number;
  /** An HTTP health endpoint that starts failing after this long (agnhost liveness). */
  healthFailsAfterMs?: number;
  /** Its output and file changes in order, starting afresh on each call. */
  run(): Iterator<ShellStep, ShellEnd | void>;
}

const NO_STEPS: Iterator<ShellStep, void> = { next: () => ({ done: true, value: undefined }) };

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** The argv a container runs: its command and args, or the image's defaults where they are unset. */
export function effectiveArgv(container: Pick<Container, 'command' | 'args'>): string[] | undefined {
  const { command, args } = container;
  if (command?.length) return [...command, ...(args ?? [])];
  if (args?.length) return [...args];
  return undefined;
}

export function buildProgram(container: Container, ref: ImageRef, ctx: ProgramContext): Program {
  const info = imageInfo(ref);
  const version = versionOf(ref, info);
  const out = { startEpochMs: ctx.startEpochMs, version, podIP: ctx.podIP, cpuCount: ctx.cpuCount, env: ctx.env };
  const server = (why: string): Program => {
    const failure = missingPasswordError(info.flavor, ctx.env, out);
    if (failure) {
      const at = failure[failure.length - 1].at + 200;
      return { flavor: info.flavor, end: { afterMs: at, exitCode: 1 }, summary: `exits 1 after ${at}ms: ${failure[failure.length > 4 ? 3 : 0].text.replace(/^.*\]: /, '').trim()}`, warmupMs: 0, run: () => textSteps(failure) };
    }
    // Start-up lines are made when someone reads them, not for every instance.
    return { flavor: info.flavor, summary: `runs until stopped (${why})`, ports: info.ports, warmupMs: info.warmupMs, run: () => textSteps(startupLines(info.flavor, out)) };
  };

  const argv = effectiveArgv(container);
  const interactive = !!(container.stdin && container.tty);
  if (!argv) {
    if ((info.flavor === 'shell' || info.flavor === 'runtime') && !interactive) {
      return { flavor: info.flavor, end: { afterMs: 0, exitCode: 0 }, summary: `exits 0 at once (the ${ref.shortName} image's default command is an interactive ${info.flavor === 'shell' ? 'shell' : 'interpreter'}, and there is no terminal)`, warmupMs: 0, run: () => NO_STEPS };
    }
    if (info.flavor === 'shell' || info.flavor === 'runtime') return { flavor: info.flavor, summary: 'runs until stopped (an interactive shell on its terminal)', warmupMs: 0, run: () => NO_STEPS };
    return server(`${ref.shortName} server`);
  }

  // Flags for a server image's own entrypoint (`nginx` with args `-g 'daemon off;'`).
  if (!container.command?.length && info.flavor !== 'shell' && info.flavor !== 'runtime' && info.flavor !== 'app' && info.flavor !== 'agnhost') {
    return server(`${ref.shortName} server with args ${JSON.stringify(argv)}`);
  }
  if (info.flavor === 'agnhost') return agnhost(argv, info, out);

  const bpi = piProgram(argv, info.flavor);
  if (bpi) return bpi;

  const exe = basename(argv[0]);
  const plainImage = info.flavor === 'shell' || info.flavor === 'runtime';
  if ((!plainImage && exe === ref.shortName) || SERVER_BINARIES[info.flavor]?.includes(exe)) return server(exe);

  const shellCtx: ShellContext = {
    env: ctx.env,
    files: ctx.files,
    hostname: ctx.hostname,
    startEpochMs: ctx.startEpochMs,
    unknownCommand: plainImage ? 'not-found' : 'forever',
  };
  let script: List | undefined;
  if (SHELLS.has(exe)) {
    const at = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
    if (at < 0) {
      return { flavor: info.flavor, end: { afterMs: 0, exitCode: 0 }, summary: `exits 0 at once (${exe} without -c reads an empty stdin)`, warmupMs: 0, run: () => NO_STEPS };
    }
    try {
      script = parseShell(argv[at + 1] ?? '');
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      return { flavor: info.flavor, summary: `runs until stopped (kubesim cannot follow this script: ${e.message})`, ports: info.ports, warmupMs: info.warmupMs, run: () => NO_STEPS };
    }
  }
  const start = () => new ShellMachine(shellCtx, 'stream');
  const run = script ? () => start().script(script!) : () => start().argv(argv);
  const end = analyzeCached(argv, shellCtx, script);
  const describe = describeCommand(argv);
  const ports = plainImage ? [] : info.ports;
  if (end.kind === 'forever') return { flavor: info.flavor, summary: `runs until stopped: ${describe} ${end.why}`, ports, warmupMs: info.warmupMs, run };
  return { flavor: info.flavor, end: { afterMs: end.at, exitCode: end.code }, summary: `${describe} ${formatRun(end.at)}, then exits ${end.code}`, ports, warmupMs: info.warmupMs, run };
}

/** Executables that are the image's own server when named as the command. */
const SERVER_BINARIES: Partial<Record<ImageFlavor, string[]>> = {
  nginx: ['nginx', 'docker-entrypoint.sh'],
  httpd: ['httpd', 'httpd-foreground'],
  'php-apache': ['apache2-foreground', 'apache2', 'docker-php-entrypoint'],
  redis: ['redis-server', 'docker-entrypoint.sh'],
  mysql: ['mysqld', 'mariadbd', 'docker-entrypoint.sh'],
  postgres: ['postgres', 'docker-entrypoint.sh'],
  mongo: ['mongod', 'docker-entrypoint.sh'],
  tomcat: ['catalina.sh'],
  pause: ['pause'],
};

function agnhost(argv: string[], info: ImageInfo, out: Parameters<typeof startupLines>[1]): Program {
  const sub = argv.find((a) => !a.startsWith('-') && !a.includes('/')) ?? '';
  const lines = () => startupLines('agnhost', out);
  if (sub === 'liveness') {
    // agnhost liveness serves /healthz with 200 for 10 seconds, then 500 (the Kubernetes docs' HTTP liveness example).
    return { flavor: 'agnhost', summary: 'runs until stopped (agnhost liveness: /healthz fails after 10s)', ports: [8080], warmupMs: 0, healthFailsAfterMs: 10_000, run: () => textSteps(lines()) };
  }
  if (!sub) return { flavor: 'agnhost', end: { afterMs: 0, exitCode: 1 }, summary: 'exits 1 at once (agnhost needs a subcommand)', warmupMs: 0, run: () => NO_STEPS };
  return { flavor: 'agnhost', summary: `runs until stopped (agnhost ${sub})`, ports: info.ports, warmupMs: 0, run: () => textSteps(lines()) };
}

/** The Kubernetes docs' Job: `perl -Mbignum=bpi -wle 'print bpi(2000)'` prints pi after a short run. */
function piProgram(argv: string[], flavor: ImageFlavor): Program | undefined {
  if (basename(argv[0]) !== 'perl') return undefined;
  const m = argv.map((a) => /bpi\((\d+)\)/.exec(a)).find(Boolean);
  if (!m) return undefined;
  const digits = Number(m[1]);
  const ms = Math.max(500, Math.round(digits * 5));
  return {
    flavor,
    end: { afterMs: ms, exitCode: 0 },
    summary: `perl computes pi to ${digits} digits in ${formatRun(ms).replace(/^for /, '')}, then exits 0`,
    warmupMs: 0,
    run: () => textSteps([{ at: ms, text: piDigits(digits) }]),
  };
}

function textSteps(lines: TimedText[]): Iterator<ShellStep, void> {
  let i = 0;
  return { next: () => (i < lines.length ? { done: false, value: { kind: 'line', at: lines[i].at, text: lines[i++].text } } : { done: true, value: undefined }) };
}

function versionOf(ref: ImageRef, info: ImageInfo): string | undefined {
  const tag = ref.tag ?? '';
  const m = /^v?(\d+(?:\.\d+){0,2})/.exec(tag);
  if (!m) return info.version;
  // `nginx:1.27` → 1.27.x from the catalogue when it shares the prefix, else the tag's own numbers.
  if (info.version?.startsWith(`${m[1]}.`)) return info.version;
  return m[1].split('.').length === 2 ? `${m[1]}.0` : m[1];
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function describeCommand(argv: string[]): string {
  const text = argv.map((a) => (/[\s'"]/.test(a) ? JSON.stringify(a) : a)).join(' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function formatRun(ms: number): string {
  if (ms === 0) return 'returns at once';
  const s = ms / 1000;
  return `runs for ${s >= 60 && s % 60 === 0 ? `${s / 60}m` : `${Number(s.toFixed(3))}s`}`;
}

// ---- analysis cache: replicas of one template share their command, env and files ------------

const CACHE_LIMIT = 512;
const analysisCache = new Map<string, ShellEnd>();

function analyzeCached(argv: string[], ctx: ShellContext, script: List | undefined): ShellEnd {
  // The pod's own name only matters to scripts that look at it; leave it out so replicas share.
  const usesHost = argv.some((a) => /hostname|HOSTNAME/.test(a));
  const env = Object.entries(ctx.env).filter(([k]) => usesHost || k !== 'HOSTNAME');
  const key = JSON.stringify([argv, env, ctx.unknownCommand, usesHost ? ctx.hostname : '', ctx.files ? [...ctx.files] : []]);
  const hit = analysisCache.get(key);
  if (hit) return hit;
  const machine = new ShellMachine({ ...ctx, startEpochMs: 0 }, 'analyze');
  const gen = script ? machine.script(script) : machine.argv(argv);
  let r = gen.next();
  while (!r.done) r = gen.next();
  const end = r.value;
  analysisCache.set(key, end);
  if (analysisCache.size > CACHE_LIMIT) analysisCache.delete(analysisCache.keys().next().value!);
  return end;
}
