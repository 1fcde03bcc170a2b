// HPA status conditions (AbleToScale, ScalingActive, ScalingLimited) set the way horizontal.go's
// setCondition does: an existing condition of the type is updated in place (keeping the list's
// order), its lastTransitionTime moves only when the status flips.
import type { HorizontalPodAutoscaler } from '../../api/types.js';

export type HpaCondition = NonNullable<NonNullable<HorizontalPodAutoscaler['status']>['conditions']>[number];
export type HpaConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
export type ConditionStatus = 'True' | 'False';

export interface ConditionChange {
  type: HpaConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
}

/** Returns a new list with the condition set; `nowIso` stamps a status flip (or a new condition). */
export function setCondition(list: readonly HpaCondition[] | undefined, change: ConditionChange, nowIso: string): HpaCondition[] {
  const out = (list ?? []).map((c) => ({ ...c }));
  let existing = out.find((c) => c.type === change.type);
  if (!existing) {
    existing = { type: change.type, status: change.status, lastTransitionTime: nowIso };
    out.push(existing);
  }
  if (existing.status !== change.status) existing.lastTransitionTime = nowIso;
  existing.status = change.status;
  existing.reason = change.reason;
  existing.message = change.message;
  return out;
}

// The messages horizontal.go writes, verbatim.
export const MSG = {
  succeededGetScale: "the HPA controller was able to get the target's current scale",
  failedGetScale: (err: string) => `the HPA controller was unable to get the target's current scale: ${err}`,
  succeededRescale: (n: number) => `the HPA controller was able to update the target scale to ${n}`,
  failedUpdateScale: (err: string) => `the HPA controller was unable to update the target scale: ${err}`,
  readyForNewScale: 'recommended size matches current size',
  scaleDownStabilized: 'recent recommendations were higher than current one, applying the highest recent recommendation',
  scaleUpStabilized: 'recent recommendations were lower than current one, applying the lowest recent recommendation',
  validMetricFound: (metric: string) => `the HPA was able to successfully calculate a replica count from ${metric}`,
  unableToCompute: (err: string) => `the HPA was unable to compute the replica count: ${err}`,
  scalingDisabled: 'scaling is disabled since the replica count of the target is zero',
  missingSelector: "the HPA target's scale is missing a selector",
  desiredWithinRange: 'the desired count is within the acceptable range',
  tooManyReplicas: 'the desired replica count is more than the maximum replica count',
  tooFewReplicas: 'the desired replica count is less than the minimum replica count',
  scaleUpLimit: 'the desired replica count is increasing faster than the maximum scale rate',
  scaleDownLimit: 'the desired replica count is decreasing faster than the maximum scale rate',
} as const;
