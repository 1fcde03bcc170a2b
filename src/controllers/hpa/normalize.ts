// From the metrics' recommendation to the replica count the HPA writes (horizontal.go,
// normalizeDesiredReplicas and normalizeDesiredReplicasWithBehaviors):
//   - without spec.behavior: the highest recommendation of the last 5 minutes (scale-down
//     stabilization), then clamp to [min, max] with scale-up limited to max(2 × current, 4);
//   - with spec.behavior: the lowest recommendation inside the scale-up window and the highest inside
//     the scale-down window bound the result, then the policies limit the change relative to the
//     replica count at the start of each policy's period (from the scale events recorded here).
// The controller keeps one HpaHistory per HPA, in memory, as kube-controller-manager does.
import type { HorizontalPodAutoscaler } from '../../api/types.js';
import { MSG, type ConditionChange } from './conditions.js';

export interface TimestampedRecommendation {
  replicas: number;
  at: number;
}

export interface ScaleEvent {
  /** Always positive: pods added (up events) or removed (down events). */
  change: number;
  at: number;
  outdated: boolean;
}

export class HpaHistory {
  recommendations: TimestampedRecommendation[] = [];
  scaleUpEvents: ScaleEvent[] = [];
  scaleDownEvents: ScaleEvent[] = [];
}

export const SCALE_UP_LIMIT_FACTOR = 2;
export const SCALE_UP_LIMIT_MINIMUM = 4;
/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILIZATION_SECONDS = 300;

type Behavior = NonNullable<NonNullable<HorizontalPodAutoscaler['spec']>['behavior']>;
type Rules = NonNullable<Behavior['scaleUp']>;
export interface Policy {
  type: string;
  value: number;
  periodSeconds: number;
}

export interface ResolvedRules {
  stabilizationWindowSeconds: number;
  selectPolicy: string;
  policies: Policy[];
}

/** What one policy allowed this time: its period started at `periodStart` replicas. */
export interface PolicyLimit extends Policy {
  periodStart: number;
  proposed: number;
}

export interface Normalized {
  /** What the HPA will set. */
  desired: number;
  /** The recommendation after stabilization, before limits. */
  stabilized: number;
  ableToScale: ConditionChange;
  scalingLimited: ConditionChange;
  /** The stabilization that changed the recommendation, if any. */
  stabilization?: { direction: 'up' | 'down'; windowSeconds: number; bound: number };
  /** The limit that changed it, if any. */
  limit?: { reason: string; bound: number; rule?: string; policies?: PolicyLimit[] };
  /** The recommendations remembered (after this one was recorded), oldest first. */
  window: TimestampedRecommendation[];
}

export interface NormalizeInput {
  current: number;
  /** The metrics' recommendation. */
  desired: number;
  min: number;
  max: number;
  now: number;
}

/** recordInitialRecommendation: the first sync remembers the current count as a recommendation. */
export function recordInitialRecommendation(history: HpaHistory, current: number, now: number): void {
  if (!history.recommendations.length) history.recommendations.push({ replicas: current, at: now });
}

/** Replace the last outdated entry, or append: the list stays as long as the window needs. */
function remember(history: HpaHistory, isOld: (r: TimestampedRecommendation) => boolean, entry: TimestampedRecommendation): void {
  let oldIndex = -1;
  history.recommendations.forEach((r, i) => {
    if (isOld(r)) oldIndex = i;
  });
  if (oldIndex >= 0) history.recommendations[oldIndex] = entry;
  else history.recommendations.push(entry);
}

function limited(status: boolean, reason: string, message: string): ConditionChange {
  return { type: 'ScalingLimited', status: status ? 'True' : 'False', reason, message };
}

const ready: ConditionChange = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: MSG.readyForNewScale };

