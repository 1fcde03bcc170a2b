// Parts of pod statuses that many pods hold equal, kept once: the kubelet's conditions (the same
// types, statuses and transition seconds for the pods that started together), the conditions list
// itself, a node's hostIPs, and container states such as `running since <second>`. A status a pod
// worker writes is stored as it is (statusWrite, kubeletFleet.writeStatus) and stored objects are
// never changed in place, so the sharing cannot be seen.
//
// An instance is never used twice within one pod: a YAML printer writes an object met twice in one
// document as an anchor and an alias. Conditions differ by type, and the states of a pod's
// containers are told apart by the container's position in the status.
import type { core } from '../api/types.js';
import { BoundedCache } from '../util/boundedCache.js';

type PodCondition = core.PodCondition;
type ContainerState = core.ContainerState;

/** Distinct values remembered per table; past that the table starts again (sharing is an optimisation). */
const LIMIT = 16_384;

interface SharedCondition {
  readonly condition: PodCondition;
  /** Never reused, also after the table starts again: lists are keyed by these. */
  readonly id: number;
}

const conditionTable = new BoundedCache<string, SharedCondition>(LIMIT);
const listTable = new BoundedCache<string, PodCondition[]>(LIMIT);
const hostIPsTable = new BoundedCache<string, Array<{ ip: string }>>(LIMIT);
const stateTable = new BoundedCache<string, ContainerState>(LIMIT);
let nextId = 0;

function sharedCondition(type: string, status: string, reason: string | undefined, message: string | undefined, lastTransitionTime: string): SharedCondition {
  const key = `${type}\0${status}\0${reason ?? ''}\0${message ?? ''}\0${lastTransitionTime}`;
  const known = conditionTable.get(key);
  if (known) return known;
  // Literals with every field, in the order the API object has them.
  const lastProbeTime = null as unknown as string;
  let condition: PodCondition;
  if (reason && message) condition = { type, status, lastProbeTime, lastTransitionTime, reason, message };
  else if (reason) condition = { type, status, lastProbeTime, lastTransitionTime, reason };
  else if (message) condition = { type, status, lastProbeTime, lastTransitionTime, message };
  else condition = { type, status, lastProbeTime, lastTransitionTime };
  return conditionTable.set(key, { condition, id: nextId++ });
}

export interface ConditionInput {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime: string;
}

/**
 * The conditions list: `kept` (conditions of others, taken from the stored status as they are),
 * then the kubelet's own. Without others, the whole list is shared too.
 */
export function conditionList(kept: readonly PodCondition[], mine: readonly ConditionInput[]): PodCondition[] {
  if (kept.length) {
    const list = kept.slice();
    for (const c of mine) list.push(sharedCondition(c.type, c.status, c.reason, c.message, c.lastTransitionTime).condition);
    return list;
  }
  const shared = mine.map((c) => sharedCondition(c.type, c.status, c.reason, c.message, c.lastTransitionTime));
  let key = '';
  for (const s of shared) key += `${s.id},`;
  return listTable.get(key) ?? listTable.set(key, shared.map((s) => s.condition));
}

/** `[{ip}]` for a node's address: the same list for every pod on the node. */
export function hostIPsOf(ip: string): Array<{ ip: string }> {
  return hostIPsTable.get(ip) ?? hostIPsTable.set(ip, [{ ip }]);
}

/** `{running: {startedAt}}` for the container at `position` in its pod's statuses. */
export function runningState(startedAt: string, position: number): ContainerState {
  const key = `r${position}\0${startedAt}`;
  return stateTable.get(key) ?? stateTable.set(key, { running: { startedAt } });
}

/** `{waiting: {reason[, message]}}` for the container at `position` in its pod's statuses. */
export function waitingState(reason: string, message: string | undefined, position: number): ContainerState {
  const key = message === undefined ? `w${position}\0${reason}` : `m${position}\0${reason}\0${message}`;
  const known = stateTable.get(key);
  if (known) return known;
  return stateTable.set(key, { waiting: message !== undefined ? { reason, message } : { reason } });
}

/** `{}` (no last state) for the container at `position` in its pod's statuses. */
export function emptyState(position: number): ContainerState {
  const key = `e${position}`;
  return stateTable.get(key) ?? stateTable.set(key, {});
}
