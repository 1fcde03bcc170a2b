// A parser for the small part of POSIX sh that container commands use: `sh -c "echo hi; sleep 30"`,
// `while true; do date; sleep 5; done`, `for i in 1 2 3; do ...; done`, `if [ -f x ]; then ...; fi`,
// `&&`/`||`, pipes, redirections, quoting, `$VAR`, `${VAR:-x}`, `$(cmd)` and `$((i+1))`.
// It exists so that a simulated container does what a reader of its manifest expects (shellRun.ts
// runs the result on the virtual clock). Anything it cannot read is a ShellSyntaxError; the caller
// then falls back to "runs until stopped".

export type Part =
  | { k: 'lit'; v: string; q: boolean }
  | { k: 'var'; name: string; q: boolean; op?: string; arg?: Word }
  | { k: 'sub'; list: List; q: boolean }
  | { k: 'arith'; expr: string; q: boolean };

export type Word = Part[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export type Command =
  | { t: 'simple'; assigns: Array<{ name: string; value: Word }>; words: Word[]; redirs: Redirect[] }
  | { t: 'loop'; until: boolean; cond: List; body: List; redirs: Redirect[] }
  | { t: 'for'; name: string; items: Word[] | undefined; body: List; redirs: Redirect[] }
  | { t: 'if'; branches: Array<{ cond: List; body: List }>; otherwise?: List; redirs: Redirect[] }
  | { t: 'group'; body: List; subshell: boolean; redirs: Redirect[] };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
  background: boolean;
}

export type List = AndOr[];

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(`sh: syntax error: ${message}`);
    this.name = 'ShellSyntaxError';
  }
}

type Token = { t: 'word'; word: Word; plain: string | undefined } | { t: 'op'; op: string };

