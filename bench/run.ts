// The benchmark runner (`npm run bench`, not part of `npm test`):
//
//   npm run bench                 every case at full size
//   npm run bench -- CASE...      only those cases (envelope, rollout, node-failure, ui, idle, start, headless, ...)
//   npm run bench -- --quick      small versions (what test/bench/quick.test.ts runs)
//   npm run bench -- --list       the cases and what they measure
//
// Each case runs in a child process of its own, so its peak RSS (getrusage maxrss) is its own and no
// case warms up another. A case prints its figures, then exactly one JSON line
// `{"case": "envelope", "wallSeconds": ..., ...}` to compare run to run; on failure the line carries
// `"error"` and the runner exits non-zero.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyHeapPolicy } from '../src/cli/heapPolicy.js';
import type { BenchContext } from './lib/caseTypes.js';
import { caseNames, loadCase } from './lib/registry.js';

const SELF = fileURLToPath(import.meta.url);

async function runChild(name: string, quick: boolean): Promise<number> {
  // The heap policy `kubesim` itself runs with (src/cli/main.ts): KUBESIM_HEAP_GROWING_PERCENT.
  applyHeapPolicy();
  const ctx: BenchContext = { quick, log: (line) => console.log(`  ${line}`) };
  try {
    const benchCase = await loadCase(name);
    console.log(`${name}${quick ? ' (quick)' : ''}: ${benchCase.description}`);
    const figures = await benchCase.run(ctx);
    console.log(JSON.stringify({ case: name, ...(quick ? { quick: true } : {}), ...figures }));
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    console.log(JSON.stringify({ case: name, ...(quick ? { quick: true } : {}), error: error instanceof Error ? error.message.split('\n')[0] : String(error) }));
    return 1;
  }
}

function main(argv: string[]): number | Promise<number> {
  const quick = argv.includes('--quick');
  const childAt = argv.indexOf('--child');
  if (childAt >= 0) return runChild(argv[childAt + 1], quick);
  const names = argv.filter((a) => !a.startsWith('--'));
  const known = caseNames();
  if (argv.includes('--list')) {
    for (const name of known) console.log(name);
    return 0;
  }
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    console.error(`unknown case${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (cases: ${known.join(', ')})`);
    return 2;
  }
  let failed = 0;
  for (const name of names.length ? names : known) {
    // --expose-gc: cases that report memory growth collect garbage before they measure. The dashboard
    // runs as bin/kubesim.js runs it (React's production build) in a colour terminal (chalk level 2,
    // as tmux-256color gives it).
    const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', FORCE_COLOR: process.env.FORCE_COLOR ?? '2' };
    // A heap limit above Node's default (about 4 GiB here): at 150,000 pods the heap peaks close to it.
    // KUBESIM_BENCH_NODE_FLAGS adds Node/V8 flags for looking into a case (`--trace-gc`, `--cpu-prof`).
    const extra = process.env.KUBESIM_BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', ...extra, '--import', 'tsx', SELF, '--child', name, ...(quick ? ['--quick'] : [])], { stdio: 'inherit', env });
    if (child.status !== 0) failed++;
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
