// Fault injection: extra CPU load on a workload, spread over its ready pods as a load generator
// hitting its Service would spread it — what wakes a HorizontalPodAutoscaler.
import { ApiError } from '../api/errors.js';
import { milliValue, parseQuantity } from '../api/quantity.js';
import type { WorkloadUsage } from '../sim/workloadUsage.js';
import type { Store } from '../store/store.js';
import { apiQuoted, kubectlRef } from './names.js';

export const LOADABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DaemonSet'];

export interface LoadTarget {
  store: Store;
  usage: WorkloadUsage;
}

/** The CPU load currently injected on a workload (0 when none), in millicores. */
export function injectedCpuMilli(cluster: LoadTarget, kind: string, namespace: string, name: string): number {
  return cluster.usage.injectedLoads().find((l) => l.kind === kind && l.namespace === namespace && l.name === name)?.cpuMilli ?? 0;
}

/**
 * Sets (not adds to) the extra CPU a workload's pods burn, from a quantity as typed (`900m`, `1.5`,
 * `2`); `0` removes it. Returns what will happen, in a sentence.
 */
export function addLoad(cluster: LoadTarget, kind: string, namespace: string, name: string, cpu: string): string {
  if (!LOADABLE_KINDS.includes(kind)) throw new ApiError('BadRequest', `load can be put on ${LOADABLE_KINDS.join(', ')}, not on a ${kind}`);
  if (!cluster.store.get(kind, namespace, name)) throw new ApiError('NotFound', `${apiQuoted(kind, name)} not found`);
  let cpuMilli: number;
  try {
    cpuMilli = Math.round(milliValue(parseQuantity(cpu.trim())));
  } catch {
    throw new ApiError('BadRequest', `invalid cpu quantity "${cpu.trim()}": write millicores like 900m, or cores like 1.5`);
  }
  if (cpuMilli < 0) throw new ApiError('BadRequest', `invalid cpu quantity "${cpu.trim()}": load cannot be negative`);
  const existing = cluster.usage.injectedLoads().find((l) => l.kind === kind && l.namespace === namespace && l.name === name);
  cluster.usage.setLoad({ kind, namespace, name, cpuMilli, memoryBytes: existing?.memoryBytes ?? 0 });
  const ref = kubectlRef(kind, name);
  if (!cpuMilli) return `${ref}: injected cpu load removed`;
  return `${ref}: ${cpuMilli}m of extra cpu load spread over its ready pods (an HPA sees it at its next 15s sync)`;
}
