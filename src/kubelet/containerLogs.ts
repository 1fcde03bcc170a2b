// Synthetic container logs. A container instance makes its InstanceLog when first used (read,
// stopped, probed, ended; see containerInstance.ts): the program's own output,
// produced lazily from its run (a script's `echo`s, nginx's start-up notices), a bounded ring of
// narration lines the kubelet adds ("[kubesim] exited with code 1"), and lines computed on read
// (the access-log line each HTTP probe leaves in nginx). Nothing is stored per second of runtime.
//
// The same cursor answers "does /tmp/healthy exist at time t?" for exec probes, because a script's
// `touch` and `rm` come from the same run as its output.
import type { ShellStep } from '../sim/shellRun.js';
import type { Program } from '../sim/program.js';

export interface LogLine {
  /** Epoch ms. */
  time: number;
  text: string;
  /** Among lines of the same moment: lower first (the start note before the program's output, notes about an exit after it). */
  rank?: number;
}

export interface LogReadOptions {
  /** Only the last N lines (kubectl logs --tail). */
  tailLines?: number;
  /** Only lines from the last N ms (kubectl logs --since). */
  sinceMs?: number;
  /** Only lines at or after this epoch ms (kubectl logs --since-time). */
  sinceTime?: number;
  /** Prefix each line with its RFC 3339 timestamp (kubectl logs --timestamps). */
  timestamps?: boolean;
}

/** Lines kept per source per instance: what kubelet log rotation would leave, roughly. */
export const LOG_RING_LINES = 2000;
/** How far ahead of now the cursor may run to find a script's next file change. */
const LOOKAHEAD_STEPS = 5000;

interface FileEvent {
  at: number; // epoch ms
  path: string;
  exists: boolean;
}

/** Extra lines computed on read from state the kubelet owns (probe access lines). */
export type LineSource = (fromEpochMs: number, toEpochMs: number, limit: number) => LogLine[];

const NONE: readonly never[] = [];

export class InstanceLog {
  // Made on first use: most instances never print, stop or get read.
  private output?: LogLine[];
  private narration?: LogLine[];
  /** Lines the program prints when told to stop, made on read (ending costs nothing until then). */
  private appended?: Array<{ time: number; lines: () => readonly string[] }>;
  private fileEvents?: FileEvent[];
  private pending?: ShellStep[];
  private iterator: Iterator<ShellStep, unknown> | undefined;
  private exhausted = false;
  /** Output is complete up to here (epoch ms). */
  private releasedTo: number;
  /** Where the process ended (epoch ms), once known: output after it never appears. */
  private endedAt: number | undefined;

  constructor(
    readonly startedAt: number,
    private readonly program: Program,
    private readonly initialFiles: ReadonlyMap<string, string>,
    /** The note that opens the log. */
    private readonly header?: string,
    /** Masks Secret values in every line served (see secretRedaction.ts). */
    private readonly redact?: (text: string) => string,
    /** Lines computed on read from state the kubelet owns (probe access lines). */
    private readonly extraSource?: LineSource,
  ) {
    this.releasedTo = startedAt - 1;
  }

  narrate(time: number, text: string): void {
    const narration = (this.narration ??= []);
    narration.push({ time, text: `[kubesim] ${text}`, rank: 2 });
    if (narration.length > LOG_RING_LINES) narration.splice(0, narration.length - LOG_RING_LINES);
  }

  /** The program's own lines at a moment (e.g. what nginx prints on SIGQUIT), produced when read. */
  append(time: number, lines: () => readonly string[]): void {
    (this.appended ??= []).push({ time, lines });
  }

  /** The process is gone at `time`: nothing it would have printed later appears. */
  end(time: number): void {
    this.endedAt = time;
  }

  /** Whether a file exists at an epoch time, following the script's file changes. */
  fileExistsAt(path: string, time: number): boolean {
    this.fetchUntil(time);
    let exists = this.initialFiles.has(path);
    for (const e of this.fileEvents ?? NONE) {
      if (e.at > time) break;
      if (e.path === path) exists = e.exists;
    }
    for (const s of this.pending ?? NONE) {
      if (this.startedAt + s.at > time) break;
      if (s.kind === 'file' && s.path === path) exists = s.exists;
    }
    return exists;
  }

