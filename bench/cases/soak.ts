// The soak: 24 simulated hours of random applies, deletes, scales, rollouts, node failures, crashes,
// drains, load and time jumps, with the invariant checker after every step. Zero violations, zero
// lost objects, and the bounded things (decision ring, Events) stay bounded.
import { runSoak } from '../../test/hardening/soak.js';
import type { BenchCase } from '../lib/caseTypes.js';
import { peakRssMiB, round } from '../lib/stats.js';

export const benchCase: BenchCase = {
  name: 'soak',
  description: '24 simulated hours of random user actions and faults, invariants checked after every step (quick: 1 h)',
  async run(ctx) {
    const hours = ctx.quick ? 1 : 24;
    const started = performance.now();
    const report = runSoak({ seed: 20261122, hours, onProgress: (h, steps) => h % 6 < 1 && ctx.log(`${round(h, 1)} h simulated, ${steps} steps, ${((performance.now() - started) / 1000).toFixed(0)} s`) });
    ctx.log(`${report.steps} steps over ${round(report.simulatedHours, 1)} h: ${Object.entries(report.actions).map(([a, n]) => `${a} ${n}`).join(', ')}; ${report.refusals} refused by the API`);
    ctx.log(`largest: ${report.maxObjects} objects, ${report.maxEvents} Events, decision ring ${report.maxDecisionsKept} of ${report.decisionsRecorded} recorded; heap ${report.heapMB} MB`);
    const problems = [...report.violations.map((v) => `[${v.rule}] ${v.object}: ${v.message} (step ${v.step}, ${v.at})`), ...report.lost, ...report.internalErrors];
    if (problems.length) throw new Error(`${problems.length} problems; first: ${problems[0]}`);
    return {
      wallSeconds: round((performance.now() - started) / 1000, 1),
      simulatedHours: round(report.simulatedHours, 1),
      steps: report.steps,
      violations: 0,
      lostObjects: 0,
      maxEvents: report.maxEvents,
      maxDecisionsKept: report.maxDecisionsKept,
      peakRssMiB: peakRssMiB(),
    };
  },
};
