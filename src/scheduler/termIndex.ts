// Bound pods indexed by the labels their affinity terms ask for, so that "which existing pods have a
// term this pod could match?" looks at those pods only, not at every pod with any affinity.
import type { Selector } from '../api/labels.js';
import type { AffinityTerm, PodInfo } from './podInfo.js';

const pairKey = (k: string, v: string) => `${k}\0${v}`;

/** Index keys a pod must carry one of for the selector to match it; undefined when none narrows. */
function selectorKeys(selector: Selector): string[] | undefined {
  if (selector.matchesNothing) return [];
  let best: string[] | undefined;
  for (const r of selector.requirements) {
    let keys: string[] | undefined;
    if (r.operator === '=' || r.operator === '==' || r.operator === 'in') keys = r.values.map((v) => pairKey(r.key, v));
    else if (r.operator === 'exists') keys = [r.key];
    if (keys && (!best || keys.length < best.length)) best = keys;
  }
  return best;
}

export class TermIndex {
  private readonly byKey = new Map<string, Set<PodInfo>>();
  private readonly unnarrowed = new Set<PodInfo>();
  private readonly keysOf = new Map<PodInfo, string[] | 'any'>();

  constructor(private readonly termsOf: (p: PodInfo) => readonly AffinityTerm[]) {}

  add(p: PodInfo): void {
    const terms = this.termsOf(p);
    if (!terms.length) return;
    const keys = new Set<string>();
    for (const t of terms) {
      const k = selectorKeys(t.selector);
      if (k === undefined) {
        this.unnarrowed.add(p);
        this.keysOf.set(p, 'any');
        return;
      }
      for (const key of k) keys.add(key);
    }
    const list = [...keys];
    this.keysOf.set(p, list);
    for (const key of list) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(p);
    }
  }

  remove(p: PodInfo): void {
    const keys = this.keysOf.get(p);
    if (!keys) return;
    this.keysOf.delete(p);
    if (keys === 'any') {
      this.unnarrowed.delete(p);
      return;
    }
    for (const key of keys) {
      const set = this.byKey.get(key);
      set?.delete(p);
      if (set && set.size === 0) this.byKey.delete(key);
    }
  }

  /** Every indexed pod with a term that could match a pod carrying these labels. */
  candidates(labels: Readonly<Record<string, string>>): Set<PodInfo> {
    const out = new Set<PodInfo>(this.unnarrowed);
    for (const k in labels) {
      for (const p of this.byKey.get(pairKey(k, labels[k])) ?? []) out.add(p);
      for (const p of this.byKey.get(k) ?? []) out.add(p);
    }
    return out;
  }

  get size(): number {
    return this.keysOf.size;
  }
}
