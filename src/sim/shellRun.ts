// Walks a parsed script's syntax tree (lists, pipes, redirections, if/for/while, word expansion) on the simulated clock.
//
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
import { evalArith } from './shellExpr.js';
import { mayLeave, type Command, type List, type Word } from './shellParse.js';
import { ShellBuiltins } from './shellBuiltins.js';
import { BUSY_LOOP_ITERATION_MS, Break, Exit, Forever, type Gen, type ShellEnd } from './shellRunTypes.js';

// Importers take the run's types and limits from here, next to the machine that produces them.
export type { ShellContext, ShellEnd, ShellMode, ShellStep } from './shellRunTypes.js';
export { BUSY_LOOP_ITERATION_MS, SILENT_ITERATIONS_PER_STEP, SILENT_WAIT_STEP_MS } from './shellRunTypes.js';

export class ShellMachine extends ShellBuiltins {
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

  protected override *list(list: List): Gen {
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
