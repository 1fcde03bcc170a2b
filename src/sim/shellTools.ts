// Text tools a container script pipes through: cat, head, tail, grep, wc, seq, ls. Pure functions
// of their arguments, stdin and the script's file table; the shell machine prints what they return.

export interface ToolResult {
  out: string[];
  /** Error lines (stderr). */
  err: string[];
  code: number;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function cat(args: string[], stdin: string | undefined, files: ReadonlyMap<string, string>): ToolResult {
  const r: ToolResult = { out: [], err: [], code: 0 };
  const paths = args.filter((a) => !a.startsWith('-') || a === '-');
  if (!paths.length) {
    if (stdin) r.out.push(...splitLines(stdin));
    return r;
  }
  for (const p of paths) {
    if (p === '/dev/null') continue;
    const content = p === '-' ? stdin : files.get(p);
    if (content === undefined) {
      r.err.push(`cat: can't open '${p}': No such file or directory`);
      r.code = 1;
    } else r.out.push(...splitLines(content));
  }
  return r;
}

export function headTail(args: string[], stdin: string | undefined, files: ReadonlyMap<string, string>, which: 'head' | 'tail'): ToolResult {
  let n = 10;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n') n = Number.parseInt(args[++i] ?? '10', 10) || 0;
    else if (/^-\d+$/.test(args[i])) n = Number(args[i].slice(1));
    else if (!args[i].startsWith('-')) paths.push(args[i]);
  }
  const lines = splitLines(paths.length ? (files.get(paths[0]) ?? '') : (stdin ?? ''));
  return { out: which === 'head' ? lines.slice(0, n) : lines.slice(Math.max(0, lines.length - n)), err: [], code: 0 };
}

export function grep(args: string[], stdin: string | undefined, files: ReadonlyMap<string, string>): ToolResult {
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const [pattern, ...paths] = args.filter((a) => !a.startsWith('-'));
  if (pattern === undefined) return { out: [], err: ['grep: usage: grep PATTERN [FILE]...'], code: 2 };
  const text = paths.length ? paths.map((p) => files.get(p) ?? '').join('\n') : (stdin ?? '');
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags.includes('i') ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  const out = text.split('\n').filter((line) => line !== '' && re.test(line) !== flags.includes('v'));
  return { out: flags.includes('q') ? [] : out, err: [], code: out.length ? 0 : 1 };
}

export function wc(args: string[], stdin: string | undefined): ToolResult {
  const text = stdin ?? '';
  const lines = text ? text.split('\n').length : 0;
  return { out: [args.includes('-l') ? String(lines) : `${lines} ${text.split(/\s+/).filter(Boolean).length} ${text.length}`], err: [], code: 0 };
}

export function seq(args: string[]): ToolResult {
  const nums = args.map(Number);
  if (!nums.length || nums.some(Number.isNaN)) return { out: [], err: ['seq: invalid argument'], code: 1 };
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  const out: string[] = [];
  for (let v = first; step > 0 ? v <= last : v >= last; v += step) {
    out.push(String(v));
    if (out.length > 100_000 || step === 0) break;
  }
  return { out, err: [], code: 0 };
}

export function ls(args: string[], files: ReadonlyMap<string, string>): ToolResult {
  const r: ToolResult = { out: [], err: [], code: 0 };
  const paths = args.filter((a) => !a.startsWith('-'));
  for (const p of paths.length ? paths : ['.']) {
    if (files.has(p)) {
      r.out.push(p);
      continue;
    }
    const dir = p.endsWith('/') ? p : `${p}/`;
    const names = new Set<string>();
    for (const path of files.keys()) if (path.startsWith(dir)) names.add(path.slice(dir.length).split('/')[0]);
    if (!names.size && p !== '.') {
      r.err.push(`ls: ${p}: No such file or directory`);
      r.code = 1;
    }
    r.out.push(...[...names].sort());
  }
  return r;
}
