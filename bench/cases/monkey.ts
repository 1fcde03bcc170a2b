// The monkey test at length: tens of thousands of random keys, pastes, escape sequences and resizes
// (down to 20x5) against the default scenario running at 100x. No crash, no frame taller than the
// terminal, no handler or reconcile throwing, no invariant broken.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMonkey } from '../../test/hardening/monkey.js';
import type { BenchCase } from '../lib/caseTypes.js';
import { peakRssMiB, round } from '../lib/stats.js';

export const benchCase: BenchCase = {
  name: 'monkey',
  description: 'random keys, pastes, escape sequences and resizes against a churning cluster (30,000 keys; quick: 1,000)',
  async run(ctx) {
    const keys = ctx.quick ? 1000 : 30_000;
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-monkey-'));
    process.chdir(dir); // `a` reads typed paths: keep them in an empty directory
    const started = performance.now();
    try {
      const report = await runMonkey({ keys, seed: 20261122, invariantEvery: 5000, onProgress: (n) => n % 5000 === 0 && ctx.log(`${n} keys, ${((performance.now() - started) / 1000).toFixed(0)} s`) });
      const problems = [
        ...report.keyErrors.map((e) => `key handler: ${e.split('\n')[0]}`),
        ...report.renderErrors.map(() => 'a render threw'),
        ...report.tallFrames.map((f) => `tall frame: ${f.split('\n')[0]}`),
        ...report.clusterErrors,
        ...report.violations.map((v) => `[${v.rule}] ${v.object}: ${v.message}`),
      ];
      ctx.log(`${report.keys} keys, ${report.frames} frames, ${report.resizes} resizes, ${report.quits} quits and restarts, ${round(report.simulatedSeconds, 0)} s simulated`);
      if (problems.length) throw new Error(`${problems.length} problems; first: ${problems[0]}`);
      return { wallSeconds: round((performance.now() - started) / 1000, 1), keys: report.keys, frames: report.frames, resizes: report.resizes, quits: report.quits, problems: 0, peakRssMiB: peakRssMiB() };
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
