// One sync of one HPA (horizontal.go reconcileAutoscaler): read the target's scale, handle the
// special cases (scaling disabled at 0 replicas, outside [min, max]), otherwise compute the metrics'
// recommendation and normalize it, scale the target, and build the new status. Returns the status
// to write (the caller writes it only when it changed) and a report for the decision log.
import { parseSelector, type Selector } from '../../api/labels.js';
import type { HorizontalPodAutoscaler, Pod } from '../../api/types.js';
import type { EventType } from '../../events/eventRecorder.js';
import type { UsageModel } from '../../sim/usage.js';
import type { Store } from '../../store/store.js';
import { MSG, setCondition, type ConditionChange, type HpaCondition } from './conditions.js';
import type { MetricStatus } from './metricSources.js';
import { normalizeLegacy, normalizeWithBehavior, recordInitialRecommendation, storeScaleEvent, type HpaHistory, type Normalized } from './normalize.js';
import type { CalculatorSettings } from './replicaCalculator.js';
import { computeReplicasForMetrics, type MetricsOutcome } from './replicasForMetrics.js';
import { getScale, updateScale, type ScaleView } from './scaleTarget.js';

export type HpaStatus = NonNullable<HorizontalPodAutoscaler['status']>;

export interface SyncEnv {
  store: Store;
  usage: UsageModel;
  now: number;
  nowIso: string;
  settings: CalculatorSettings;
  downscaleWindowSeconds: number;
  event(type: EventType, reason: string, message: string): void;
  /** Keys (`ns/name`) of every HPA whose target selects any of these pods, this one included. */
  hpasSelecting(selector: Selector, pods: readonly Pod[]): string[];
}

/** What happened, for the decision log. */
export type SyncReport =
  | { kind: 'no-scale'; error: string }
  | { kind: 'disabled'; current: number; min: number }
  | { kind: 'out-of-range'; current: number; desired: number; rescaleReason: string }
  | { kind: 'selector'; current: number; error: string }
  | { kind: 'metrics-failed'; current: number; metrics: MetricsOutcome }
  | { kind: 'computed'; current: number; recommended: number; metrics: MetricsOutcome; normalized: Normalized; rescaleReason: string };

export interface SyncResult {
  status: HpaStatus;
  report: SyncReport;
  scale?: ScaleView;
  /** Set when the target was (or could not be) rescaled. */
  rescale?: { from: number; to: number; error?: string };
  /** The desired count the status reports. */
  desired?: number;
}