/** normalizeDesiredReplicas: the legacy path, for HPAs without spec.behavior. */
export function normalizeLegacy(history: HpaHistory, input: NormalizeInput, downscaleWindowSeconds = DOWNSCALE_STABILIZATION_SECONDS): Normalized {
  const { current, desired, min, max, now } = input;
  const cutoff = now - downscaleWindowSeconds * 1000;
  let stabilized = desired;
  for (const r of history.recommendations) if (r.at >= cutoff && r.replicas > stabilized) stabilized = r.replicas;
  remember(history, (r) => r.at < cutoff, { replicas: desired, at: now });

  const out: Normalized = {
    desired: stabilized,
    stabilized,
    ableToScale: ready,
    scalingLimited: limited(false, 'DesiredWithinRange', MSG.desiredWithinRange),
    window: history.recommendations.map((r) => ({ ...r })).sort((a, b) => a.at - b.at),
  };
  if (stabilized !== desired) {
    out.ableToScale = { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: MSG.scaleDownStabilized };
    out.stabilization = { direction: 'down', windowSeconds: downscaleWindowSeconds, bound: stabilized };
  }

  // convertDesiredReplicasWithRules
  const scaleUpLimit = Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM));
  const rateLimited = max > scaleUpLimit;
  const maximumAllowed = rateLimited ? scaleUpLimit : max;
  if (stabilized < min) {
    out.desired = min;
    out.scalingLimited = limited(true, 'TooFewReplicas', MSG.tooFewReplicas);
    out.limit = { reason: 'TooFewReplicas', bound: min };
  } else if (stabilized > maximumAllowed) {
    out.desired = maximumAllowed;
    out.scalingLimited = rateLimited ? limited(true, 'ScaleUpLimit', MSG.scaleUpLimit) : limited(true, 'TooManyReplicas', MSG.tooManyReplicas);
    out.limit = rateLimited
      ? { reason: 'ScaleUpLimit', bound: scaleUpLimit, rule: `max(${SCALE_UP_LIMIT_FACTOR} × ${current}, ${SCALE_UP_LIMIT_MINIMUM})` }
      : { reason: 'TooManyReplicas', bound: max };
  }
  return out;
}

const DEFAULT_UP: ResolvedRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const DEFAULT_DOWN_POLICIES: Policy[] = [{ type: 'Percent', value: 100, periodSeconds: 15 }];

/** The API fills in behavior defaults; this covers objects stored without them (and the flag's window). */
export function resolveRules(rules: Rules | undefined, direction: 'up' | 'down', downscaleWindowSeconds = DOWNSCALE_STABILIZATION_SECONDS): ResolvedRules {
  const policies = rules?.policies?.length
    ? rules.policies.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds }))
    : direction === 'up'
      ? DEFAULT_UP.policies
      : DEFAULT_DOWN_POLICIES;
  const window = rules?.stabilizationWindowSeconds ?? (direction === 'up' ? DEFAULT_UP.stabilizationWindowSeconds : downscaleWindowSeconds);
  return { stabilizationWindowSeconds: window, selectPolicy: rules?.selectPolicy ?? 'Max', policies };
}

function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let sum = 0;
  for (const e of events) if (e.at > cutoff) sum += e.change;
  return sum;
}

function policyLimits(history: HpaHistory, rules: ResolvedRules, current: number, now: number, up: boolean): PolicyLimit[] {
  return rules.policies.map((p) => {
    const added = changeInPeriod(p.periodSeconds, history.scaleUpEvents, now);
    const removed = changeInPeriod(p.periodSeconds, history.scaleDownEvents, now);
    const periodStart = current - added + removed;
    let proposed: number;
    if (p.type === 'Pods') proposed = up ? periodStart + p.value : periodStart - p.value;
    else proposed = up ? Math.ceil(periodStart * (1 + p.value / 100)) : Math.trunc(periodStart * (1 - p.value / 100));
    return { ...p, periodStart, proposed };
  });
}

/** calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors. */
function rateLimit(limits: PolicyLimit[], selectPolicy: string, current: number, up: boolean): number {
  if (selectPolicy === 'Disabled') return current;
  const proposals = limits.map((l) => l.proposed);
  // Max picks the policy allowing the biggest change: the highest count up, the lowest down.
  const biggest = selectPolicy !== 'Min';
  return up === biggest ? Math.max(...proposals) : Math.min(...proposals);
}

