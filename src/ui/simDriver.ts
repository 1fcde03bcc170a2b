// Runs the simulation beside the dashboard: a few milliseconds of work per tick, at the speed the
// user chose (paused, 1x, 10x, 100x), so a key never waits more than a frame. It also measures the
// rate the simulation really reaches, which the header shows.
import type { Cluster } from '../cluster.js';

export const SPEEDS = [0, 1, 10, 100] as const;
export type Speed = (typeof SPEEDS)[number];

const TICK_MS = 50;
/** Real time the simulation may take per tick, leaving the rest of the frame to rendering and keys. */
const WORK_BUDGET_MS = 12;

export class SimulationDriver {
  private timer: NodeJS.Timeout | undefined;
  private lastWall = 0;
  private speedValue: Speed;
  private carryMs = 0;
  /** Simulated seconds per real second over the last ticks. */
  achievedRate = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly cluster: Cluster,
    speed: Speed = 1,
  ) {
    this.speedValue = speed;
  }

  get speed(): Speed {
    return this.speedValue;
  }

  get paused(): boolean {
    return this.speedValue === 0;
  }

  start(): void {
    if (this.timer) return;
    this.lastWall = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  setSpeed(speed: Speed): void {
    this.speedValue = speed;
    this.lastWall = performance.now();
    this.notify();
  }

  /** The next speed up or down the ladder. */
  faster(): void {
    const i = SPEEDS.indexOf(this.speedValue);
    this.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, i + 1)]);
  }

  slower(): void {
    const i = SPEEDS.indexOf(this.speedValue);
    this.setSpeed(SPEEDS[Math.max(0, i - 1)]);
  }

  togglePause(): void {
    this.setSpeed(this.paused ? 1 : 0);
  }

  /** One unit of control-plane work (a reconcile, or the next timer), for learners stepping through. */
  step(): string {
    const result = this.cluster.step();
    this.notify();
    if (result.ran === 'reconcile') return `ran ${result.label}`;
    if (result.ran === 'timer') return `advanced to the next timer`;
    return 'nothing to do: the cluster is idle';
  }

  /** Jump the clock forward by `ms` of simulated time (still bounded by the work budget per call). */
  advance(ms: number): void {
    this.cluster.runUntil(this.cluster.clock.now() + ms);
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tick(): void {
    const wall = performance.now();
    const elapsed = wall - this.lastWall;
    this.lastWall = wall;
    if (this.paused) {
      this.achievedRate = 0;
      return;
    }
    const before = this.cluster.clock.now();
    // Whole milliseconds only (event names and timestamps need integers); the fraction carries over.
    const exact = before + elapsed * this.speedValue + this.carryMs;
    const target = Math.floor(exact);
    this.carryMs = exact - target;
    this.cluster.runUntil(target, WORK_BUDGET_MS);
    const advanced = this.cluster.clock.now() - before;
    const rate = elapsed > 0 ? advanced / elapsed : 0;
    this.achievedRate = this.achievedRate * 0.8 + rate * 0.2;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
