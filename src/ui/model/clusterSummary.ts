// The header's numbers: nodes, pods, and cluster CPU and memory requested and used.
import { milliValue, parseQuantity, value } from '../../api/quantity.js';
import type { Node, Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';

export interface ClusterSummary {
  nodes: number;
  readyNodes: number;
  pods: number;
  runningPods: number;
  cpuAllocatableMilli: number;
  cpuRequestedMilli: number;
  cpuUsedMilli: number;
  memoryAllocatable: number;
  memoryRequested: number;
  memoryUsed: number;
}

function q(text: unknown, milli: boolean): number {
  if (text === undefined || text === null) return 0;
  try {
    const parsed = parseQuantity(text as string);
    return milli ? milliValue(parsed) : value(parsed);
  } catch {
    return 0;
  }
}

export function summarizeCluster(cluster: Cluster): ClusterSummary {
  const s: ClusterSummary = { nodes: 0, readyNodes: 0, pods: 0, runningPods: 0, cpuAllocatableMilli: 0, cpuRequestedMilli: 0, cpuUsedMilli: 0, memoryAllocatable: 0, memoryRequested: 0, memoryUsed: 0 };
  for (const node of cluster.store.list<Node>('Node')) {
    s.nodes++;
    if (node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) s.readyNodes++;
    s.cpuAllocatableMilli += q(node.status?.allocatable?.cpu, true);
    s.memoryAllocatable += q(node.status?.allocatable?.memory, false);
  }
  for (const pod of cluster.store.list<Pod>('Pod')) {
    s.pods++;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    if (phase === 'Running') s.runningPods++;
    if (!pod.spec?.nodeName) continue;
    for (const c of pod.spec.containers ?? []) {
      s.cpuRequestedMilli += q(c.resources?.requests?.cpu, true);
      s.memoryRequested += q(c.resources?.requests?.memory, false);
    }
    const usage = cluster.usage.podUsage(pod);
    if (usage) {
      s.cpuUsedMilli += usage.cpuMilli;
      s.memoryUsed += usage.memoryBytes;
    }
  }
  return s;
}
