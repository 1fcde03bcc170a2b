// What one node needs from a DaemonSet (podsShouldBeOnNode) and what it adds to the status
// (updateDaemonSetStatus) and to the rolling update's picture (findUpdatedPodsOnNode).
import { byCreationThenName } from '../../api/objectOrder.js';
import type { DaemonSet, Node, Pod } from '../../api/types.js';
import { isPodAvailable, isPodReady, availableFrom } from '../replicaset/podState.js';
import { isPodUpdated } from './daemonPod.js';
import type { DaemonPlacement, NodeFit } from './eligibility.js';
import type { FailedPodBackoff } from './failedPodBackoff.js';

export interface Contribution {
  desired: number;
  current: number;
  misscheduled: number;
  ready: number;
  available: number;
  updated: number;
}

export const ZERO: Contribution = { desired: 0, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 };

/**
 * The node as the rolling update sees it: `ok` (an updated, available pod), `unavailable` (counts
 * against maxUnavailable: no pod yet, an unavailable new pod, two pods, …), `old-ok` (an available pod
 * of an older revision: a candidate) or `old-unavailable` (an old pod that is not available: replaced
 * at once, counted unavailable).
 */
export type RollClass = 'none' | 'ok' | 'unavailable' | 'old-ok' | 'old-unavailable';

export interface RollState {
  cls: RollClass;
  oldPod?: string;
  /** What the maxSurge > 0 update needs to know about the node. */
  surge?: SurgeState;
}

/** findUpdatedPodsOnNode for the surge update: at most one new and one old live pod, or not `ok`. */
export interface SurgeState {
  ok: boolean;
  shouldRun: boolean;
  oldPod?: string;
  oldAvailable: boolean;
  newPod?: string;
  newAvailable: boolean;
}

export interface NodeDelete {
  pod: Pod;
  why: string;
}

export interface NodeOutcome {
  fit: NodeFit;
  contribution: Contribution;
  roll: RollState;
  create: boolean;
  deletes: NodeDelete[];
  /** FailedDaemonPod event messages. */
  failed: string[];
  /** When this node should be looked at again (back-off expiry, a pod turning available). */
  recheckAt?: number;
}

export interface PlanContext {
  ds: DaemonSet;
  /** maxSurge > 0: a node may briefly run an old and a new pod. */
  surge: boolean;
  hash: string;
  generation: string | undefined;
  placement: DaemonPlacement;
  backoff: FailedPodBackoff;
  now: number;
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** podByCreationTimestampAndPhase: bound pods first, then oldest first, then by name. */
export function compareDaemonPods(a: Pod, b: Pod): number {
  const na = !!a.spec?.nodeName;
  const nb = !!b.spec?.nodeName;
  if (na !== nb) return na ? -1 : 1;
  return byCreationThenName(a, b);
}

export function planNode(ctx: PlanContext, nodeName: string, node: Node | undefined, podsIn: readonly Pod[]): NodeOutcome {
  const minReady = ctx.ds.spec?.minReadySeconds ?? 0;
  // A pod already deleted and finished needs nothing more from the controller.
  const pods = podsIn.filter((p) => !(isTerminal(p) && p.metadata.deletionTimestamp)).sort(compareDaemonPods);
  const fit: NodeFit = node ? ctx.placement.fit(node) : { shouldRun: false, shouldContinueRunning: false, why: `node ${nodeName} does not exist` };
  const out: NodeOutcome = { fit, contribution: { ...ZERO }, roll: { cls: 'none' }, create: false, deletes: [], failed: [] };
  const scheduled = pods.length > 0;
  let recheck: number | undefined;
  const later = (t: number | undefined) => {
    if (t !== undefined && t > ctx.now && (recheck === undefined || t < recheck)) recheck = t;
  };

  // Status, from the oldest pod on the node.
  if (fit.shouldRun) {
    out.contribution.desired = 1;
    if (scheduled) {
      out.contribution.current = 1;
      const oldest = pods[0];
      if (isPodReady(oldest)) {
        out.contribution.ready = 1;
        if (isPodAvailable(oldest, minReady, ctx.now)) out.contribution.available = 1;
        else later(availableFrom(oldest, minReady));
      }
      if (isPodUpdated(oldest, ctx.hash, ctx.generation)) out.contribution.updated = 1;
    }
  } else if (scheduled) {
    out.contribution.misscheduled = 1;
  }

  // What the node needs.
  if (!node) {
    // Unbound pods for a node that is gone can never be scheduled; bound ones are PodGC's.
    for (const pod of pods) if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp) out.deletes.push({ pod, why: fit.why! });
  } else if (fit.shouldRun && !scheduled) {
    out.create = true;
  } else if (fit.shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const phase = pod.status?.phase;
      if (phase === 'Failed') {
        const key = `${ctx.ds.metadata.uid}/${nodeName}`;
        if (ctx.backoff.inBackoff(key, ctx.now)) {
          later(ctx.now + ctx.backoff.delay(key));
          continue;
        }
        ctx.backoff.next(key, ctx.now);
        out.failed.push(`Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to kill it`);
        out.deletes.push({ pod, why: 'the pod Failed; it is deleted and created again' });
      } else if (phase === 'Succeeded') {
        out.deletes.push({ pod, why: 'the pod Succeeded; a daemon pod is meant to keep running' });
      } else {
        running.push(pod);
      }
    }
    if (!ctx.surge) {
      // Without surge one pod per node: keep the oldest.
      for (const extra of running.slice(1)) out.deletes.push({ pod: extra, why: `more than one daemon pod on ${nodeName}; keeping the oldest, ${running[0].metadata.name}` });
    } else {
      surgeManage(ctx, running, minReady, out);
    }
  } else if (scheduled) {
    for (const pod of pods) if (!pod.metadata.deletionTimestamp) out.deletes.push({ pod, why: fit.why ?? 'the node no longer fits' });
  }

  out.roll = rollState(ctx, fit, pods, minReady);
  if (ctx.surge) out.roll.surge = surgeState(ctx, fit, pods, minReady);
  if (out.roll.cls === 'unavailable' || out.roll.cls === 'ok') {
    for (const p of pods) if (!p.metadata.deletionTimestamp && isPodReady(p)) later(availableFrom(p, minReady));
  }
  out.recheckAt = recheck;
  return out;
}

