// Keeps the decision log meaningful: a controller that re-syncs an object and reaches exactly the
// same conclusion as last time (`waiting for web-1 to be Running and Ready …`) says so once, not on
// every pod status update.

export class DecisionMemory {
  private readonly last = new Map<string, string>();

  /** True when these lines differ from what was last said about `key` (and remembers them). */
  isNew(key: string, lines: readonly string[]): boolean {
    const text = lines.join('\n');
    if (this.last.get(key) === text) return false;
    this.last.set(key, text);
    return true;
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
