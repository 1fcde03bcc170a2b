// DefaultPreemption (PostFilter): when no node fits, find nodes where evicting lower-priority pods
// would let the pod in, keep the fewest victims on each (reprieving the most important first), and pick
// the node whose victims matter least. The Scheduler then nominates the node and evicts the victims.
import type { SeededRandom } from '../sim/random.js';
import type { ClusterView } from './clusterView.js';
import { cloneCycleState, updateCycleState } from './cycleState.js';
import { reject, type CycleState, type Rejection } from './framework.js';
import { runFiltersWithNominated } from './filtering.js';
import { fitErrorMessage, statusOf, type NodeToStatus } from './fitError.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';
export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const ERR_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const ERR_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;
const INT32_OFFSET = 2 ** 31;

export interface Candidate {
  node: NodeInfo;
  /** Most important first. */
  victims: PodInfo[];
}

export type PreemptionResult =
  /** The PostFilter message (`preemption: …`) for the FitError; nominated is '' when the pod's nomination should be cleared. */
  | { outcome: 'failed'; message: string; clearNomination: boolean; evaluated: number }
  | { outcome: 'nominated'; candidate: Candidate; candidates: Candidate[]; evaluated: number };

/** util.MoreImportantPod: higher priority, then the one that started earlier. */
export function moreImportant(a: PodInfo, b: PodInfo, now: number): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return (a.startTime ?? now) - (b.startTime ?? now);
}

/** A victim of an earlier preemption still on its way out. */
export function terminatingByPreemption(p: PodInfo): boolean {
  if (!p.terminating) return false;
  return (p.pod.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

/** PodEligibleToPreemptOthers: the reason it is not, or undefined. */
export function ineligibility(pod: PodInfo, statuses: NodeToStatus, cluster: ClusterView): string | undefined {
  if (pod.preemptionPolicy === 'Never') return ERR_POLICY_NEVER;
  const nominated = pod.pod.status?.nominatedNodeName;
  if (!nominated) return undefined;
  // A nominated node that cannot take the pod anyway does not hold preemption back.
  if (statusOf(statuses, nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
  const node = cluster.nodeInfo(nominated);
  if (!node) return undefined;
  for (const p of node.pods.values()) if (p.priority < pod.priority && terminatingByPreemption(p)) return ERR_TERMINATING_ON_NOMINATED;
  return undefined;
}

/**
 * SelectVictimsOnNode: remove every lower-priority pod; if the pod fits, add them back most important
 * first, keeping each that still lets the pod fit. What cannot come back are the victims.
 */
export function selectVictimsOnNode(
  pod: PodInfo,
  node: NodeInfo,
  state: CycleState,
  cluster: ClusterView,
  now: number,
): { victims: PodInfo[] } | { rejection: Rejection } {
  const lower = [...node.pods.values()].filter((p) => p.priority < pod.priority).sort((a, b) => moreImportant(a, b, now));
  if (!lower.length) return { rejection: reject(DEFAULT_PREEMPTION, 'UnschedulableAndUnresolvable', ERR_NO_VICTIMS) };
  const trial = node.clone();
  const s = cloneCycleState(state);
  for (const p of lower) {
    trial.removePod(p);
    updateCycleState(s, p, trial, -1);
  }
  const stillNo = runFiltersWithNominated(pod, trial, s, cluster);
  if (stillNo) return { rejection: stillNo };
  const victims: PodInfo[] = [];
  for (const p of lower) {
    trial.addPod(p);
    updateCycleState(s, p, trial, 1);
    if (runFiltersWithNominated(pod, trial, s, cluster)) {
      trial.removePod(p);
      updateCycleState(s, p, trial, -1);
      victims.push(p);
    }
  }
  return { victims };
}

/** The earliest start among the highest-priority victims (GetEarliestPodStartTime). */
function earliestStartOfTopVictims(victims: readonly PodInfo[], now: number): number {
  const top = victims[0].priority;
  let earliest = Number.POSITIVE_INFINITY;
  for (const v of victims) if (v.priority === top) earliest = Math.min(earliest, v.startTime ?? now);
  return earliest;
}

/**
 * pickOneNodeForPreemption (no PodDisruptionBudgets in kubesim, so none are violated): lowest
 * highest-victim priority, then smallest sum of priorities, then fewest victims, then the latest start
 * among the highest-priority victims, then the first found.
 */
export function pickCandidate(candidates: readonly Candidate[], now: number): Candidate {
  const criteria: Array<(c: Candidate) => number> = [
    (c) => -c.victims[0].priority,
    (c) => -c.victims.reduce((sum, v) => sum + v.priority + INT32_OFFSET, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims, now),
  ];
  let pool = [...candidates];
  for (const score of criteria) {
    if (pool.length === 1) break;
    const best = Math.max(...pool.map(score));
    pool = pool.filter((c) => score(c) === best);
  }
  return pool[0];
}

export function numCandidates(potential: number): number {
  let n = Math.trunc((potential * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE;
  return Math.min(n, potential);
}

export function preempt(
  pod: PodInfo,
  state: CycleState | undefined,
  statuses: NodeToStatus,
  cluster: ClusterView,
  random: SeededRandom,
  now: number,
): PreemptionResult {
  const notEligible = ineligibility(pod, statuses, cluster);
  if (notEligible) return { outcome: 'failed', message: `preemption: ${notEligible}`, clearNomination: false, evaluated: 0 };

  const numAllNodes = cluster.nodeCount;
  const potential = cluster.nodeList().filter((n) => statusOf(statuses, n.name)?.code === 'Unschedulable');
  const nested: NodeToStatus = { explicit: new Map(), absent: reject(DEFAULT_PREEMPTION, 'UnschedulableAndUnresolvable', ERR_NOT_HELPFUL) };
  const candidates: Candidate[] = [];
  let evaluated = 0;
  if (potential.length) {
    const offset = random.int(potential.length);
    const wanted = numCandidates(potential.length);
    for (let i = 0; i < potential.length && candidates.length < wanted; i++) {
      const node = potential[(offset + i) % potential.length];
      evaluated++;
      // After a PreFilter rejection there is no per-node state: evicting cannot cure a pod-level problem.
      const result = state
        ? selectVictimsOnNode(pod, node, state, cluster, now)
        : lowerPriorityPodsOn(node, pod)
          ? { rejection: statuses.absent! }
          : { rejection: reject(DEFAULT_PREEMPTION, 'UnschedulableAndUnresolvable', ERR_NO_VICTIMS) };
      if ('victims' in result && result.victims.length) candidates.push({ node, victims: result.victims });
      else nested.explicit.set(node.name, 'rejection' in result ? result.rejection : reject(DEFAULT_PREEMPTION, 'UnschedulableAndUnresolvable', ERR_NO_VICTIMS));
    }
  }
  if (!candidates.length) {
    const message = `preemption: ${fitErrorMessage({ numAllNodes, statuses: nested })}`;
    return { outcome: 'failed', message, clearNomination: true, evaluated };
  }
  return { outcome: 'nominated', candidate: pickCandidate(candidates, now), candidates, evaluated };
}

function lowerPriorityPodsOn(node: NodeInfo, pod: PodInfo): boolean {
  for (const p of node.pods.values()) if (p.priority < pod.priority) return true;
  return false;
}
