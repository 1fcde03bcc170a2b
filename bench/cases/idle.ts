// The default scenario at steady state with the dashboard open on its pods, running at 1x: the CPU
// the whole process uses (simulation, renders, timers), as a share of one core.
import type { BenchCase } from '../lib/caseTypes.js';
import { startDefaultScenario } from '../lib/defaultScenario.js';
import { round } from '../lib/stats.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const benchCase: BenchCase = {
  name: 'idle',
  description: 'the default scenario at steady state, dashboard open at 1x: CPU as a share of one core',
  async run(ctx) {
    process.env.CI = 'false';
    const { Dashboard } = await import('../lib/dashboard.js');
    const { cluster } = startDefaultScenario();
    // Steady state: every workload up, the first CronJob runs done.
    cluster.advance(15 * 60_000);
    const { dashboard } = await Dashboard.open(cluster, { columns: 200, rows: 50, speed: 1, namespace: 'default' });
    await pause(ctx.quick ? 500 : 5000); // let the JIT and the first frames settle
    const seconds = ctx.quick ? 2 : 30;
    const framesBefore = dashboard.stdout.frames;
    const simBefore = cluster.clock.now();
    const cpu = process.cpuUsage();
    const t = performance.now();
    await pause(seconds * 1000);
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - t;
    const cpuPercent = ((used.user + used.system) / 1000 / wall) * 100;
    const frames = dashboard.stdout.frames - framesBefore;
    ctx.log(`${round(wall / 1000)} s at 1x: ${round(cpuPercent, 2)} % of one core (user ${round(used.user / 1000)} ms, system ${round(used.system / 1000)} ms), ${frames} frames, ${round((cluster.clock.now() - simBefore) / 1000)} s simulated`);
    dashboard.close();
    return { cpuPercent: round(cpuPercent, 2), seconds: round(wall / 1000), frames };
  },
};
