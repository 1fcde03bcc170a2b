// What the DaemonSet controller remembers about one DaemonSet between syncs, so that a sync looks only
// at the nodes that changed (a pod of the set came or went, a node joined, left or changed labels or
// taints) instead of all 5,000 of them: which pods target which node, each node's last outcome, and
// the running totals those outcomes add up to. A template or spec change makes the next sync a full
// pass again, rebuilt from the store.
import { ZERO, type Contribution, type RollState } from './nodePlan.js';

export class DaemonView {
  /** Set by the first sync and by spec changes: look at every node. */
  full = true;
  hash = '';
  generation: number | undefined;
  readonly dirty = new Set<string>();
  /** node → when to look at it again. */
  readonly timers = new Map<string, number>();
  /** Orphan pods (by name) the selector matched: candidates for adoption. */
  readonly orphans = new Set<string>();
  /** target node → names of the set's pods for it. */
  readonly podsByNode = new Map<string, Set<string>>();
  private readonly outcomes = new Map<string, { contribution: Contribution; roll: RollState }>();
  readonly totals: Contribution = { ...ZERO };
  /** Rolling-update picture: nodes with an old available pod, with an old unavailable pod, and the unavailable count. */
  readonly oldAvailable = new Map<string, string>();
  readonly oldUnavailable = new Map<string, string>();
  rollUnavailable = 0;

  constructor(
    readonly uid: string,
    /** The work-queue key of the DaemonSet (`namespace/name`). */
    readonly key: string,
  ) {}

  addPod(node: string, name: string): void {
    let set = this.podsByNode.get(node);
    if (!set) this.podsByNode.set(node, (set = new Set()));
    set.add(name);
  }

  removePod(node: string, name: string): void {
    const set = this.podsByNode.get(node);
    if (!set) return;
    set.delete(name);
    if (set.size === 0) this.podsByNode.delete(node);
  }

  podNames(node: string): string[] {
    return [...(this.podsByNode.get(node) ?? [])];
  }

  /** The node's outcome from the last sync that looked at it. */
  previous(node: string): { contribution: Contribution; roll: RollState } | undefined {
    return this.outcomes.get(node);
  }

  /** Every node's last outcome (the surge update looks at them all). */
  outcomeEntries(): IterableIterator<[string, { contribution: Contribution; roll: RollState }]> {
    return this.outcomes.entries();
  }

  knownNodes(): string[] {
    return [...new Set([...this.outcomes.keys(), ...this.podsByNode.keys()])];
  }

  /** Replaces a node's contribution to the totals (undefined removes it). */
  record(node: string, next: { contribution: Contribution; roll: RollState } | undefined): void {
    const prev = this.outcomes.get(node);
    if (prev) this.apply(node, prev, -1);
    if (next) {
      this.outcomes.set(node, next);
      this.apply(node, next, 1);
    } else {
      this.outcomes.delete(node);
    }
  }

  private apply(node: string, o: { contribution: Contribution; roll: RollState }, sign: 1 | -1): void {
    for (const k of Object.keys(this.totals) as (keyof Contribution)[]) this.totals[k] += sign * o.contribution[k];
    const cls = o.roll.cls;
    if (cls === 'unavailable' || cls === 'old-unavailable') this.rollUnavailable += sign;
    if (sign > 0) {
      if (cls === 'old-ok') this.oldAvailable.set(node, o.roll.oldPod!);
      if (cls === 'old-unavailable') this.oldUnavailable.set(node, o.roll.oldPod!);
    } else {
      this.oldAvailable.delete(node);
      this.oldUnavailable.delete(node);
    }
  }

  /** Moves nodes whose timers are due into the dirty set; returns the earliest timer still pending. */
  dueTimers(now: number): number | undefined {
    let next: number | undefined;
    for (const [node, at] of this.timers) {
      if (at <= now) {
        this.dirty.add(node);
        this.timers.delete(node);
      } else if (next === undefined || at < next) next = at;
    }
    return next;
  }

  reset(): void {
    this.dirty.clear();
    this.timers.clear();
    this.podsByNode.clear();
    this.outcomes.clear();
    this.oldAvailable.clear();
    this.oldUnavailable.clear();
    Object.assign(this.totals, ZERO);
    this.rollUnavailable = 0;
    this.full = true;
  }
}
