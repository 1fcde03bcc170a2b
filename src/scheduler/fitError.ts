// FitError.Error(): `0/<N> nodes are available: <histogram or PreFilter message>.` plus the
// PostFilter (preemption) message. Histogram entries are `<count> <reason>`, sorted as plain strings
// ("10 …" sorts before "2 …", as Go's sort.Strings does).
import type { Rejection } from './framework.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * Each node's reason for refusing the pod (framework.NodeToStatus): explicit entries, and one status
 * shared by every node without an entry (a PreFilter rejection, nodes a PreFilter ruled out).
 */
export interface NodeToStatus {
  explicit: Map<string, Rejection>;
  absent?: Rejection;
}

export function statusOf(statuses: NodeToStatus, node: string): Rejection | undefined {
  return statuses.explicit.get(node) ?? statuses.absent;
}

export interface FitError {
  numAllNodes: number;
  /** A PreFilter rejection replaces the per-node histogram. */
  preFilterMessage?: string;
  statuses: NodeToStatus;
  postFilterMessage?: string;
}

/** reason → how many nodes gave it (a node with two reasons counts for both). */
export function reasonHistogram(statuses: NodeToStatus, numAllNodes: number): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (s: Rejection, n: number) => {
    for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + n);
  };
  for (const s of statuses.explicit.values()) add(s, 1);
  const rest = numAllNodes - statuses.explicit.size;
  if (statuses.absent && rest > 0) add(statuses.absent, rest);
  return counts;
}

/** Go's sort.Strings: byte order (UTF-16 order is the same for the ASCII these strings use). */
function goSort(entries: string[]): string[] {
  return entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function histogramEntries(counts: ReadonlyMap<string, number>): string[] {
  return goSort([...counts].map(([reason, n]) => `${n} ${reason}`));
}

export function fitErrorMessage(e: FitError): string {
  let msg = `0/${e.numAllNodes} nodes are available:`;
  if (e.preFilterMessage) msg += ` ${e.preFilterMessage}.`;
  else {
    const entries = histogramEntries(reasonHistogram(e.statuses, e.numAllNodes));
    if (entries.length) msg += ` ${entries.join(', ')}.`;
  }
  if (e.postFilterMessage) msg += ` ${e.postFilterMessage}.`;
  return msg;
}
