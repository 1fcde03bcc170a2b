// The dashboard over the envelope: the pods view of all namespaces (150,000 rows) in a 200×50
// terminal, the real App and Ink renderer. Keypress-to-frame latency moving the selection, a new
// filter and a new sort, then the same keys while the cluster churns (~1,000 pod changes a second),
// the cost of each frame drawn meanwhile, and whether any key was lost.
import type { BenchCase, BenchContext } from '../lib/caseTypes.js';
import { envelopeSize, loadEnvelope } from '../lib/envelope.js';
import { describeLatencies, peakRssMiB, percentile, round } from '../lib/stats.js';
import { installTaskClock } from '../lib/taskClock.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const benchCase: BenchCase = {
  name: 'ui',
  description: 'the pods view over the envelope in a 200×50 terminal: key → frame, filter, sort, and frames under churn',
  async run(ctx: BenchContext) {
    // Ink writes nothing until exit in CI, and React and Ink must see the instrumented timers.
    process.env.CI = 'false';
    installTaskClock();
    const { Dashboard, selectionMoved, rowsChanged, titleLine } = await import('../lib/dashboard.js');
    const { Churn } = await import('../lib/churn.js');

    const size = envelopeSize(ctx);
    const env = loadEnvelope(ctx, size, ctx.quick ? 1 : 0);
    env.sampler.stop();
    const pods = env.census.total;
    const { dashboard, firstFrameMs } = await Dashboard.open(env.cluster, { columns: 200, rows: 50, speed: 0 });
    ctx.log(`dashboard open on ${pods} pods: first frame in ${round(firstFrameMs)} ms`);
    const keys = ctx.quick ? 10 : 200;
    const gap = 50; // key repeat at 20 keys a second
    let pressed = 0;
    const move = async () => {
      pressed++;
      const ms = await dashboard.press('j', selectionMoved);
      await pause(gap);
      return ms;
    };
    for (let i = 0; i < 5; i++) await move(); // warm-up

    const idle: number[] = [];
    for (let i = 0; i < keys; i++) idle.push(await move());
    ctx.log(`move selection, cluster paused: ${describeLatencies(idle)}`);

    // A new filter, typed a character at a time (the table filters as you type), then cleared.
    const filterText = ctx.quick ? 'app-1' : 'app-77';
    const filtering: number[] = [];
    await dashboard.press('/', (_b, f) => f.lines.some((l) => l.startsWith('/')));
    let typed = '';
    for (const ch of filterText) {
      typed += ch;
      const want = `</${typed}>`;
      filtering.push(await dashboard.press(ch, (_b, f) => titleLine(f)?.includes(want) ?? false));
      await pause(gap);
    }
    ctx.log(`filter "${filterText}" → ${titleLine(dashboard.stdout.last)?.replace(/─/g, '').trim()}: ${describeLatencies(filtering)}`);
    await dashboard.press('\r', (_b, f) => !f.lines.some((l) => l.startsWith('/')));
    await pause(gap);
    filtering.push(await dashboard.press('\u001B', (_b, f) => !(titleLine(f)?.includes('</') ?? true)));
    await pause(gap);

    // New sorts: by age, then by name again.
    const sorting: number[] = [];
    for (const key of ['A', 'N', 'A', 'N']) {
      sorting.push(await dashboard.press(key, rowsChanged));
      await pause(gap * 2);
    }
    ctx.log(`clear filter and sort: filter ${round(Math.max(...filtering))} ms at most, sort ${describeLatencies(sorting)}`);

    // Churn: the simulation runs at 1x while pods are deleted and replaced.
    dashboard.driver.setSpeed(1);
    const churn = new Churn(env.cluster, size, 1000);
    await pause(ctx.quick ? 500 : 3000);
    const frames: number[] = [];
    const off = dashboard.stdout.onFrame((f) => frames.push(f.taskMs));
    const churning: number[] = [];
    for (let i = 0; i < keys; i++) churning.push(await move());
    const quietUntil = performance.now() + (ctx.quick ? 300 : 2000);
    while (performance.now() < quietUntil) await pause(gap);
    off();
    churn.stop();
    const rate = churn.rate();
    ctx.log(`churn: ${Math.round(rate)} pod changes/s (${churn.deletions} pods deleted and replaced), ${frames.length} frames drawn`);
    ctx.log(`frame cost under churn: ${describeLatencies(frames)}`);
    ctx.log(`move selection under churn: ${describeLatencies(churning)}`);
    const lostKeys = pressed - dashboard.selectionMoves;
    ctx.log(`${pressed} movement keys, ${dashboard.selectionMoves} selection moves: ${lostKeys} lost`);
    dashboard.close();
    return {
      keyFrameP99Ms: round(percentile(idle, 99), 2),
      filterMs: round(Math.max(...filtering), 1),
      sortMs: round(Math.max(...sorting), 1),
      churnFrameP99Ms: round(percentile(frames, 99), 2),
      churnKeyP99Ms: round(percentile(churning, 99), 2),
      lostKeys,
      churnChangesPerSecond: Math.round(rate),
      pods,
      firstFrameMs: round(firstFrameMs, 0),
      peakRssMiB: peakRssMiB(),
    };
  },
};
