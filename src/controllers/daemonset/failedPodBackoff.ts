// The back-off on killing failed daemon pods (flowcontrol.Backoff, 1 s doubling to 15 min, per
// DaemonSet and node): a kubelet that keeps rejecting the pod must not make the controller hot-loop.
export const FAILED_POD_BACKOFF_INITIAL_MS = 1000;
export const FAILED_POD_BACKOFF_MAX_MS = 15 * 60 * 1000;

interface Entry {
  delayMs: number;
  lastUpdate: number;
}

export class FailedPodBackoff {
  private readonly entries = new Map<string, Entry>();

  /** IsInBackOffSinceUpdate: a step was taken less than the current delay ago. */
  inBackoff(key: string, now: number): boolean {
    const e = this.entries.get(key);
    return !!e && now - e.lastUpdate < e.delayMs;
  }

  delay(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /** Next: the first step (or one after a long quiet spell) starts at 1 s, later ones double. */
  next(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * FAILED_POD_BACKOFF_MAX_MS) {
      this.entries.set(key, { delayMs: FAILED_POD_BACKOFF_INITIAL_MS, lastUpdate: now });
      return FAILED_POD_BACKOFF_INITIAL_MS;
    }
    e.delayMs = Math.min(e.delayMs * 2, FAILED_POD_BACKOFF_MAX_MS);
    e.lastUpdate = now;
    return e.delayMs;
  }

  forgetPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
