// The lexer for container shell scripts: words (with quotes and `$` expansions kept as parts) and
// operators. Command substitutions inside words are parsed right away (parseShell).
import { parseShell } from './shellParse.js';
import { ShellSyntaxError, type Part, type Word } from './shellSyntax.js';

export type Token = { t: 'word'; word: Word; plain: string | undefined } | { t: 'op'; op: string };

export const RESERVED = new Set(['while', 'until', 'for', 'in', 'do', 'done', 'if', 'then', 'elif', 'else', 'fi', '{', '}', '!']);
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// ---- lexer -----------------------------------------------------------------------------------

export class Lexer {
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
      } else {
        const part = this.expansionOrChar(c, false);
        if (typeof part === 'string') lit += part;
        else {
          flush();
          parts.push(part);
          plain = false;
        }
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
      } else {
        const part = this.expansionOrChar(c, true);
        if (typeof part === 'string') lit += part;
        else {
          flush();
          parts.push(part);
        }
      }
    }
    if (s[this.i] !== '"') throw new ShellSyntaxError('unterminated quoted string');
    this.i++;
    flush();
    // `""` is an empty argument, not nothing.
    if (!parts.length || parts[parts.length - 1].k !== 'lit') parts.push({ k: 'lit', v: '', q: true });
  }

  /** The expansion starting at `c` (a `$` or a backquote), else `c` itself, taken as literal text. */
  private expansionOrChar(c: string, q: boolean): Part | string {
    const part = c === '$' || c === '`' ? this.expansion(q) : undefined;
    if (part) return part;
    this.i++;
    return c;
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