  /** The next moment after `time` at which the script creates or removes `path`, if it does soon. */
  nextFileChange(path: string, time: number): number | undefined {
    for (const s of this.pending ?? NONE) {
      const at = this.startedAt + s.at;
      if (at > time && s.kind === 'file' && s.path === path) return at;
    }
    for (let i = 0; i < LOOKAHEAD_STEPS && (this.pending?.length ?? 0) < 4 * LOOKAHEAD_STEPS && this.pull(); i++) {
      const pending = this.pending!;
      const s = pending[pending.length - 1];
      const at = this.startedAt + s.at;
      if (at > time && s.kind === 'file' && s.path === path) return at;
    }
    return undefined;
  }

  /** Lines up to `now`, oldest first, filtered as asked (timestamps are applied by the caller). */
  read(now: number, options: LogReadOptions = {}): LogLine[] {
    this.advance(now);
    const until = this.endedAt !== undefined ? Math.min(now, this.endedAt) : now;
    let from = this.startedAt;
    if (options.sinceMs !== undefined) from = Math.max(from, now - options.sinceMs);
    if (options.sinceTime !== undefined) from = Math.max(from, options.sinceTime);
    const limit = options.tailLines ?? LOG_RING_LINES;
    const pick = (lines: readonly LogLine[]) => {
      const out: LogLine[] = [];
      for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
        const l = lines[i];
        if (l.time >= from && l.time <= now) out.push(l);
      }
      return out.reverse();
    };
    const extra = this.extraSource ? this.extraSource(from, until, limit) : [];
    const head = this.header !== undefined && this.startedAt >= from ? [{ time: this.startedAt, text: `[kubesim] ${this.header}`, rank: 0 }] : [];
    const appended = (this.appended ?? NONE).flatMap((a) => a.lines().map((text) => ({ time: a.time, text, rank: 1 })));
    const merged = mergeByTime([head, pick(this.narration ?? NONE), pick(this.output ?? NONE), pick(appended), extra]);
    const kept = merged.length > limit ? merged.slice(merged.length - limit) : merged;
    const redact = this.redact;
    return redact ? kept.map((l) => ({ ...l, text: redact(l.text) })) : kept;
  }

  /** Releases the run's steps up to an epoch time into the output ring and file history. */
  private advance(upTo: number): void {
    const now = this.endedAt !== undefined ? Math.min(upTo, this.endedAt) : upTo;
    if (now <= this.releasedTo) return;
    this.fetchUntil(now);
    const pending = this.pending;
    while (pending?.length && this.startedAt + pending[0].at <= now) {
      const s = pending.shift()!;
      const time = this.startedAt + s.at;
      if (s.kind === 'line') this.pushOutput({ time, text: s.text });
      else if (s.kind === 'file') {
        const fileEvents = (this.fileEvents ??= []);
        fileEvents.push({ at: time, path: s.path, exists: s.exists });
        if (fileEvents.length > LOG_RING_LINES) fileEvents.splice(0, fileEvents.length - LOG_RING_LINES);
      }
    }
    this.releasedTo = now;
  }

  /** Pulls steps from the run until one lies beyond `time` (or the run is over). */
  private fetchUntil(time: number): void {
    for (;;) {
      const last = this.pending?.[this.pending.length - 1];
      if (last && this.startedAt + last.at > time) return;
      if (!this.pull()) return;
    }
  }

  private pull(): boolean {
    if (this.exhausted) return false;
    if (!this.iterator) this.iterator = this.program.run();
    const r = this.iterator.next();
    if (r.done) {
      this.exhausted = true;
      return false;
    }
    (this.pending ??= []).push(r.value);
    return true;
  }

  private pushOutput(line: LogLine): void {
    const output = (this.output ??= []);
    output.push(line);
    // Trim in chunks so a busy loop does not shift the array on every line.
    if (output.length > LOG_RING_LINES * 1.5) output.splice(0, output.length - LOG_RING_LINES);
  }
}

/** Merges time-sorted lists, keeping the given source order for equal times. */
function mergeByTime(lists: LogLine[][]): LogLine[] {
  const out: LogLine[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (at[i] >= lists[i].length) continue;
      const a = lists[i][at[i]];
      const b = best < 0 ? undefined : lists[best][at[best]];
      if (!b || a.time < b.time || (a.time === b.time && (a.rank ?? 1) < (b.rank ?? 1))) best = i;
    }
    if (best < 0) return out;
    out.push(lists[best][at[best]++]);
  }
}

/** `2026-01-01T00:00:05.000000000Z line`, the kubectl logs --timestamps form. */
export function formatLogLine(line: LogLine, timestamps: boolean | undefined): string {
  if (!timestamps) return line.text;
  return `${new Date(line.time).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ${line.text}`;
}
