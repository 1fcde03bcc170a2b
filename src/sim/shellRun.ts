// Runs a parsed shell script on simulated time: `sleep` moves the script's clock, `echo` and friends
// produce log lines stamped with it, `touch`/`rm`/`>` change a small in-memory file table (so an exec
// probe `cat /tmp/healthy` can be answered), and `exit` ends it with a code. Nothing real is executed.
//
// The run is a generator of steps, so a caller can follow it lazily (logs are produced on read) or
// drain it to learn when and how the script ends. In `analyze` mode an endless loop (`while true`
// without `exit`/`break`) ends the run at once with `forever`, so that asking "does this container
// finish?" never walks an infinite loop.
//
// In `stream` mode every `next()` returns after bounded work, however the script loops. A loop that
// prints nothing hands back a `wait` step (the simulated time it has reached) at least every
// SILENT_WAIT_STEP_MS of simulated time and every SILENT_ITERATIONS_PER_STEP iterations, so
// `while true; do sleep 3600; done` yields once an hour of simulated time. And an endless loop
// (`while true`/`until false` that cannot leave) whose iteration printed nothing, changed no
// variable or file, left `$?` as it was and did not read the clock is at a fixed point: every
// later iteration is the same, so the run ends there with `forever` (the same as `sleep infinity`),
// instead of spinning through iterations that can never print.
import { evalArith, evalExpr, evalTest, formatDate, sortIf, toInt, unescapeC } from './shellExpr.js';
import { mayLeave, parseShell, type Command, type List, type Word } from './shellParse.js';
import { cat, grep, headTail, ls, seq, wc, type ToolResult } from './shellTools.js';

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
const ANALYZE_STEP_LIMIT = 100_000;
const ANALYZE_HORIZON_MS = 366 * 24 * 3600 * 1000;

/** Programs that serve until stopped when a script starts them (`exec nginx -g 'daemon off;'`). */
const SERVERS = new Set([
  'nginx', 'httpd', 'apache2', 'apache2-foreground', 'httpd-foreground', 'redis-server', 'mysqld', 'mariadbd',
  'postgres', 'mongod', 'memcached', 'php-fpm', 'gunicorn', 'uwsgi', 'uvicorn', 'java', 'catalina.sh', 'haproxy',
  'traefik', 'caddy', 'envoy', 'etcd', 'kube-apiserver', 'coredns', 'dockerd', 'rabbitmq-server', 'nc',
]);

class Exit {
  constructor(readonly code: number) {}
}
class Forever {
  constructor(readonly why: string) {}
}
class Break {
  constructor(readonly levels: number, readonly isContinue: boolean) {}
}

type Gen<T = number> = Generator<ShellStep, T>;

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

export class ShellMachine {
  /** Milliseconds since the container started. */
  t = 0;
  private readonly vars = new VersionedMap<string>();
  readonly files = new VersionedMap<string>();
  private status = 0;
  private steps = 0;
  /** Steps handed out so far, when the last one was, and loop iterations since (stream mode). */
  private emitted = 0;
  private lastStepAt = 0;
  private iterationsSinceStep = 0;
  /** How often `date` has read the clock: an iteration that reads it may differ from the last. */
  private clockReads = 0;
  /** Output goes to the innermost capture (pipes, `$(...)`, `> file`) or else to the log. */
  private readonly sinks: string[][] = [];
  private stderrNull = 0;

  constructor(
    private readonly ctx: ShellContext,
    private readonly mode: ShellMode,
  ) {
    for (const [k, v] of Object.entries(ctx.env)) this.vars.set(k, v);
    if (!this.vars.has('HOSTNAME')) this.vars.set('HOSTNAME', ctx.hostname);
    if (!this.vars.has('HOME')) this.vars.set('HOME', '/root');
    if (!this.vars.has('PATH')) this.vars.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    for (const [path, content] of ctx.files ?? []) this.files.set(path, content);
  }

