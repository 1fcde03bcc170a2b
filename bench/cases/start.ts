// `npx kubesim` on the default scenario, in a 200×50 tmux pane: time from launch to the first frame
// showing the pods table. One unmeasured launch warms tsx's compile cache (as any second launch
// finds it); the figure is the median of the measured launches.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../lib/caseTypes.js';
import { percentile, round } from '../lib/stats.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** tmux on a socket of our own (in the case's temporary folder), so no user session is touched. */
function tmux(socket: string, ...args: string[]): string {
  const r = spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  if (r.error) throw new Error(`tmux is needed for the start case: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

let launches = 0;

/** One launch: ms from starting `npx kubesim` to a pane showing the table. */
async function launch(home: string): Promise<number> {
  // A server of its own each time: a new one on the socket of a server just killed can find it still exiting.
  const server = join(home, `tmux-${launches++}.sock`);
  const env = ['-e', `HOME=${home}`, '-e', `XDG_CONFIG_HOME=${home}`, '-e', 'CI=false', '-e', 'TERM=xterm-256color'];
  tmux(server, 'new-session', '-d', '-s', 'start', '-x', '200', '-y', '50', ...env, 'sleep 600');
  try {
    const t = performance.now();
    tmux(server, 'respawn-pane', '-k', '-t', 'start', ...env, '-c', ROOT, 'npx kubesim; sleep 600');
    for (;;) {
      const screen = tmux(server, 'capture-pane', '-p', '-t', 'start');
      if (/\[\d+(\/\d+)?\]/.test(screen) && screen.includes('─')) return performance.now() - t;
      if (performance.now() - t > 60_000) throw new Error(`no dashboard frame after 60 s; the pane shows:\n${screen}`);
      await pause(10);
    }
  } finally {
    tmux(server, 'kill-server');
  }
}

export const benchCase: BenchCase = {
  name: 'start',
  description: '`npx kubesim` on the default scenario in a 200×50 tmux pane: launch to first frame',
  async run(ctx) {
    const home = mkdtempSync(join(tmpdir(), 'kubesim-start-'));
    try {
      const warm = await launch(home);
      ctx.log(`first launch (warms the compile cache): ${round(warm, 0)} ms`);
      const runs: number[] = [];
      for (let i = 0; i < (ctx.quick ? 1 : 5); i++) runs.push(await launch(home));
      const median = percentile(runs, 50);
      ctx.log(`launches: ${runs.map((r) => `${round(r, 0)} ms`).join(', ')}; median ${round(median, 0)} ms`);
      return { firstFrameMs: round(median, 0), coldFirstFrameMs: round(warm, 0) };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
