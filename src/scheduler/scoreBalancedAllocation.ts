// NodeResourcesBalancedAllocation: prefer nodes whose CPU and memory would be used in similar
// proportions. f_r = min(1, requested_r / allocatable_r) with actual requests including the pod;
// with two resources std = |f_cpu − f_mem| / 2; score = (1 − std) × 100. Best-effort pods (no
// requests at all) are skipped, so they do not all pile onto one node.
import { SKIP } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { MAX_NODE_SCORE } from './framework.js';

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

export function preScoreBalancedAllocation(pod: PodInfo): true | typeof SKIP {
  return pod.requests.cpu === 0 && pod.requests.memory === 0 ? SKIP : true;
}

export function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(1, requested[i] / allocatable[i]);
    fractions.push(f);
    total += f;
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sq = 0;
    for (const f of fractions) sq += (f - mean) * (f - mean);
    std = Math.sqrt(sq / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function scoreBalancedAllocation(pod: PodInfo, node: NodeInfo): number {
  // balancedScore for the default two resources, without building arrays on every node.
  const cpu = node.allocCpu;
  const memory = node.allocMemory;
  if (cpu === 0 || memory === 0) return balancedScore([node.reqCpu + pod.requests.cpu, node.reqMemory + pod.requests.memory], [cpu, memory]);
  const fc = Math.min(1, (node.reqCpu + pod.requests.cpu) / cpu);
  const fm = Math.min(1, (node.reqMemory + pod.requests.memory) / memory);
  return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
}
