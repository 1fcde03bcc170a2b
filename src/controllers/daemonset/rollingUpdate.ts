// A DaemonSet's rolling update (update.go, maxSurge 0): old pods that are not available are replaced
// at once (they count as unavailable already); old available pods are deleted while fewer than
// maxUnavailable nodes (default 1, a percentage of the desired nodes rounded up) are without an
// available pod. The manage loop then creates the updated pod on each emptied node.
import type { DaemonSet } from '../../api/types.js';
import { scaledValue } from '../deployment/fenceposts.js';
import type { DaemonView } from './daemonView.js';

export interface RollPlan {
  maxUnavailable: number;
  unavailable: number;
  /** node → old pod to delete. */
  deletes: Array<{ node: string; pod: string; why: string }>;
  /** Old available pods still waiting for room. */
  waiting: number;
}

export function maxUnavailableOf(ds: DaemonSet, desired: number): number {
  const rolling = ds.spec?.updateStrategy?.rollingUpdate;
  let max: number;
  let surge: number;
  try {
    max = scaledValue(rolling?.maxUnavailable ?? 1, desired, true);
    surge = scaledValue(rolling?.maxSurge ?? 0, desired, true);
  } catch {
    max = 1;
    surge = 0;
  }
  // Neither surge nor unavailability would deadlock the update; the controller accepts one.
  if (desired > 0 && max === 0 && surge === 0) max = 1;
  return max;
}

export function planRollingUpdate(ds: DaemonSet, view: DaemonView, touched: ReadonlySet<string>): RollPlan {
  const max = maxUnavailableOf(ds, view.totals.desired);
  const plan: RollPlan = { maxUnavailable: max, unavailable: view.rollUnavailable, deletes: [], waiting: 0 };
  for (const [node, pod] of [...view.oldUnavailable].sort(byNode)) {
    if (touched.has(node)) continue;
    plan.deletes.push({ node, pod, why: 'it runs an old revision and is not available, so replacing it costs no availability' });
  }
  const candidates = [...view.oldAvailable].filter(([node]) => !touched.has(node)).sort(byNode);
  const room = Math.max(0, Math.min(max - view.rollUnavailable, candidates.length));
  for (const [node, pod] of candidates.slice(0, room)) plan.deletes.push({ node, pod, why: 'it runs an old revision' });
  plan.waiting = candidates.length - room;
  return plan;
}

/** node-2 before node-10. */
function byNode(a: [string, string], b: [string, string]): number {
  return a[0].localeCompare(b[0], 'en', { numeric: true });
}
