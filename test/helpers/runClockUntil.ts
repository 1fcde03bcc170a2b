// Runs a bare VirtualClock's timers up to `until`, each at its own time, then sets the clock there:
// what the cluster's run loop does, for tests of one timer-driven part without a cluster.
import type { VirtualClock } from '../../src/sim/clock.js';

export function runClockUntil(clock: VirtualClock, until: number): void {
  for (;;) {
    const next = clock.nextAt();
    if (next === undefined || next > until) break;
    clock.setNow(Math.max(next, clock.now()));
    clock.runOneDue();
  }
  clock.setNow(until);
}