export function syncAutoscaler(env: SyncEnv, hpa: HorizontalPodAutoscaler, history: HpaHistory): SyncResult {
  const spec = hpa.spec!;
  const namespace = hpa.metadata.namespace ?? 'default';
  const original = hpa.status ?? ({} as HpaStatus);
  let conditions: HpaCondition[] = (original.conditions ?? []).map((c) => ({ ...c }));
  const set = (c: ConditionChange) => (conditions = setCondition(conditions, c, env.nowIso));
  // setStatus: the status is rebuilt from these fields; the conditions are carried over.
  const build = (current: number, desired: number, metrics: MetricStatus[] | undefined, rescaled: boolean): HpaStatus => {
    // Field order as `kubectl get -o yaml` prints them; currentReplicas is omitempty.
    const status = { conditions } as HpaStatus;
    if (metrics) status.currentMetrics = metrics;
    if (current) status.currentReplicas = current;
    status.desiredReplicas = desired;
    const last = rescaled ? env.nowIso : original.lastScaleTime;
    if (last) status.lastScaleTime = last;
    return status;
  };

  const lookup = getScale(env.store, namespace, spec.scaleTargetRef);
  if (!lookup.ok) {
    env.event('Warning', 'FailedGetScale', lookup.error);
    set({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: MSG.failedGetScale(lookup.error) });
    return { status: { ...original, conditions }, report: { kind: 'no-scale', error: lookup.error } };
  }
  const scale = lookup.scale;
  set({ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: MSG.succeededGetScale });
  const current = scale.specReplicas;
  recordInitialRecommendation(history, current, env.now);
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas;

  let desired = 0;
  let rescaleReason = '';
  let rescale = true;
  let report: SyncReport;
  let statuses: MetricStatus[] | undefined;
  if (current === 0 && min !== 0) {
    rescale = false;
    set({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: MSG.scalingDisabled });
    report = { kind: 'disabled', current, min };
  } else if (current > max) {
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    desired = max;
    report = { kind: 'out-of-range', current, desired, rescaleReason };
  } else if (current < min) {
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    desired = min;
    report = { kind: 'out-of-range', current, desired, rescaleReason };
  } else {
    const selected = selectPods(env, scale, namespace, set);
    if ('error' in selected) {
      const status = build(current, original.desiredReplicas ?? 0, undefined, false);
      env.event('Warning', 'FailedComputeMetricsReplicas', selected.error);
      return { status, scale, report: { kind: 'selector', current, error: selected.error } };
    }
    const metricEnv = { namespace, usage: env.usage, now: env.now, settings: env.settings, warn: (reason: string, message: string) => env.event('Warning', reason, message) };
    const metrics = computeReplicasForMetrics(metricEnv, { specReplicas: current, pods: selected.pods }, spec.metrics ?? []);
    if (metrics.scalingActive) set(metrics.scalingActive);
    statuses = metrics.statuses;
    if (metrics.replicas === -1 && metrics.error) {
      const status = build(current, original.desiredReplicas ?? 0, statuses, false);
      env.event('Warning', 'FailedComputeMetricsReplicas', metrics.error);
      return { status, scale, report: { kind: 'metrics-failed', current, metrics } };
    }
    let rescaleMetric = '';
    if (metrics.replicas > desired) {
      desired = metrics.replicas;
      rescaleMetric = metrics.metricName;
    }
    if (desired > current) rescaleReason = `${rescaleMetric} above target`;
    if (desired < current) rescaleReason = 'All metrics below target';
    const recommended = desired;
    const input = { current, desired, min, max, now: env.now };
    const normalized = spec.behavior
      ? normalizeWithBehavior(history, input, spec.behavior, env.downscaleWindowSeconds)
      : normalizeLegacy(history, input, env.downscaleWindowSeconds);
    set(normalized.ableToScale);
    set(normalized.scalingLimited);
    desired = normalized.desired;
    rescale = desired !== current;
    report = { kind: 'computed', current, recommended, metrics, normalized, rescaleReason };
  }

  if (rescale) {
    try {
      updateScale(env.store, scale, desired);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      env.event('Warning', 'FailedRescale', `New size: ${desired}; reason: ${rescaleReason}; error: ${error}`);
      set({ type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: MSG.failedUpdateScale(error) });
      return { status: build(current, original.desiredReplicas ?? 0, statuses, false), scale, report, rescale: { from: current, to: desired, error } };
    }
    set({ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: MSG.succeededRescale(desired) });
    env.event('Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`);
    storeScaleEvent(history, spec.behavior, current, desired, env.now, env.downscaleWindowSeconds);
    return { status: build(current, desired, statuses, true), scale, report, rescale: { from: current, to: desired }, desired };
  }
  return { status: build(current, current, statuses, false), scale, report, desired: current };
}

/** validateAndParseSelector, then the pods it selects. */
function selectPods(
  env: SyncEnv,
  scale: ScaleView,
  namespace: string,
  set: (c: ConditionChange) => void,
): { pods: Pod[] } | { error: string } {
  if (!scale.selector) {
    const error = 'selector is required';
    env.event('Warning', 'SelectorRequired', error);
    set({ type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message: MSG.missingSelector });
    return { error };
  }
  let selector: Selector;
  try {
    selector = parseSelector(scale.selector);
  } catch (e) {
    const error = `couldn't convert selector into a corresponding internal selector object: ${e instanceof Error ? e.message : String(e)}`;
    env.event('Warning', 'InvalidSelector', error);
    set({ type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message: error });
    return { error };
  }
  const pods = env.store.list<Pod>('Pod', { namespace, labelSelector: selector });
  const controllers = env.hpasSelecting(selector, pods);
  if (controllers.length > 1) {
    const error = `pods by selector ${scale.selector} are controlled by multiple HPAs: [${controllers.join(' ')}]`;
    env.event('Warning', 'AmbiguousSelector', error);
    set({ type: 'ScalingActive', status: 'False', reason: 'AmbiguousSelector', message: error });
    return { error };
  }
  return { pods };
}
