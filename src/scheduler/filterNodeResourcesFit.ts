// NodeResourcesFit (filter): the pod's requests must fit in allocatable minus what the node's pods
// already request, and the node must have room for one more pod. A node reports every shortage
// (`Insufficient cpu` and `Insufficient memory` count separately). Asking for more than the node's
// whole allocatable cannot be fixed by preemption, so that is UnschedulableAndUnresolvable.
import type { CycleState, RejectCode, Verdict } from './framework.js';
import { reject } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';

export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
export const ERR_TOO_MANY_PODS = 'Too many pods';

export function filterNodeResourcesFit(pod: PodInfo, node: NodeInfo, _state: CycleState): Verdict {
  const want = pod.requests;
  // The common case first, from the node's flat numbers and without allocating: one more pod fits
  // and every request fits.
  const tooMany = node.podCount + 1 > node.allocPods;
  if (!tooMany && fits(want.cpu, node.allocCpu, node.reqCpu) && fits(want.memory, node.allocMemory, node.reqMemory) && fits(want.ephemeralStorage, node.allocEphemeral, node.reqEphemeral) && scalarsFit(pod, node)) {
    return undefined;
  }
  const free = node.allocatable;
  const used = node.requested;
  const reasons: string[] = [];
  let code: RejectCode = 'Unschedulable';
  if (tooMany) reasons.push(ERR_TOO_MANY_PODS);
  const shortages: Array<[string, number, number, number]> = [
    ['cpu', want.cpu, free.cpu, used.cpu],
    ['memory', want.memory, free.memory, used.memory],
    ['ephemeral-storage', want.ephemeralStorage, free.ephemeralStorage, used.ephemeralStorage],
  ];
  for (const name of [...want.scalar.keys()].sort()) shortages.push([name, want.scalar.get(name)!, free.scalar.get(name) ?? 0, used.scalar.get(name) ?? 0]);
  for (const [name, requested, allocatable, inUse] of shortages) {
    if (fits(requested, allocatable, inUse)) continue;
    reasons.push(`Insufficient ${name}`);
    if (requested > allocatable) code = 'UnschedulableAndUnresolvable';
  }
  return reasons.length ? reject(NODE_RESOURCES_FIT, code, ...reasons) : undefined;
}

function fits(requested: number, allocatable: number, inUse: number): boolean {
  return requested <= 0 || requested <= allocatable - inUse;
}

function scalarsFit(pod: PodInfo, node: NodeInfo): boolean {
  if (pod.requests.scalar.size === 0) return true;
  for (const [name, requested] of pod.requests.scalar) {
    if (!fits(requested, node.allocatable.scalar.get(name) ?? 0, node.requested.scalar.get(name) ?? 0)) return false;
  }
  return true;
}
