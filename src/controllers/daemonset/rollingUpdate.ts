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

/** UnavailableCount and SurgeCount: percentages of the desired nodes, rounded up. */
export function fenceposts(ds: DaemonSet, desired: number): { maxUnavailable: number; maxSurge: number } {
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
  return { maxUnavailable: max, maxSurge: surge };
}

export function maxUnavailableOf(ds: DaemonSet, desired: number): number {
  return fenceposts(ds, desired).maxUnavailable;
}

/** AllowsSurge: a RollingUpdate whose maxSurge is not 0. */
export function allowsSurge(ds: DaemonSet): boolean {
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
  try {
    return scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge ?? 0, 1, true) !== 0;
  } catch {
    return false;
  }
}

export interface SurgePlan {
  maxSurge: number;
  surging: number;
  /** Nodes that get an updated pod next to their old one. */
  creates: string[];
  deletes: Array<{ node: string; pod: string; why: string }>;
  waiting: number;
}

/**
 * The maxSurge > 0 update: a new pod is started beside the old one on up to maxSurge nodes at a time
 * (at once where the old pod is unavailable), and the old pod goes when the new one is available.
 * Nodes that should no longer run the set lose their old pod only while enough pods elsewhere are
 * available. This one looks at every node, so it costs O(nodes) per sync.
 */
export function planSurgeUpdate(ds: DaemonSet, view: DaemonView, touched: ReadonlySet<string>): SurgePlan {
  const { maxSurge } = fenceposts(ds, view.totals.desired);
  const plan: SurgePlan = { maxSurge, surging: 0, creates: [], deletes: [], waiting: 0 };
  const allowed: string[] = [];
  const candidates: string[] = [];
  const notRunning: Array<{ node: string; pod: string }> = [];
  let available = 0;
  for (const [node, outcome] of view.outcomeEntries()) {
    const st = outcome.roll.surge;
    if (!st || touched.has(node)) continue;
    if (!st.ok) {
      plan.surging++;
      continue;
    }
    if (st.oldPod ? st.oldAvailable : st.newAvailable) available++;
    if (!st.oldPod) continue;
    if (!st.newPod) {
      if (!st.oldAvailable) {
        if (!st.shouldRun) plan.deletes.push({ node, pod: st.oldPod, why: 'an old, unavailable pod on a node the set no longer fits' });
        else allowed.push(node);
      } else if (!st.shouldRun) notRunning.push({ node, pod: st.oldPod });
      else candidates.push(node);
    } else if (!st.newAvailable) {
      plan.surging++;
    } else {
      plan.deletes.push({ node, pod: st.oldPod, why: `the new pod ${st.newPod} is available` });
    }
  }
  const deletable = Math.min(Math.max(0, available - view.totals.desired), notRunning.length);
  for (const d of notRunning.slice(0, deletable)) plan.deletes.push({ ...d, why: 'the node no longer fits and enough pods are available elsewhere' });
  const room = Math.max(0, Math.min(maxSurge - plan.surging, candidates.length));
  plan.creates = [...allowed, ...candidates.slice(0, room)];
  plan.waiting = candidates.length - room;
  return plan;
}

export function planRollingUpdate(ds: DaemonSet, view: DaemonView, touched: ReadonlySet<string>): RollPlan {
  const max = maxUnavailableOf(ds, view.totals.desired);
  const plan: RollPlan = { maxUnavailable: max, unavailable: view.rollUnavailable, deletes: [], waiting: 0 };
  for (const [node, pod] of view.oldUnavailable) {
    if (touched.has(node)) continue;
    plan.deletes.push({ node, pod, why: 'it runs an old revision and is not available, so replacing it costs no availability' });
  }
  // Candidates in the order the nodes were last looked at (upstream walks a map: any order will do);
  // only as many as there is room for are taken, so a sync costs what it deletes, not the cluster size.
  const room = Math.max(0, max - view.rollUnavailable);
  let taken = 0;
  for (const [node, pod] of view.oldAvailable) {
    if (taken >= room) break;
    if (touched.has(node)) continue;
    plan.deletes.push({ node, pod, why: 'it runs an old revision' });
    taken++;
  }
  plan.waiting = Math.max(0, view.oldAvailable.size - taken);
  return plan;
}
