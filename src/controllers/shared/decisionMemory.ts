// Keeps the decision log meaningful: what a controller does is always recorded, but a wait it
// reaches again on the next sync with nothing new to say (`waiting for web-1 to be Running and
// Ready …` after every pod status update) is recorded once.

export interface DecisionLine {
  action: string;
  reason: string;
  /** A wait or a standing note rather than an act: recorded only when it changes. */
  wait?: boolean;
}

export class DecisionMemory {
  private readonly lastWaits = new Map<string, string>();

  /**
   * The lines worth recording for `key`, in order: every act, and the waits when they differ from
   * the waits last seen (or when they come with an act). `signature` says what counts as different.
   */
  select<T extends DecisionLine>(key: string, lines: readonly T[], signature: (l: T) => string = (l) => l.action): T[] {
    const acts = lines.filter((l) => !l.wait);
    const waits = lines.filter((l) => l.wait);
    const text = waits.map(signature).join('\n');
    const changed = this.lastWaits.get(key) !== text;
    this.lastWaits.set(key, text);
    if (acts.length || changed) return [...lines];
    return acts;
  }

  /** True when this value differs from the last one remembered under `key` (and remembers it). */
  isNew(key: string, value: string): boolean {
    if (this.lastWaits.get(key) === value) return false;
    this.lastWaits.set(key, value);
    return true;
  }

  forget(key: string): void {
    this.lastWaits.delete(key);
  }
}
