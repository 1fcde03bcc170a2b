// Checks the cluster's invariants while a benchmark runs, failing loudly (the InvariantError leaves
// runUntil) on the first violation. A full check walks every pod, so at 150,000 pods it runs on a
// share of the settled instants: whenever the time spent checking is below `share` of the time
// elapsed. The time it takes is reported apart, so it can be left out of the case's wall time.
import type { Cluster } from '../../src/cluster.js';
import { assertInvariants } from '../../src/sim/invariants.js';

export class InvariantSampler {
  checks = 0;
  /** Wall milliseconds spent checking. */
  spentMs = 0;
  private readonly startedAt = performance.now();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly cluster: Cluster,
    /** Largest share of wall time to spend checking (1: every settled instant). */
    private readonly share = 0.1,
  ) {
    this.unsubscribe = cluster.onSettled(() => {
      if (this.share < 1 && this.spentMs > this.share * (performance.now() - this.startedAt)) return;
      this.check();
    });
  }

  /** One check now (the benchmarks end with one). */
  check(): void {
    const t = performance.now();
    try {
      assertInvariants(this.cluster);
    } finally {
      this.checks++;
      this.spentMs += performance.now() - t;
    }
  }

  stop(): void {
    this.unsubscribe();
  }

  describe(): string {
    return `${this.checks} invariant checks passed (${(this.spentMs / 1000).toFixed(1)} s, not counted in the wall time)`;
  }
}
