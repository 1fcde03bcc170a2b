// The control plane every hand-built test harness starts from: the store (with the admission chain
// unless a test leaves it out), the virtual clock, seeded randomness, the work queue, the decision
// log and the event recorder, wired as src/cluster.ts wires them, plus the simulation loop that
// drains the queue and runs timers. Harnesses extend it with the components under test.
import type { ControlPlane } from '../../src/controllers/controlPlane.js';
import type { Controller } from '../../src/controllers/controller.js';
import { WorkQueue } from '../../src/controllers/workQueue.js';
import { DecisionLog } from '../../src/events/decisionLog.js';
import { EventRecorder } from '../../src/events/eventRecorder.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { installAdmission } from '../../src/store/admission/index.js';
import { Store } from '../../src/store/store.js';

export interface TestControlPlaneOptions {
  seed: number;
  /** Namespaces that exist from the start. */
  namespaces: readonly string[];
  /** Install the apiserver's admission chain (default true). */
  admission?: boolean;
  /** settle() throws after this many reconciles in one call: something requeues forever. */
  drainLimit?: number;
}

export class TestControlPlane {
  readonly clock = new VirtualClock();
  readonly random: SeededRandom;
  readonly store: Store;
  readonly queue = new WorkQueue();
  readonly decisions: DecisionLog;
  readonly events: EventRecorder;
  /** What the components under test are handed. */
  readonly cp: ControlPlane;
  /** Called after every reconcile and every timer, e.g. to record the replica counts of each step. */
  onStep: (() => void) | undefined;
  private readonly drainLimit: number;

  constructor(options: TestControlPlaneOptions) {
    const { clock, queue } = this;
    const random = (this.random = new SeededRandom(options.seed));
    const store = (this.store = new Store(clock, random));
    if (options.admission !== false) installAdmission(store);
    const decisions = (this.decisions = new DecisionLog(() => clock.now()));
    const events = (this.events = new EventRecorder(store));
    // No workload usage model: nothing here reports CPU or memory use.
    this.cp = { store, clock, random, queue, decisions, events, usage: { podUsage: () => undefined } };
    this.drainLimit = options.drainLimit ?? Number.POSITIVE_INFINITY;
    for (const name of options.namespaces) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  /** Runs queued reconciles at the current instant; returns how many ran. */
  settle(): number {
    let n = 0;
    for (let item = this.queue.take(); item; item = this.queue.take()) {
      (item.owner as Controller).run(item.key);
      this.onStep?.();
      if (++n > this.drainLimit) throw new Error('the work queue never drains');
    }
    return n;
  }

  /** Runs timers and reconciles for `ms` of virtual time, as Cluster.runUntil does. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    this.settle();
    for (;;) {
      const next = this.clock.nextAt();
      if (next === undefined || next > target) break;
      if (next > this.clock.now()) this.clock.setNow(next);
      // Timers due at the same instant run together; their reconciles settle after.
      while (this.clock.runOneDue()) this.onStep?.();
      this.settle();
    }
    if (target > this.clock.now()) this.clock.setNow(target);
    this.settle();
  }
}
