// Saves a cluster to its state file when it changed, at most every few seconds of real time, and
// once more at the end. The cluster may be swapped (a scenario restart): watch() follows the new one.
import type { Cluster } from '../cluster.js';
import type { ClusterState } from './format.js';
import { writeStateFile } from './stateFile.js';

/** Real time between saves of a cluster that keeps changing. */
export const AUTOSAVE_INTERVAL_MS = 5000;

export class StateAutosaver {
  private dirty = false;
  private lastSave = 0;
  private lastDurationMs = 0;
  private unwatch: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Saves done (for tests and the status line). */
  saves = 0;
  /** The last save's failure, if it failed. */
  lastError: string | undefined;

  constructor(
    readonly path: string,
    private readonly capture: () => ClusterState,
    private readonly intervalMs = AUTOSAVE_INTERVAL_MS,
    private readonly wallNow: () => number = () => performance.now(),
  ) {
    this.lastSave = this.wallNow();
  }

  /** Follows this cluster's changes (and forgets the previous cluster's). */
  watch(cluster: Cluster): void {
    this.unwatch?.();
    this.unwatch = cluster.store.watch({}, () => {
      this.dirty = true;
    });
    this.dirty = true;
  }

  /** Saves on a real-time interval while the process runs (the dashboard). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.saveIfDue(), Math.min(1000, this.intervalMs));
    this.timer.unref?.();
  }

  /** Saves when something changed and the interval has passed; returns whether it saved. */
  saveIfDue(): boolean {
    // A big cluster takes a while to write: never spend more than a tenth of the time saving.
    const wait = Math.max(this.intervalMs, 10 * this.lastDurationMs);
    if (!this.dirty || this.wallNow() - this.lastSave < wait) return false;
    return this.saveNow();
  }

  /** Saves now, whatever changed. Returns false (and keeps the error) when the write failed. */
  saveNow(): boolean {
    const started = this.wallNow();
    try {
      writeStateFile(this.path, this.capture());
      this.dirty = false;
      this.saves++;
      this.lastError = undefined;
      return true;
    } catch (error) {
      this.lastError = `could not save the cluster to ${this.path}: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    } finally {
      this.lastSave = this.wallNow();
      this.lastDurationMs = this.lastSave - started;
    }
  }

  /** Stops the interval and saves a last time. */
  stop(): boolean {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    return this.saveNow();
  }
}
