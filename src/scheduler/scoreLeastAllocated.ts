// NodeResourcesFit score, LeastAllocated strategy: prefer the node with the most room left, counting
// requests the non-zero way (100m CPU / 200Mi for containers without requests) and including the pod.
// score_r = (allocatable − requested) × 100 / allocatable; node score = Σ score_r × w_r / Σ w_r.
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { MAX_NODE_SCORE } from './framework.js';

export const NODE_RESOURCES_FIT_SCORE = 'NodeResourcesFit';

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** cpu and memory, weight 1 each: the default profile's resources. */
export function scoreLeastAllocated(pod: PodInfo, node: NodeInfo): number {
  let sum = 0;
  let weights = 0;
  if (node.allocCpu > 0) {
    sum += leastRequestedScore(node.nonZeroCpu + pod.nonZero.cpu, node.allocCpu);
    weights += 1;
  }
  if (node.allocMemory > 0) {
    sum += leastRequestedScore(node.nonZeroMemory + pod.nonZero.memory, node.allocMemory);
    weights += 1;
  }
  return weights ? Math.trunc(sum / weights) : 0;
}
