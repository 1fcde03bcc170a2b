// The syntax tree of the shell subset kubesim reads (see shellParse.ts), and what can be asked of it.

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
