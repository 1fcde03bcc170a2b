// A parser for the small part of POSIX sh that container commands use: `sh -c "echo hi; sleep 30"`,
// `while true; do date; sleep 5; done`, `for i in 1 2 3; do ...; done`, `if [ -f x ]; then ...; fi`,
// `&&`/`||`, pipes, redirections, quoting, `$VAR`, `${VAR:-x}`, `$(cmd)` and `$((i+1))`.
// It exists so that a simulated container does what a reader of its manifest expects (shellRun.ts
// runs the result on the virtual clock). Anything it cannot read is a ShellSyntaxError; the caller
// then falls back to "runs until stopped".

import { Lexer, NAME, RESERVED, type Token } from './shellLex.js';
import { ShellSyntaxError, type AndOr, type Command, type List, type Pipeline, type Redirect, type Word } from './shellSyntax.js';

export { mayLeave, ShellSyntaxError } from './shellSyntax.js';
export type { AndOr, Command, List, Part, Pipeline, Redirect, Word } from './shellSyntax.js';

// ---- parser ----------------------------------------------------------------------------------

class Parser {
  private at = 0;
  constructor(private readonly toks: Token[]) {}

  parseProgram(): List {
    const list = this.list(new Set());
    if (this.at < this.toks.length) throw new ShellSyntaxError(`unexpected ${describe(this.toks[this.at])}`);
    return list;
  }

  private peek(): Token | undefined {
    return this.toks[this.at];
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.op === op;
  }

  private isReserved(word: string): boolean {
    const t = this.peek();
    return t?.t === 'word' && t.plain === word;
  }

