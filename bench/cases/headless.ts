// The default scenario simulated for 24 hours as fast as the CPU allows: wall time, and whether
// memory stays flat (the decision ring and the Events must stay bounded while the CronJob keeps
// making Jobs and pods).
import type { BenchCase } from '../lib/caseTypes.js';
import { startDefaultScenario } from '../lib/defaultScenario.js';
import { InvariantSampler } from '../lib/invariantSampler.js';
import { mib, peakRssMiB, round } from '../lib/stats.js';

const HOUR = 3600_000;

/** RSS and live heap after a full garbage collection (the runner starts cases with --expose-gc). */
function settled(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

export const benchCase: BenchCase = {
  name: 'headless',
  description: 'the default scenario simulated for 24 h (quick: 2 h): wall time and memory growth',
  async run(ctx) {
    const hours = ctx.quick ? 2 : 24;
    const t = performance.now();
    const { cluster } = startDefaultScenario();
    const sampler = new InvariantSampler(cluster, 0.05);
    cluster.advance(HOUR);
    const baseline = settled();
    const objectsAt1h = cluster.store.all().length;
    for (let h = 2; h <= hours; h++) {
      cluster.advance(HOUR);
      if (h % 6 === 0) ctx.log(`${h} h simulated, ${((performance.now() - t) / 1000).toFixed(1)} s, rss ${mib(process.memoryUsage().rss)} MiB, ${cluster.store.all().length} objects, ${cluster.store.count('Event')} events`);
    }
    sampler.check();
    const wallSeconds = (performance.now() - t - sampler.spentMs) / 1000;
    const end = settled();
    const growth = mib(end.rss - baseline.rss);
    const heapGrowth = mib(end.heap - baseline.heap);
    ctx.log(`${hours} h simulated in ${wallSeconds.toFixed(1)} s of wall time (${Math.round((hours * 3600) / wallSeconds)}x real time), ${cluster.reconciles} reconciles`);
    ctx.log(`rss after 1 h ${mib(baseline.rss)} MiB, after ${hours} h ${mib(end.rss)} MiB (growth ${growth} MiB); live heap ${mib(baseline.heap)} → ${mib(end.heap)} MiB; objects ${objectsAt1h} → ${cluster.store.all().length}; decision ring ${cluster.decisions.size}/${cluster.decisions.capacity}`);
    ctx.log(sampler.describe());
    return { wallSeconds: round(wallSeconds, 1), rssGrowthMiB: growth, heapGrowthMiB: heapGrowth, simulatedHours: hours, peakRssMiB: peakRssMiB() };
  },
};
