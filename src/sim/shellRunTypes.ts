// What a shell run is given and hands back, how far it may run silently, and the signals that unwind it.

export interface ShellContext {
  /** Environment variables the container starts with. */
  env: Readonly<Record<string, string>>;
  /** Files present at start (mounted ConfigMaps and Secrets), by absolute path. */
  files?: ReadonlyMap<string, string>;
  hostname: string;
  /** Epoch ms of the container start: what `date` prints at offset 0. */
  startEpochMs: number;
  /**
   * What an unknown command does. On a plain base image (busybox, alpine) it is `not-found`
   * (`sh: app: not found`, exit 127); in an application image it is taken to be the application,
   * which runs until stopped.
   */
  unknownCommand: 'not-found' | 'forever';
}

export type ShellStep =
  | { kind: 'line'; at: number; text: string }
  | { kind: 'file'; at: number; path: string; exists: boolean }
  /** Stream mode: the script has run silently up to `at` (a sleeping or busy loop); nothing to show. */
  | { kind: 'wait'; at: number };

export type ShellEnd = { kind: 'exit'; at: number; code: number } | { kind: 'forever'; at: number; why: string };

export type ShellMode = 'analyze' | 'stream';

/** A loop iteration that took no time is taken to take this long (a busy loop prints 10 lines a second). */
export const BUSY_LOOP_ITERATION_MS = 100;
/** Stream mode: a silent loop hands back a `wait` step at least this often in simulated time... */
export const SILENT_WAIT_STEP_MS = 60_000;
/** ...and at least every this many loop iterations, however little time they took. */
export const SILENT_ITERATIONS_PER_STEP = 1000;
/** Analyze mode: how many commands, and how much simulated time, a run is followed before it counts as endless. */
export const ANALYZE_STEP_LIMIT = 100_000;
export const ANALYZE_HORIZON_MS = 366 * 24 * 3600 * 1000;

/** The control flow a command can start: `exit`, a run that never ends, and `break`/`continue`. */
export class Exit {
  constructor(readonly code: number) {}
}
export class Forever {
  constructor(readonly why: string) {}
}
export class Break {
  constructor(readonly levels: number, readonly isContinue: boolean) {}
}

/** A piece of a run: hands out steps, returns its exit status (or what `T` says). */
export type Gen<T = number> = Generator<ShellStep, T>;