  private expectReserved(word: string): void {
    if (!this.isReserved(word)) throw new ShellSyntaxError(`expected "${word}" but found ${describe(this.peek())}`);
    this.at++;
  }

  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';')) this.at++;
  }

  private list(stop: Set<string>): List {
    const out: List = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t) break;
      if (t.t === 'word' && t.plain !== undefined && stop.has(t.plain)) break;
      if (t.t === 'op' && (t.op === ')' || t.op === ';;')) break;
      const andOr = this.andOr();
      if (this.isOp('&')) {
        this.at++;
        andOr.background = true;
      }
      out.push(andOr);
      if (!this.isOp('\n') && !this.isOp(';') && !this.isOp('&')) break;
    }
    return out;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.toks[this.at++] as { op: '&&' | '||' }).op;
      while (this.isOp('\n')) this.at++;
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, background: false };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.isReserved('!')) {
      this.at++;
      negate = true;
    }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.at++;
      while (this.isOp('\n')) this.at++;
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private command(): Command {
    const t = this.peek();
    if (!t) throw new ShellSyntaxError('unexpected end of script');
    if (t.t === 'op' && t.op === '(') {
      this.at++;
      const body = this.list(new Set());
      if (!this.isOp(')')) throw new ShellSyntaxError('missing )');
      this.at++;
      return { t: 'group', body, subshell: true, redirs: this.redirects() };
    }
    if (t.t === 'word' && t.plain !== undefined && RESERVED.has(t.plain)) {
      switch (t.plain) {
        case 'while':
        case 'until':
          return this.loop(t.plain === 'until');
        case 'for':
          return this.forLoop();
        case 'if':
          return this.ifCommand();
        case '{': {
          this.at++;
          const body = this.list(new Set(['}']));
          this.expectReserved('}');
          return { t: 'group', body, subshell: false, redirs: this.redirects() };
        }
        default:
          throw new ShellSyntaxError(`unexpected "${t.plain}"`);
      }
    }
    return this.simple();
  }

  private loop(until: boolean): Command {
    this.at++;
    const cond = this.list(new Set(['do']));
    this.expectReserved('do');
    const body = this.list(new Set(['done']));
    this.expectReserved('done');
    return { t: 'loop', until, cond, body, redirs: this.redirects() };
  }

  private forLoop(): Command {
    this.at++;
    const nameTok = this.peek();
    if (nameTok?.t !== 'word' || !nameTok.plain || !NAME.test(nameTok.plain)) throw new ShellSyntaxError('bad for loop variable');
    this.at++;
    let items: Word[] | undefined;
    while (this.isOp('\n')) this.at++;
    if (this.isReserved('in')) {
      this.at++;
      items = [];
      for (let tok = this.peek(); tok?.t === 'word'; tok = this.peek()) {
        items.push(tok.word);
        this.at++;
      }
    }
    this.skipNewlines();
    this.expectReserved('do');
    const body = this.list(new Set(['done']));
    this.expectReserved('done');
    return { t: 'for', name: nameTok.plain, items, body, redirs: this.redirects() };
  }

  private ifCommand(): Command {
    this.at++;
    const branches: Array<{ cond: List; body: List }> = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.list(new Set(['then']));
      this.expectReserved('then');
      const body = this.list(new Set(['elif', 'else', 'fi']));
      branches.push({ cond, body });
      if (this.isReserved('elif')) {
        this.at++;
        continue;
      }
      if (this.isReserved('else')) {
        this.at++;
        otherwise = this.list(new Set(['fi']));
      }
      this.expectReserved('fi');
      return { t: 'if', branches, otherwise, redirs: this.redirects() };
    }
  }

  private simple(): Command {
    const assigns: Array<{ name: string; value: Word }> = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.t === 'op') {
        const redir = this.redirect(undefined);
        if (!redir) break;
        redirs.push(redir);
        continue;
      }
      // `2>&1`: a bare number right before a redirection operator names the descriptor.
      const after = this.toks[this.at + 1];
      if (t.plain && /^\d$/.test(t.plain) && after?.t === 'op' && ['>', '>>', '<', '>&'].includes(after.op)) {
        this.at++;
        const redir = this.redirect(Number(t.plain));
        if (redir) redirs.push(redir);
        continue;
      }
      if (!words.length) {
        const assign = assignment(t.word);
        if (assign) {
          assigns.push(assign);
          this.at++;
          continue;
        }
      }
      words.push(t.word);
      this.at++;
    }
    if (!words.length && !assigns.length && !redirs.length) throw new ShellSyntaxError(`unexpected ${describe(this.peek())}`);
    return { t: 'simple', assigns, words, redirs };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let r = this.redirect(undefined); r; r = this.redirect(undefined)) out.push(r);
    return out;
  }

  private redirect(fd: number | undefined): Redirect | undefined {
    const t = this.peek();
    if (t?.t !== 'op' || !['>', '>>', '<', '>&', '&>'].includes(t.op)) return undefined;
    this.at++;
    const target = this.peek();
    if (target?.t !== 'word') throw new ShellSyntaxError(`missing target for ${t.op}`);
    this.at++;
    if (t.op === '&>') return { fd: 1, op: '>', target: target.word };
    const op = t.op as Redirect['op'];
    return { fd: fd ?? (op === '<' ? 0 : 1), op, target: target.word };
  }
}

function assignment(word: Word): { name: string; value: Word } | undefined {
  const first = word[0];
  if (!first || first.k !== 'lit' || first.q) return undefined;
  const eq = first.v.indexOf('=');
  if (eq <= 0 || !NAME.test(first.v.slice(0, eq))) return undefined;
  const rest = first.v.slice(eq + 1);
  const value: Word = rest ? [{ k: 'lit', v: rest, q: false }, ...word.slice(1)] : word.slice(1);
  return { name: first.v.slice(0, eq), value };
}

function describe(t: Token | undefined): string {
  if (!t) return 'end of script';
  if (t.t === 'op') return t.op === '\n' ? 'newline' : `"${t.op}"`;
  return `"${t.plain ?? 'word'}"`;
}

/** Parses a script; throws ShellSyntaxError when it is outside the supported subset. */
export function parseShell(source: string): List {
  return new Parser(new Lexer(source).tokens()).parseProgram();
}

