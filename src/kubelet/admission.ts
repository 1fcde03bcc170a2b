// Kubelet admission: a pod bound to this node must fit next to the pods the kubelet already runs
// (pod count, cpu and memory requests against allocatable), as the scheduler assumed. A pod that
// does not fit is rejected: OutOfpods / OutOfcpu / OutOfmemory with the kubelet's message.
import { milliValue, value as quantityValue } from '../api/quantity.js';
import type { Pod } from '../api/types.js';
import { podRequests } from '../store/admission/podResources.js';
import type { NodeAgent, Requests } from './nodeAgent.js';

export interface AdmissionProblem {
  resource: string;
  requested: number;
  used: number;
  capacity: number;
}

export type Admission =
  | { ok: true; requests: Requests }
  | { ok: false; reason: string; message: string; problem: AdmissionProblem };

/** The cpu and memory a pod requests, as admission counts them. */
export function podRequestTotals(pod: Pod): Requests {
  const spec = pod.spec;
  // One container and nothing else that counts: the total is that container's, the same for every
  // pod of the template (they share the resources object), so it is worked out once.
  const only = spec && spec.containers?.length === 1 && !spec.initContainers?.length && !spec.overhead ? spec.containers[0].resources : undefined;
  if (!only) return totalsOf(pod);
  let totals = singleContainerTotals.get(only);
  if (!totals) singleContainerTotals.set(only, (totals = totalsOf(pod)));
  return totals;
}

/** Shared by the pods of a template: read only. */
const singleContainerTotals = new WeakMap<object, Requests>();

function totalsOf(pod: Pod): Requests {
  const requests = podRequests(pod);
  const cpu = requests.get('cpu');
  const memory = requests.get('memory');
  return Object.freeze({ cpuMilli: cpu ? milliValue(cpu) : 0, memoryBytes: memory ? quantityValue(memory) : 0 });
}

export function admitPod(agent: NodeAgent, pod: Pod): Admission {
  const alloc = agent.allocatable();
  const used = agent.used();
  const want = podRequestTotals(pod);
  const count = agent.admittedCount();
  let problem: AdmissionProblem | undefined;
  // The order noderesources.Fits checks in: pods, then cpu, then memory.
  if (count + 1 > alloc.pods) problem = { resource: 'pods', requested: 1, used: count, capacity: alloc.pods };
  else if (want.cpuMilli > 0 && used.cpuMilli + want.cpuMilli > alloc.cpuMilli) problem = { resource: 'cpu', requested: want.cpuMilli, used: used.cpuMilli, capacity: alloc.cpuMilli };
  else if (want.memoryBytes > 0 && used.memoryBytes + want.memoryBytes > alloc.memoryBytes) problem = { resource: 'memory', requested: want.memoryBytes, used: used.memoryBytes, capacity: alloc.memoryBytes };
  if (!problem) return { ok: true, requests: want };
  return {
    ok: false,
    reason: `OutOf${problem.resource}`,
    message: `Node didn't have enough resource: ${problem.resource}, requested: ${problem.requested}, used: ${problem.used}, capacity: ${problem.capacity}`,
    problem,
  };
}
