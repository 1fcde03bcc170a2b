// client-go's flowcontrol.Backoff, as the kubelet uses it for container restarts and image pulls:
// per key, the delay starts at `initial` and doubles up to `max`; an entry untouched for more than
// twice `max` has expired and starts over ("consider stable if it's ok for twice the maxDuration").
// All times are virtual-clock milliseconds.

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

/** No entries yet: most backoffs (one per pod for image pulls) never get one, so the map comes on first use. */
const NONE: ReadonlyMap<string, Entry> = new Map();

export class Backoff {
  private map: Map<string, Entry> | undefined;

  private get entries(): ReadonlyMap<string, Entry> {
    return this.map ?? NONE;
  }

  private get writable(): Map<string, Entry> {
    return (this.map ??= new Map());
  }

  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  /** The current delay for a key (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  lastUpdate(key: string): number | undefined {
    return this.entries.get(key)?.lastUpdate;
  }

  /** Moves a key one step: `initial` when new or expired (judged at eventTime), else double, capped. */
  next(key: string, eventTime: number, now: number): number {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) {
      this.writable.set(key, { backoffMs: this.initialMs, lastUpdate: now });
      return this.initialMs;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdate = now;
    return entry.backoffMs;
  }

  /** Still waiting, counting the delay from eventTime (a container's finishedAt). */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return now - eventTime < entry.backoffMs;
  }

  /** Still waiting, counting the delay from the key's last update (the last failed pull). */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(now, entry.lastUpdate)) return false;
    return now - entry.lastUpdate < entry.backoffMs;
  }

  /**
   * Puts a key where an earlier run of the kubelet left it (adopting a pod after a restart): its
   * current delay and when it last moved.
   */
  seed(key: string, backoffMs: number, lastUpdate: number): void {
    this.writable.set(key, { backoffMs: Math.min(Math.max(backoffMs, this.initialMs), this.maxMs), lastUpdate });
  }

  /** The delay a key holds after `steps` moves without expiring: initial, doubled each step, capped. */
  delayAfter(steps: number): number {
    if (steps <= 0) return 0;
    return Math.min(this.initialMs * 2 ** Math.min(steps - 1, 30), this.maxMs);
  }

  delete(key: string): void {
    this.map?.delete(key);
  }

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.maxMs;
  }
}

/** The kubelet's constants: restarts and pulls both back off from 10 s to 300 s. */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