  /** Runs a whole script; returns how it ended. */
  *script(list: List): Gen<ShellEnd> {
    return yield* this.guard(() => this.list(list));
  }

  /** Runs one command line given as argv (a container `command`+`args` without a shell). */
  *argv(argv: string[]): Gen<ShellEnd> {
    return yield* this.guard(() => this.exec(argv, undefined));
  }

  private *guard(body: () => Gen): Gen<ShellEnd> {
    try {
      const code = yield* body();
      return { kind: 'exit', at: this.t, code };
    } catch (e) {
      if (e instanceof Exit) return { kind: 'exit', at: this.t, code: e.code };
      if (e instanceof Forever) return { kind: 'forever', at: this.t, why: e.why };
      if (e instanceof Break) return { kind: 'exit', at: this.t, code: this.status };
      throw e;
    }
  }

  // ---- structure --------------------------------------------------------------------------

  private *list(list: List): Gen {
    let code = 0;
    for (const item of list) {
      code = yield* this.pipeline(item.first);
      for (const { op, pipeline } of item.rest) {
        if ((op === '&&' && code !== 0) || (op === '||' && code === 0)) continue;
        code = yield* this.pipeline(pipeline);
      }
      this.status = code;
    }
    return code;
  }

  private *pipeline(p: List[number]['first']): Gen {
    let code: number;
    if (p.commands.length === 1) {
      code = yield* this.command(p.commands[0], undefined);
    } else {
      let input: string | undefined;
      code = 0;
      for (let i = 0; i < p.commands.length; i++) {
        const last = i === p.commands.length - 1;
        if (last) {
          code = yield* this.command(p.commands[i], input);
        } else {
          const buffer: string[] = [];
          this.sinks.push(buffer);
          try {
            yield* this.command(p.commands[i], input);
          } finally {
            this.sinks.pop();
          }
          input = buffer.join('\n');
        }
      }
    }
    if (p.negate) code = code === 0 ? 1 : 0;
    this.status = code;
    return code;
  }

  private *command(c: Command, stdin: string | undefined): Gen {
    this.tick();
    const redirs = c.redirs;
    if (!redirs.length) return yield* this.commandBody(c, stdin);
    // Only stdout to a file and stderr to nowhere matter: everything else reaches the log.
    let fileTarget: { path: string; append: boolean } | undefined;
    let silenceStderr = false;
    for (const r of redirs) {
      const target = (yield* this.expandWord(r.target)).join(' ');
      if (r.op === '<') continue;
      if (r.fd === 2 && target === '/dev/null') silenceStderr = true;
      else if (r.fd === 1 && r.op !== '>&') fileTarget = { path: target, append: r.op === '>>' };
    }
    if (silenceStderr) this.stderrNull++;
    const buffer: string[] = [];
    if (fileTarget) this.sinks.push(buffer);
    try {
      return yield* this.commandBody(c, stdin);
    } finally {
      if (fileTarget) {
        this.sinks.pop();
        if (fileTarget.path !== '/dev/null') {
          const before = fileTarget.append ? (this.files.get(fileTarget.path) ?? '') : '';
          const text = buffer.length ? buffer.join('\n') + '\n' : '';
          yield* this.setFile(fileTarget.path, before + text);
        }
      }
      if (silenceStderr) this.stderrNull--;
    }
  }

  private *commandBody(c: Command, stdin: string | undefined): Gen {
    switch (c.t) {
      case 'simple':
        return yield* this.simple(c, stdin);
      case 'group':
        return yield* this.list(c.body);
      case 'if': {
        for (const branch of c.branches) {
          if ((yield* this.list(branch.cond)) === 0) return yield* this.list(branch.body);
        }
        return c.otherwise ? yield* this.list(c.otherwise) : 0;
      }
      case 'for': {
        const items: string[] = [];
        for (const w of c.items ?? []) items.push(...(yield* this.expandWord(w)));
        let code = 0;
        for (const item of items) {
          this.vars.set(c.name, item);
          const r = yield* this.iteration(c.body);
          if (r === 'break') break;
          code = this.status;
          yield* this.afterIteration();
        }
        return code;
      }
      case 'loop':
        return yield* this.loop(c);
    }
  }

