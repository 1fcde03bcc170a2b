// The resource metrics API (metrics.k8s.io, served by metrics-server) as the HPA reads it: one
// sample per running pod of the target, from the simulated usage model. Pods metrics-server does not
// know (not running) are simply absent; the calculator counts them as missing.
import type { Pod } from '../../api/types.js';
import type { UsageModel } from '../../sim/usage.js';
import { MetricError, type PodMetricsInfo } from './replicaCalculator.js';

/**
 * The span a sample covers. metrics-server scrapes every 15 s (--metric-resolution) and reports a
 * CPU rate over the interval between two scrapes.
 */
export const METRICS_WINDOW_MS = 15_000;

/** Samples for `resource` (cpu in millicores, memory in milli-bytes), keyed by pod name. */
export function fetchResourceMetrics(usage: UsageModel, pods: readonly Pod[], resource: string, now: number): PodMetricsInfo {
  const metrics: PodMetricsInfo = new Map();
  let reported = 0;
  for (const pod of pods) {
    const u = usage.podUsage(pod);
    if (!u) continue;
    reported++;
    // metrics-server reports cpu and memory only; a pod without the resource is left out.
    const value = resource === 'cpu' ? u.cpuMilli : resource === 'memory' ? u.memoryBytes * 1000 : undefined;
    if (value === undefined) continue;
    metrics.set(pod.metadata.name!, { value: Math.round(value), timestamp: now, windowMs: METRICS_WINDOW_MS });
  }
  if (!reported) throw new MetricError(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
  return metrics;
}