/** findUpdatedPodsOnNode plus the availability checks of the rolling update (maxSurge 0). */
function rollState(ctx: PlanContext, fit: NodeFit, pods: readonly Pod[], minReady: number): RollState {
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  if (!fit.shouldRun && pods.length === 0) return { cls: 'none' };
  let fresh: Pod | undefined;
  let old: Pod | undefined;
  for (const p of live) {
    if (isPodUpdated(p, ctx.hash, ctx.generation)) {
      if (fresh) return { cls: 'unavailable' };
      fresh = p;
    } else {
      if (old) return { cls: 'unavailable' };
      old = p;
    }
  }
  if ((!fresh && !old) || (fresh && old)) return { cls: 'unavailable' };
  if (fresh) return { cls: isPodAvailable(fresh, minReady, ctx.now) ? 'ok' : 'unavailable' };
  return { cls: isPodAvailable(old!, minReady, ctx.now) ? 'old-ok' : 'old-unavailable', oldPod: old!.metadata.name };
}

/**
 * With surge a node may run two pods, only while the update is in flight: the oldest pod of the
 * current revision and the oldest of an older one. The old one goes once it is not Ready or once
 * the new one is available; anything beyond the two goes at once.
 */
function surgeManage(ctx: PlanContext, running: Pod[], minReady: number, out: NodeOutcome): void {
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of running) {
    if (pod.metadata.labels?.['controller-revision-hash'] === ctx.hash) {
      if (!oldestNew) {
        oldestNew = pod;
        continue;
      }
    } else if (!oldestOld) {
      oldestOld = pod;
      continue;
    }
    out.deletes.push({ pod, why: 'more than one pod of the same revision on the node' });
  }
  if (!oldestNew || !oldestOld) return;
  if (!isPodReady(oldestOld)) out.deletes.push({ pod: oldestOld, why: 'the old pod is no longer Ready and is replaced by the new one' });
  else if (isPodAvailable(oldestNew, minReady, ctx.now)) out.deletes.push({ pod: oldestOld, why: `the new pod ${oldestNew.metadata.name} is available` });
}

function surgeState(ctx: PlanContext, fit: NodeFit, pods: readonly Pod[], minReady: number): SurgeState {
  const state: SurgeState = { ok: true, shouldRun: fit.shouldRun, oldAvailable: false, newAvailable: false };
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(p, ctx.hash, ctx.generation)) {
      if (state.newPod) return { ...state, ok: false };
      state.newPod = p.metadata.name;
      state.newAvailable = isPodAvailable(p, minReady, ctx.now);
    } else {
      if (state.oldPod) return { ...state, ok: false };
      state.oldPod = p.metadata.name;
      state.oldAvailable = isPodAvailable(p, minReady, ctx.now);
    }
  }
  return state;
}