  private *loop(c: Extract<Command, { t: 'loop' }>): Gen {
    if (this.mode === 'analyze' && isConstantTrueLoop(c) && !mayLeave(c.body)) {
      throw new Forever(`loops forever (${c.until ? 'until false' : 'while true'})`);
    }
    const endless = this.mode === 'stream' && isConstantTrueLoop(c) && !mayLeave(c.body);
    let code = 0;
    for (;;) {
      // The condition's time counts: `while sleep 5; do date; done` prints every 5 s, not 5.1 s.
      const before = this.t;
      const mark = endless ? this.stateMark() : undefined;
      const cond = yield* this.list(c.cond);
      if ((cond === 0) === c.until) break;
      const r = yield* this.iteration(c.body);
      code = this.status;
      if (r === 'break') break;
      if (this.t === before) this.t += BUSY_LOOP_ITERATION_MS;
      if (mark && this.atFixedPoint(mark)) throw new Forever(`loops forever without output (${c.until ? 'until false' : 'while true'})`);
      yield* this.afterIteration();
    }
    return code;
  }

  /** What a silent endless loop's iteration must leave unchanged to be the same as the next one. */
  private stateMark(): StateMark {
    return { emitted: this.emitted, vars: this.vars.version, files: this.files.version, status: this.status, clockReads: this.clockReads };
  }

  private atFixedPoint(m: StateMark): boolean {
    return m.emitted === this.emitted && m.vars === this.vars.version && m.files === this.files.version && m.status === this.status && m.clockReads === this.clockReads;
  }

  /** Stream mode: after a loop iteration, hand back a `wait` step if the run has been silent long enough. */
  private *afterIteration(): Gen<void> {
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

  /** One loop body; `break`/`continue` with a count unwind as far as they ask. */
  private *iteration(body: List): Gen<'next' | 'break'> {
    try {
      yield* this.list(body);
      return 'next';
    } catch (e) {
      if (!(e instanceof Break)) throw e;
      if (e.levels > 1) throw new Break(e.levels - 1, e.isContinue);
      return e.isContinue ? 'next' : 'break';
    }
  }

  private *simple(c: Extract<Command, { t: 'simple' }>, stdin: string | undefined): Gen {
    const argv: string[] = [];
    for (const w of c.words) argv.push(...(yield* this.expandWord(w)));
    const values: Array<[string, string]> = [];
    for (const a of c.assigns) values.push([a.name, (yield* this.expandWord(a.value, false)).join(' ')]);
    if (!argv.length) {
      for (const [k, v] of values) this.vars.set(k, v);
      return 0;
    }
    // `A=b cmd` sets A for cmd only; our builtins read it from the shell, so set and restore.
    const saved = values.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of values) this.vars.set(k, v);
    try {
      return yield* this.exec(argv, stdin);
    } finally {
      for (const [k, v] of saved) v === undefined ? this.vars.delete(k) : this.vars.set(k, v);
    }
  }

  // ---- commands ---------------------------------------------------------------------------

