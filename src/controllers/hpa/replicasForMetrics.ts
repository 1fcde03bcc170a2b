// computeReplicasForMetrics: every metric of the HPA proposes a replica count and the largest wins.
// A metric that cannot be computed is skipped, unless none can be, or skipping it would let the
// others scale down (a metric we cannot read might be the one that is high).
import { MSG, type ConditionChange } from './conditions.js';
import { computeMetric, type MetricContext, type MetricEnv, type MetricResult, type MetricSpec, type MetricStatus } from './metricSources.js';

export interface MetricsOutcome {
  /** The largest proposal, or -1 when the HPA cannot act on its metrics. */
  replicas: number;
  /** `cpu resource utilization (percentage of request)`: the metric that gave `replicas`. */
  metricName: string;
  /** One entry per metric spec; a failed metric leaves an empty status (`type: ""`). */
  statuses: MetricStatus[];
  results: MetricResult[];
  invalidCount: number;
  /** `invalid metrics (1 invalid out of 2), first error is: …` when any metric failed. */
  error?: string;
  /** The ScalingActive condition to set. */
  scalingActive?: ConditionChange;
}

export function computeReplicasForMetrics(env: MetricEnv, ctx: MetricContext, specs: readonly MetricSpec[]): MetricsOutcome {
  const results = specs.map((spec) => computeMetric(env, ctx, spec));
  const statuses: MetricStatus[] = results.map((r) => (r.ok ? r.status : ({ type: '' } as MetricStatus)));
  let replicas = 0;
  let metricName = '';
  let invalidCount = 0;
  let firstError: string | undefined;
  let firstCondition: ConditionChange | undefined;
  for (const r of results) {
    if (!r.ok) {
      if (invalidCount === 0) {
        firstError = r.error;
        firstCondition = r.condition;
      }
      invalidCount++;
      continue;
    }
    if (replicas === 0 || r.replicas > replicas) {
      replicas = r.replicas;
      metricName = r.metricName;
    }
  }
  const error = firstError !== undefined ? `invalid metrics (${invalidCount} invalid out of ${specs.length}), first error is: ${firstError}` : undefined;
  if (specs.length && (invalidCount >= specs.length || (invalidCount > 0 && replicas < ctx.specReplicas))) {
    return { replicas: -1, metricName: '', statuses, results, invalidCount, ...(error ? { error } : {}), ...(firstCondition ? { scalingActive: firstCondition } : {}) };
  }
  return {
    replicas,
    metricName,
    statuses,
    results,
    invalidCount,
    ...(error ? { error } : {}),
    scalingActive: { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: MSG.validMetricFound(metricName) },
  };
}
