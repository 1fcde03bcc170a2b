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
  const reasons: string[] = [];
  let code: RejectCode = 'Unschedulable';
  if (node.pods.size + 1 > node.allocatable.pods) reasons.push(ERR_TOO_MANY_PODS);
  const want = pod.requests;
  const free = node.allocatable;
  const used = node.requested;
  const check = (name: string, requested: number, allocatable: number, inUse: number) => {
    if (requested <= 0 || requested <= allocatable - inUse) return;
    reasons.push(`Insufficient ${name}`);
    if (requested > allocatable) code = 'UnschedulableAndUnresolvable';
  };
  check('cpu', want.cpu, free.cpu, used.cpu);
  check('memory', want.memory, free.memory, used.memory);
  check('ephemeral-storage', want.ephemeralStorage, free.ephemeralStorage, used.ephemeralStorage);
  for (const name of [...want.scalar.keys()].sort()) {
    check(name, want.scalar.get(name)!, free.scalar.get(name) ?? 0, used.scalar.get(name) ?? 0);
  }
  return reasons.length ? reject(NODE_RESOURCES_FIT, code, ...reasons) : undefined;
}