/** normalizeDesiredReplicasWithBehaviors. */
export function normalizeWithBehavior(
  history: HpaHistory,
  input: NormalizeInput,
  behavior: Behavior,
  downscaleWindowSeconds = DOWNSCALE_STABILIZATION_SECONDS,
): Normalized {
  const { current, desired, min, max, now } = input;
  const upRules = resolveRules(behavior.scaleUp, 'up', downscaleWindowSeconds);
  const downRules = resolveRules(behavior.scaleDown, 'down', downscaleWindowSeconds);

  // stabilizeRecommendationWithBehaviors
  const upCutoff = now - upRules.stabilizationWindowSeconds * 1000;
  const downCutoff = now - downRules.stabilizationWindowSeconds * 1000;
  let upRecommendation = desired;
  let downRecommendation = desired;
  for (const r of history.recommendations) {
    if (r.at > upCutoff) upRecommendation = Math.min(r.replicas, upRecommendation);
    if (r.at > downCutoff) downRecommendation = Math.max(r.replicas, downRecommendation);
  }
  let stabilized = current;
  if (stabilized < upRecommendation) stabilized = upRecommendation;
  if (stabilized > downRecommendation) stabilized = downRecommendation;
  remember(history, (r) => r.at < upCutoff && r.at < downCutoff, { replicas: desired, at: now });

  const out: Normalized = {
    desired: stabilized,
    stabilized,
    ableToScale: ready,
    scalingLimited: limited(false, 'DesiredWithinRange', MSG.desiredWithinRange),
    window: history.recommendations.map((r) => ({ ...r })).sort((a, b) => a.at - b.at),
  };
  if (stabilized !== desired) {
    const up = desired >= current;
    out.ableToScale = up
      ? { type: 'AbleToScale', status: 'True', reason: 'ScaleUpStabilized', message: MSG.scaleUpStabilized }
      : { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: MSG.scaleDownStabilized };
    out.stabilization = up
      ? { direction: 'up', windowSeconds: upRules.stabilizationWindowSeconds, bound: upRecommendation }
      : { direction: 'down', windowSeconds: downRules.stabilizationWindowSeconds, bound: downRecommendation };
  }

  // convertDesiredReplicasWithBehaviorRate
  if (stabilized > current) {
    const limits = policyLimits(history, upRules, current, now, true);
    const scaleUpLimit = Math.max(rateLimit(limits, upRules.selectPolicy, current, true), current);
    const rateLimited = max > scaleUpLimit;
    const maximumAllowed = rateLimited ? scaleUpLimit : max;
    if (stabilized > maximumAllowed) {
      out.desired = maximumAllowed;
      out.scalingLimited = rateLimited ? limited(true, 'ScaleUpLimit', MSG.scaleUpLimit) : limited(true, 'TooManyReplicas', MSG.tooManyReplicas);
      out.limit = rateLimited
        ? { reason: 'ScaleUpLimit', bound: scaleUpLimit, rule: `scaleUp selectPolicy ${upRules.selectPolicy}`, policies: limits }
        : { reason: 'TooManyReplicas', bound: max };
    }
  } else if (stabilized < current) {
    const limits = policyLimits(history, downRules, current, now, false);
    const scaleDownLimit = Math.min(rateLimit(limits, downRules.selectPolicy, current, false), current);
    const rateLimited = min < scaleDownLimit;
    const minimumAllowed = rateLimited ? scaleDownLimit : min;
    if (stabilized < minimumAllowed) {
      out.desired = minimumAllowed;
      out.scalingLimited = rateLimited ? limited(true, 'ScaleDownLimit', MSG.scaleDownLimit) : limited(true, 'TooFewReplicas', MSG.tooFewReplicas);
      out.limit = rateLimited
        ? { reason: 'ScaleDownLimit', bound: scaleDownLimit, rule: `scaleDown selectPolicy ${downRules.selectPolicy}`, policies: limits }
        : { reason: 'TooFewReplicas', bound: min };
    }
  }
  return out;
}

function longestPeriod(rules: ResolvedRules): number {
  return rules.policies.reduce((m, p) => Math.max(m, p.periodSeconds), 0);
}

/** storeScaleEvent: only HPAs with a behavior keep scale events (the policies' periods need them). */
export function storeScaleEvent(
  history: HpaHistory,
  behavior: Behavior | undefined,
  previous: number,
  next: number,
  now: number,
  downscaleWindowSeconds = DOWNSCALE_STABILIZATION_SECONDS,
): void {
  if (!behavior) return;
  const up = next > previous;
  const rules = resolveRules(up ? behavior.scaleUp : behavior.scaleDown, up ? 'up' : 'down', downscaleWindowSeconds);
  const events = up ? history.scaleUpEvents : history.scaleDownEvents;
  const cutoff = now - longestPeriod(rules) * 1000;
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.at < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const event: ScaleEvent = { change: up ? next - previous : previous - next, at: now, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = event;
  else events.push(event);
}