  private *exec(argv: string[], stdin: string | undefined): Gen {
    const [cmd0, ...args] = argv;
    const cmd = cmd0.includes('/') ? cmd0.slice(cmd0.lastIndexOf('/') + 1) : cmd0;
    switch (cmd) {
      case 'echo':
        return yield* this.echo(args);
      case 'printf':
        return yield* this.printf(args);
      case 'sleep':
        return yield* this.sleep(args);
      case 'exit':
        throw new Exit(args.length ? toInt(args[0]) & 255 : this.status);
      case 'break':
      case 'continue':
        throw new Break(args.length ? Math.max(1, toInt(args[0])) : 1, cmd === 'continue');
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'date':
        this.clockReads++;
        yield* this.out(formatDate(this.ctx.startEpochMs + this.t, args[0]));
        return 0;
      case 'hostname':
        yield* this.out(this.ctx.hostname);
        return 0;
      case 'whoami':
        yield* this.out('root');
        return 0;
      case 'env':
      case 'printenv': {
        if (cmd === 'env' && args.length) return yield* this.exec(args.filter((a) => !a.includes('=')), stdin);
        if (args.length) {
          let code = 0;
          for (const a of args) {
            const v = this.vars.get(a);
            if (v === undefined) code = 1;
            else yield* this.out(v);
          }
          return code;
        }
        for (const [k, v] of this.vars) yield* this.out(`${k}=${v}`);
        return 0;
      }
      case 'export':
      case 'readonly':
      case 'local':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return 0;
      case 'unset':
        for (const a of args) this.vars.delete(a);
        return 0;
      case 'cat':
        return yield* this.tool(cat(args, stdin, this.files));
      case 'tail':
        if (args.includes('-f') || args.includes('-F') || args.some((a) => /^-[a-zA-Z]*f/.test(a))) throw new Forever('tail -f waits forever');
        return yield* this.tool(headTail(args, stdin, this.files, 'tail'));
      case 'head':
        return yield* this.tool(headTail(args, stdin, this.files, 'head'));
      case 'grep':
        return yield* this.tool(grep(args, stdin, this.files));
      case 'wc':
        return yield* this.tool(wc(args, stdin));
      case 'tee':
      case 'sort':
      case 'uniq':
        for (const line of sortIf(cmd === 'sort', stdin)) yield* this.out(line);
        return 0;
      case 'seq':
        return yield* this.tool(seq(args));
      case 'expr': {
        const r = evalExpr(args);
        yield* this.out(String(r));
        return r === 0 ? 1 : 0;
      }
      case 'test':
        return evalTest(args, this.files) ? 0 : 1;
      case '[':
        if (args[args.length - 1] !== ']') return yield* this.err('[: missing ]', 2);
        return evalTest(args.slice(0, -1), this.files) ? 0 : 1;
      case 'touch':
        for (const a of args.filter((x) => !x.startsWith('-'))) if (!this.files.has(a)) yield* this.setFile(a, '');
        return 0;
      case 'rm': {
        const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
        let code = 0;
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          if (this.files.has(a)) yield* this.removeFile(a);
          else if (!force) code = yield* this.err(`rm: can't remove '${a}': No such file or directory`, 1);
        }
        return code;
      }
      case 'mv':
      case 'cp': {
        const [from, to] = args.filter((x) => !x.startsWith('-'));
        if (from === undefined || to === undefined) return 1;
        const content = this.files.get(from);
        if (content === undefined) return yield* this.err(`${cmd}: can't stat '${from}': No such file or directory`, 1);
        yield* this.setFile(to, content);
        if (cmd === 'mv') yield* this.removeFile(from);
        return 0;
      }
      case 'ls':
        return yield* this.tool(ls(args, this.files));
      case 'read':
        return 1; // stdin is empty in a pod unless `stdin: true`
      case 'exec':
        return args.length ? yield* this.exec(args, stdin) : 0;
      case 'sh':
      case 'bash':
      case 'ash':
      case 'dash': {
        const at = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
        if (at >= 0 && args[at + 1] !== undefined) return yield* this.list(parseShell(args[at + 1]));
        return 0; // an interactive shell without a terminal reads EOF and exits
      }
      case 'basename':
        yield* this.out((args[0] ?? '').replace(/\/+$/, '').split('/').pop() ?? '');
        return 0;
      case 'dirname': {
        const p = (args[0] ?? '').replace(/\/+$/, '');
        yield* this.out(p.includes('/') ? p.slice(0, p.lastIndexOf('/')) || '/' : '.');
        return 0;
      }
      case 'wait':
      case 'cd':
      case 'set':
      case 'trap':
      case 'shift':
      case 'umask':
      case 'ulimit':
      case 'mkdir':
      case 'chmod':
      case 'chown':
      case 'ln':
      case 'sync':
      case 'source':
      case '.':
      case 'apk':
      case 'apt-get':
      case 'yum':
      case 'pip':
      case 'npm':
        return 0;
      case 'wget':
      case 'curl':
      case 'nslookup':
      case 'dig':
      case 'ping':
        if (cmd === 'ping' && !args.includes('-c')) throw new Forever('ping runs until stopped');
        this.t += 100;
        return 0;
      case 'python':
      case 'python3':
      case 'node':
      case 'perl':
      case 'ruby':
      case 'php':
        // An inline program (`-c`, `-e`) finishes quickly; a script file is the application.
        if (args.some((a) => a === '-c' || a === '-e' || a.startsWith('-e') || a === '-wle' || a === '-le' || a === '-E')) {
          this.t += 1000;
          return 0;
        }
        if (!args.length) return 0; // a REPL without a terminal reads EOF and exits
        throw new Forever(`${cmd} ${args[0]} serves until stopped`);
      default:
        if (SERVERS.has(cmd)) throw new Forever(`${cmd} runs until stopped`);
        if (this.ctx.unknownCommand === 'forever') throw new Forever(`${cmd0} (the application) runs until stopped`);
        return yield* this.err(`sh: ${cmd0}: not found`, 127);
    }
  }

  private *echo(args: string[]): Gen {
    let newline = true;
    let escapes = false;
    while (args.length && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes('n')) newline = false;
      if (args[0].includes('e')) escapes = true;
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) text = unescapeC(text);
    yield* this.outText(newline ? text + '\n' : text);
    return 0;
  }

  private *printf(args: string[]): Gen {
    if (!args.length) return yield* this.err('printf: usage: printf format [arguments]', 2);
    const [format, ...rest] = args;
    let out = '';
    let i = 0;
    do {
      out += unescapeC(format).replace(/%([-0-9.]*)([sdifx%])/g, (_m, _w, conv: string) => {
        if (conv === '%') return '%';
        const v = rest[i++] ?? '';
        if (conv === 'd' || conv === 'i') return String(toInt(v));
        if (conv === 'f') return Number(v || 0).toFixed(6);
        if (conv === 'x') return toInt(v).toString(16);
        return v;
      });
    } while (i < rest.length && i > 0);
    yield* this.outText(out);
    return 0;
  }

  private *sleep(args: string[]): Gen {
    let total = 0;
    for (const a of args) {
      if (a === 'infinity' || a === 'inf') throw new Forever('sleep infinity');
      const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
      if (!m) return yield* this.err(`sleep: invalid number '${a}'`, 1);
      total += Number(m[1]) * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[m[2]];
    }
    if (!args.length) return yield* this.err('sleep: missing operand', 1);
    this.t += Math.round(total);
    if (this.mode === 'analyze' && this.t > ANALYZE_HORIZON_MS) throw new Forever('sleeps for more than a year');
    return 0;
  }

  // ---- output and files -------------------------------------------------------------------

  private *out(line: string): Gen<void> {
    const sink = this.sinks[this.sinks.length - 1];
    if (sink) sink.push(line);
    else yield* this.emit({ kind: 'line', at: this.t, text: line });
  }

  /** Text that may hold several lines; a missing final newline still ends the line in the log. */
  private *outText(text: string): Gen<void> {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) yield* this.out(line);
  }

  private *tool(r: ToolResult): Gen {
    for (const line of r.out) yield* this.out(line);
    if (!this.stderrNull) for (const line of r.err) yield* this.out(line);
    return r.code;
  }

  private *err(message: string, code: number): Gen {
    if (!this.stderrNull) yield* this.out(message);
    return code;
  }

  private *setFile(path: string, content: string): Gen<void> {
    const existed = this.files.has(path);
    this.files.set(path, content);
    if (!existed) yield* this.emit({ kind: 'file', at: this.t, path, exists: true });
  }

  private *removeFile(path: string): Gen<void> {
    this.files.delete(path);
    yield* this.emit({ kind: 'file', at: this.t, path, exists: false });
  }

  private tick(): void {
    if (this.mode !== 'analyze') return;
    if (++this.steps > ANALYZE_STEP_LIMIT) throw new Forever('runs longer than the simulator follows ahead');
  }

  // ---- expansion --------------------------------------------------------------------------

  /** A word's fields: unquoted expansions split on whitespace, quoted ones do not. */
  private *expandWord(word: Word, split = true): Gen<string[]> {
    const fields: string[] = [];
    let current = '';
    let has = false;
    const pushSplit = (text: string) => {
      const pieces = text.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0) {
          if (has) fields.push(current);
          current = '';
          has = false;
        }
        if (pieces[i]) {
          current += pieces[i];
          has = true;
        }
      }
    };
    for (const part of word) {
      let text: string;
      if (part.k === 'lit') text = part.v;
      else if (part.k === 'var') text = yield* this.expandVar(part);
      else if (part.k === 'arith') text = String(evalArith(this.expandString(part.expr), this.vars));
      else text = yield* this.substitute(part.list);
      if (part.k !== 'lit' && !part.q && split) pushSplit(text);
      else {
        current += text;
        has = true;
      }
    }
    if (has) fields.push(current);
    return fields;
  }

  /** `$x` and `${x}` inside `$(( ))`: an unset variable counts as 0. */
  private expandString(text: string): string {
    return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => this.vars.get(name) ?? '0');
  }

  private *expandVar(part: Extract<Word[number], { k: 'var' }>): Gen<string> {
    const special: Record<string, string> = { '?': String(this.status), $: '1', '#': '0', '0': 'sh', '@': '', '*': '', '!': '' };
    const value = special[part.name] ?? this.vars.get(part.name);
    if (part.op === '#') return String((value ?? '').length);
    if (!part.op) return value ?? '';
    const unsetOrEmpty = part.op.startsWith(':') ? !value : value === undefined;
    const arg = (yield* this.expandWord(part.arg ?? [], false)).join(' ');
    switch (part.op.replace(':', '')) {
      case '-':
        return unsetOrEmpty ? arg : value!;
      case '=':
        if (unsetOrEmpty) this.vars.set(part.name, arg);
        return unsetOrEmpty ? arg : value!;
      case '+':
        return unsetOrEmpty ? '' : arg;
      case '?':
        if (unsetOrEmpty) {
          yield* this.err(`sh: ${part.name}: ${arg || 'parameter not set'}`, 1);
          throw new Exit(1);
        }
        return value!;
    }
    return value ?? '';
  }

  private *substitute(list: List): Gen<string> {
    const buffer: string[] = [];
    this.sinks.push(buffer);
    try {
      yield* this.list(list);
    } finally {
      this.sinks.pop();
    }
    return buffer.join('\n');
  }
}

interface StateMark {
  emitted: number;
  vars: number;
  files: number;
  status: number;
  clockReads: number;
}

function isConstantTrueLoop(c: Extract<Command, { t: 'loop' }>): boolean {
  if (c.cond.length !== 1 || c.cond[0].rest.length || c.cond[0].first.commands.length !== 1) return false;
  const cmd = c.cond[0].first.commands[0];
  if (cmd.t !== 'simple' || cmd.words.length !== 1 || cmd.words[0].length !== 1) return false;
  const part = cmd.words[0][0];
  if (part.k !== 'lit') return false;
  const negate = c.cond[0].first.negate;
  const isTrue = part.v === 'true' || part.v === ':';
  const isFalse = part.v === 'false';
  return c.until ? (negate ? isTrue : isFalse) : negate ? isFalse : isTrue;
}