const RESERVED = new Set(['while', 'until', 'for', 'in', 'do', 'done', 'if', 'then', 'elif', 'else', 'fi', '{', '}', '!']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// ---- lexer -----------------------------------------------------------------------------------

class Lexer {
  private i = 0;
  constructor(private readonly src: string) {}

  tokens(): Token[] {
    const out: Token[] = [];
    for (;;) {
      const tok = this.next();
      if (!tok) return out;
      out.push(tok);
    }
  }

  private next(): Token | undefined {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '\\' && s[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') while (this.i < s.length && s[this.i] !== '\n') this.i++;
      else break;
    }
    if (this.i >= s.length) return undefined;
    const two = s.slice(this.i, this.i + 2);
    for (const op of ['&&', '||', '>>', '>&', '&>', ';;']) {
      if (two === op) {
        this.i += 2;
        return { t: 'op', op };
      }
    }
    const c = s[this.i];
    if ('\n;&|()<>'.includes(c)) {
      this.i++;
      return { t: 'op', op: c };
    }
    return this.word();
  }

  private word(): Token {
    const s = this.src;
    const parts: Word = [];
    let lit = '';
    let plain = true;
    const flush = (q = false) => {
      if (lit) parts.push({ k: 'lit', v: lit, q });
      lit = '';
    };
    while (this.i < s.length) {
      const c = s[this.i];
      if (' \t\r\n;&|()<>'.includes(c)) break;
      if (c === '\\') {
        lit += s[this.i + 1] ?? '';
        this.i += 2;
        plain = false;
      } else if (c === "'") {
        flush();
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        parts.push({ k: 'lit', v: s.slice(this.i + 1, end), q: true });
        this.i = end + 1;
        plain = false;
      } else if (c === '"') {
        flush();
        this.i++;
        this.doubleQuoted(parts);
        plain = false;
      } else if (c === '$' || c === '`') {
        const part = this.expansion(false);
        if (part) {
          flush();
          parts.push(part);
          plain = false;
        } else {
          lit += c;
          this.i++;
        }
      } else {
        lit += c;
        this.i++;
      }
    }
    flush();
    // A digit-only word straight before `>`/`<` is a file descriptor (`2>&1`).
    const text = parts.length === 1 && parts[0].k === 'lit' && !parts[0].q ? parts[0].v : undefined;
    return { t: 'word', word: parts, plain: plain ? (text ?? '') : undefined };
  }

  private doubleQuoted(parts: Word): void {
    const s = this.src;
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ k: 'lit', v: lit, q: true });
      lit = '';
    };
    while (this.i < s.length && s[this.i] !== '"') {
      const c = s[this.i];
      if (c === '\\' && '$`"\\\n'.includes(s[this.i + 1] ?? '')) {
        if (s[this.i + 1] !== '\n') lit += s[this.i + 1];
        this.i += 2;
      } else if (c === '$' || c === '`') {
        const part = this.expansion(true);
        if (part) {
          flush();
          parts.push(part);
        } else {
          lit += c;
          this.i++;
        }
      } else {
        lit += c;
        this.i++;
      }
    }
    if (s[this.i] !== '"') throw new ShellSyntaxError('unterminated quoted string');
    this.i++;
    flush();
    // `""` is an empty argument, not nothing.
    if (!parts.length || parts[parts.length - 1].k !== 'lit') parts.push({ k: 'lit', v: '', q: true });
  }

  /** `$NAME`, `${...}`, `$(...)`, `$((...))`, `` `...` `` and the special parameters; undefined for a lone `$`. */
  private expansion(q: boolean): Part | undefined {
    const s = this.src;
    if (s[this.i] === '`') {
      const end = s.indexOf('`', this.i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated `');
      const inner = s.slice(this.i + 1, end);
      this.i = end + 1;
      return { k: 'sub', list: parseShell(inner), q };
    }
    const next = s[this.i + 1];
    if (s.startsWith('$((', this.i)) {
      const end = this.matchParen(this.i + 1);
      const expr = s.slice(this.i + 3, end - 1);
      this.i = end + 1;
      return { k: 'arith', expr, q };
    }
    if (next === '(') {
      const end = this.matchParen(this.i + 1);
      const inner = s.slice(this.i + 2, end);
      this.i = end + 1;
      return { k: 'sub', list: parseShell(inner), q };
    }
    if (next === '{') {
      const end = s.indexOf('}', this.i + 2);
      if (end < 0) throw new ShellSyntaxError('missing }');
      const body = s.slice(this.i + 2, end);
      this.i = end + 1;
      const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!])(?:(:?[-=+?])(.*))?$/s.exec(body);
      if (!m) throw new ShellSyntaxError(`bad substitution: \${${body}}`);
      if (m[1]) return { k: 'var', name: m[2], q, op: '#' };
      return m[3] ? { k: 'var', name: m[2], q, op: m[3], arg: new Lexer(m[4]).wordOf() } : { k: 'var', name: m[2], q };
    }
    if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let j = this.i + 1;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j])) j++;
      const name = s.slice(this.i + 1, j);
      this.i = j;
      return { k: 'var', name, q };
    }
    if (next !== undefined && /[0-9@*#?$!]/.test(next)) {
      this.i += 2;
      return { k: 'var', name: next, q };
    }
    return undefined;
  }

  /** Index of the `)` matching the `(` at `open`, skipping quotes. */
  private matchParen(open: number): number {
    const s = this.src;
    let depth = 0;
    for (let j = open; j < s.length; j++) {
      const c = s[j];
      if (c === '\\') j++;
      else if (c === "'") {
        const end = s.indexOf("'", j + 1);
        if (end < 0) break;
        j = end;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j;
    }
    throw new ShellSyntaxError('unterminated $(');
  }

  /** The whole source as one word (the `x` of `${A:-x}`), quotes and expansions included. */
  wordOf(): Word {
    const tok = this.src.length ? this.word() : undefined;
    return tok && tok.t === 'word' ? tok.word : [];
  }
}

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

/**
 * True when a list could leave an enclosing loop: an `exit`, `break` or `return` anywhere inside it
 * (conservative: a `break` of a nested loop counts too). `while true` without one never ends.
 */
export function mayLeave(list: List): boolean {
  const inWord = (w: Word): boolean => w.some((p) => p.k === 'sub' && mayLeave(p.list));
  const inCommand = (c: Command): boolean => {
    switch (c.t) {
      case 'simple': {
        const first = c.words[0];
        const name = first && first.length === 1 && first[0].k === 'lit' ? first[0].v : undefined;
        return name === 'exit' || name === 'break' || name === 'return' || c.words.some(inWord);
      }
      case 'loop':
        return mayLeave(c.cond) || mayLeave(c.body);
      case 'for':
        return mayLeave(c.body);
      case 'if':
        return c.branches.some((b) => mayLeave(b.cond) || mayLeave(b.body)) || (c.otherwise ? mayLeave(c.otherwise) : false);
      case 'group':
        return mayLeave(c.body);
    }
  };
  return list.some((a) => pipelines(a).some((p) => p.commands.some(inCommand)));
}

function pipelines(a: AndOr): Pipeline[] {
  return [a.first, ...a.rest.map((r) => r.pipeline)];
}
