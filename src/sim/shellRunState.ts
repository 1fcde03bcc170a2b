// The state a running script carries (clock, variables, files, `$?`) and the one path its steps take out, so stream mode can pace them.
import { ANALYZE_STEP_LIMIT, Forever, SILENT_ITERATIONS_PER_STEP, SILENT_WAIT_STEP_MS, type Gen, type ShellContext, type ShellMode, type ShellStep } from './shellRunTypes.js';
import type { ToolResult } from './shellTools.js';

/** A Map that counts its changes, so a loop can tell that an iteration changed nothing. */
class VersionedMap<V> extends Map<string, V> {
  version = 0;
  override set(key: string, value: V): this {
    this.version++;
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.version++;
    return super.delete(key);
  }
}

/** The counters a loop compares before and after an iteration (see stateMark). */
interface StateMark {
  emitted: number;
  vars: number;
  files: number;
  status: number;
  clockReads: number;
}

/** Variables, files, output sinks and step accounting; the builtins and the interpreter build on it. */
export abstract class ShellRunState {
  /** Milliseconds since the container started. */
  t = 0;
  protected readonly vars = new VersionedMap<string>();
  readonly files = new VersionedMap<string>();
  protected status = 0;
  private steps = 0;
  /** Steps handed out so far, when the last one was, and loop iterations since (stream mode). */
  private emitted = 0;
  private lastStepAt = 0;
  private iterationsSinceStep = 0;
  /** How often `date` has read the clock: an iteration that reads it may differ from the last. */
  protected clockReads = 0;
  /** Output goes to the innermost capture (pipes, `$(...)`, `> file`) or else to the log. */
  protected readonly sinks: string[][] = [];
  protected stderrNull = 0;

  constructor(
    protected readonly ctx: ShellContext,
    protected readonly mode: ShellMode,
  ) {
    for (const [k, v] of Object.entries(ctx.env)) this.vars.set(k, v);
    if (!this.vars.has('HOSTNAME')) this.vars.set('HOSTNAME', ctx.hostname);
    if (!this.vars.has('HOME')) this.vars.set('HOME', '/root');
    if (!this.vars.has('PATH')) this.vars.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    for (const [path, content] of ctx.files ?? []) this.files.set(path, content);
  }

  /** What a silent endless loop's iteration must leave unchanged to be the same as the next one. */
  protected stateMark(): StateMark {
    return { emitted: this.emitted, vars: this.vars.version, files: this.files.version, status: this.status, clockReads: this.clockReads };
  }

  protected atFixedPoint(m: StateMark): boolean {
    return m.emitted === this.emitted && m.vars === this.vars.version && m.files === this.files.version && m.status === this.status && m.clockReads === this.clockReads;
  }

  /** Stream mode: after a loop iteration, hand back a `wait` step if the run has been silent long enough. */
  protected *afterIteration(): Gen<void> {
    if (this.mode !== 'stream') return;
    if (++this.iterationsSinceStep < SILENT_ITERATIONS_PER_STEP && this.t - this.lastStepAt < SILENT_WAIT_STEP_MS) return;
    yield* this.emit({ kind: 'wait', at: this.t });
  }

  private *emit(step: ShellStep): Gen<void> {
    this.emitted++;
    this.lastStepAt = this.t;
    this.iterationsSinceStep = 0;
    yield step;
  }

  // ---- output and files -------------------------------------------------------------------

  protected *out(line: string): Gen<void> {
    const sink = this.sinks[this.sinks.length - 1];
    if (sink) sink.push(line);
    else yield* this.emit({ kind: 'line', at: this.t, text: line });
  }

  /** Text that may hold several lines; a missing final newline still ends the line in the log. */
  protected *outText(text: string): Gen<void> {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) yield* this.out(line);
  }

  protected *tool(r: ToolResult): Gen {
    for (const line of r.out) yield* this.out(line);
    if (!this.stderrNull) for (const line of r.err) yield* this.out(line);
    return r.code;
  }

  protected *err(message: string, code: number): Gen {
    if (!this.stderrNull) yield* this.out(message);
    return code;
  }

  protected *setFile(path: string, content: string): Gen<void> {
    const existed = this.files.has(path);
    this.files.set(path, content);
    if (!existed) yield* this.emit({ kind: 'file', at: this.t, path, exists: true });
  }

  protected *removeFile(path: string): Gen<void> {
    this.files.delete(path);
    yield* this.emit({ kind: 'file', at: this.t, path, exists: false });
  }

  protected tick(): void {
    if (this.mode !== 'analyze') return;
    if (++this.steps > ANALYZE_STEP_LIMIT) throw new Forever('runs longer than the simulator follows ahead');
  }
}
