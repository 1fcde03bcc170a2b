// Expectations (ControllerExpectations): after a controller issues creates or deletes it waits until
// it has *observed* them in its watch before it counts pods again, so a slow cache never makes it
// create twice. Our store announces writes synchronously, so expectations are normally met by the
// time the write returns; the bookkeeping still guards against counting a write twice.
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Pending {
  adds: number;
  deletes: Set<string>;
  since: number;
}

export class Expectations {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly now: () => number) {}

  expectCreations(key: string, count: number): void {
    const p = this.entry(key);
    p.adds += count;
  }

  expectDeletions(key: string, uids: string[]): void {
    const p = this.entry(key);
    for (const uid of uids) p.deletes.add(uid);
  }

  creationObserved(key: string): void {
    const p = this.pending.get(key);
    if (p && p.adds > 0) p.adds--;
  }

  deletionObserved(key: string, uid: string): void {
    this.pending.get(key)?.deletes.delete(uid);
  }

  /** What is still awaited, or undefined when the controller may act (met, never set, or expired). */
  outstanding(key: string): { adds: number; deletes: number } | undefined {
    const p = this.pending.get(key);
    if (!p) return undefined;
    if ((p.adds <= 0 && p.deletes.size === 0) || this.now() - p.since > EXPECTATIONS_TIMEOUT_MS) {
      this.pending.delete(key);
      return undefined;
    }
    return { adds: p.adds, deletes: p.deletes.size };
  }

  forget(key: string): void {
    this.pending.delete(key);
  }

  private entry(key: string): Pending {
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { adds: 0, deletes: new Set(), since: this.now() }));
    else p.since = this.now();
    return p;
  }
}
