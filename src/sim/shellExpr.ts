// The small pure pieces of the shell: `date` formats, `$(( ))` arithmetic, `expr`, `test`/`[ ]`
// and C-style escapes. The interpreter (shellRun.ts and its builtins, shellBuiltins.ts) calls them.

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function sortIf(sort: boolean, stdin: string | undefined): string[] {
  const lines = (stdin ?? '').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
  return sort ? lines.sort() : lines;
}

export function toInt(s: string): number {
  const n = Number.parseInt(s, 10);
  return Number.isNaN(n) ? 0 : n;
}

export function unescapeC(text: string): string {
  return text.replace(/\\([ntr\\ae0])/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '', '\\': '\\', a: '', e: '\x1b', '0': '' })[c] ?? c);
}

// ---- `date` ----------------------------------------------------------------------------------

/** busybox `date`: `Thu Jan  1 00:00:05 UTC 2026`, or a `+FORMAT` with the common conversions. */
export function formatDate(epochMs: number, format?: string): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const conv: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    m: () => pad(d.getUTCMonth() + 1),
    d: () => pad(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2, ' '),
    H: () => pad(d.getUTCHours()),
    M: () => pad(d.getUTCMinutes()),
    S: () => pad(d.getUTCSeconds()),
    s: () => String(Math.floor(epochMs / 1000)),
    N: () => pad((epochMs % 1000) * 1_000_000, 9),
    T: () => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    F: () => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    Z: () => 'UTC',
    z: () => '+0000',
    a: () => DAY_NAMES[d.getUTCDay()],
    b: () => MONTH_NAMES[d.getUTCMonth()],
    '%': () => '%',
  };
  if (format?.startsWith('+')) return format.slice(1).replace(/%(.)/g, (m, c: string) => conv[c]?.() ?? m);
  return `${conv.a()} ${conv.b()} ${conv.e()} ${conv.T()} UTC ${conv.Y()}`;
}

// ---- arithmetic and tests ----------------------------------------------------------------------

/** `$(( ... ))`: integers, + - * / % comparisons && || ! and parentheses; names read variables. */
export function evalArith(expr: string, vars: ReadonlyMap<string, string>): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const value = (name: string) => toInt(vars.get(name) ?? '0');
  const primary = (): number => {
    const t = toks[i++];
    if (t === undefined) return 0;
    if (t === '(') {
      const v = binary(0);
      i++; // ')'
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (/^\d/.test(t)) return Number(t);
    return value(t);
  };
  const prec: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
  const binary = (min: number): number => {
    let left = primary();
    for (;;) {
      const op = toks[i];
      const p = op === undefined ? undefined : prec[op];
      if (p === undefined || p < min) break;
      i++;
      const right = binary(p + 1);
      left = applyOp(op, left, right);
    }
    return left;
  };
  return binary(0);
}

function applyOp(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? 0 : Math.trunc(a / b);
    case '%': return b === 0 ? 0 : a % b;
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '&&': return a && b ? 1 : 0;
    case '||': return a || b ? 1 : 0;
  }
  return 0;
}

/** `expr a + b`, `expr a \* b`, `expr a = b`. */
export function evalExpr(args: string[]): number {
  if (args.length === 1) return toInt(args[0]);
  const [a, op, b] = args;
  const x = toInt(a);
  const y = toInt(b);
  if (op === '=') return a === b ? 1 : 0;
  return applyOp(op === '\\*' ? '*' : op, x, y);
}

/** `test` / `[ ]`: strings, integers, files (from the script's file table), `!`, `-a`, `-o`. */
export function evalTest(args: string[], files: ReadonlyMap<string, string>): boolean {
  const orAt = args.lastIndexOf('-o');
  if (orAt > 0) return evalTest(args.slice(0, orAt), files) || evalTest(args.slice(orAt + 1), files);
  const andAt = args.lastIndexOf('-a');
  if (andAt > 0 && args.length > 3) return evalTest(args.slice(0, andAt), files) && evalTest(args.slice(andAt + 1), files);
  if (args[0] === '!') return !evalTest(args.slice(1), files);
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v] = args;
    if (op === '-z') return v === '';
    if (op === '-n') return v !== '';
    if (['-e', '-f', '-r', '-x', '-w'].includes(op)) return files.has(v);
    if (op === '-s') return (files.get(v) ?? '') !== '';
    if (op === '-d') return [...files.keys()].some((p) => p.startsWith(v.endsWith('/') ? v : `${v}/`));
    return false;
  }
  const [a, op, b] = args;
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '-eq': return toInt(a) === toInt(b);
    case '-ne': return toInt(a) !== toInt(b);
    case '-lt': return toInt(a) < toInt(b);
    case '-le': return toInt(a) <= toInt(b);
    case '-gt': return toInt(a) > toInt(b);
    case '-ge': return toInt(a) >= toInt(b);
  }
  return false;
}
