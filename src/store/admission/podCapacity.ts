// kubesim's own guard, not a kube-apiserver plugin: a simulated cluster holds a bounded number of
// pods. `replicas: 2147483647` is valid, and a real control plane would try to create them all
// until etcd ran out of space; here the ReplicaSet (or Job, or StatefulSet) controller is refused
// past the bound with a message that says why, and keeps retrying as it would on any refusal —
// the machine running kubesim never runs out of memory.
import type { AdmissionPlugin } from '../admission.js';
import { forbiddenFor } from './requestName.js';

/** Pods a node can run (the kubelet's default maxPods), and how many times over the cluster may hold. */
const PODS_PER_NODE = 110;
const OVERCOMMIT = 2;
/** Small clusters may still hold a few thousand pending pods (a learner scaling to 1,000 sees them). */
const MIN_CAPACITY = 5_000;

export function podCapacity(nodes: number): number {
  return Math.max(MIN_CAPACITY, nodes * PODS_PER_NODE * OVERCOMMIT);
}

export const podCapacityAdmission: AdmissionPlugin = {
  name: 'PodCapacity',
  validate(request) {
    if (request.operation !== 'CREATE' || request.object.kind !== 'Pod') return;
    const nodes = request.store.count('Node');
    const limit = podCapacity(nodes);
    if (request.store.count('Pod') < limit) return;
    throw forbiddenFor(
      request.object,
      `kubesim holds at most ${limit} pods in a cluster of ${nodes} node${nodes === 1 ? '' : 's'} (${PODS_PER_NODE} a node, ${OVERCOMMIT} times over, and at least ${MIN_CAPACITY}): delete or scale down workloads first`,
    );
  },
};
