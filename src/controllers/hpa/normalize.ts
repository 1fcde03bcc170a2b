// From the metrics' recommendation to the replica count the HPA writes (horizontal.go,
// normalizeDesiredReplicas and normalizeDesiredReplicasWithBehaviors):
//   - without spec.behavior: the highest recommendation of the last 5 minutes (scale-down
//     stabilization), then clamp to [min, max] with scale-up limited to max(2 × current, 4);
//   - with spec.behavior: the lowest recommendation inside the scale-up window and the highest inside
//     the scale-down window bound the result, then the policies limit the change relative to the
//     replica count at the start of each policy's period (from the scale events recorded here).
// The controller keeps one HpaHistory per HPA, in memory, as kube-controller-manager does.
import { scaleDownDefaults, scaleUpDefaults } from '../../api/defaults/misc.js';
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

/** The stabilized recommendation as it stands before any limit, with the window remembered so far. */
function unlimited(history: HpaHistory, stabilized: number): Normalized {
  return {
    desired: stabilized,
    stabilized,
    ableToScale: ready,
    scalingLimited: limited(false, 'DesiredWithinRange', MSG.desiredWithinRange),
    window: history.recommendations.map((r) => ({ ...r })).sort((a, b) => a.at - b.at),
  };
}

/** The reasons a change in one direction is limited: by the rate, or by maxReplicas / minReplicas. */
const UP_LIMITS = { rate: 'ScaleUpLimit', rateMessage: MSG.scaleUpLimit, bound: 'TooManyReplicas', boundMessage: MSG.tooManyReplicas } as const;
const DOWN_LIMITS = { rate: 'ScaleDownLimit', rateMessage: MSG.scaleDownLimit, bound: 'TooFewReplicas', boundMessage: MSG.tooFewReplicas } as const;

/**
 * Caps the change in one direction: the rate limit, unless the replica bound (max going up, min going
 * down) is tighter; records which one applied. `rule` and `policies` explain the rate limit.
 */
function capChange(out: Normalized, up: boolean, rateLimit: number, replicaBound: number, rule: string, policies?: PolicyLimit[]): void {
  const rateLimited = up ? replicaBound > rateLimit : replicaBound < rateLimit;
  const allowed = rateLimited ? rateLimit : replicaBound;
  const beyond = up ? out.stabilized > allowed : out.stabilized < allowed;
  if (!beyond) return;
  const reasons = up ? UP_LIMITS : DOWN_LIMITS;
  out.desired = allowed;
  out.scalingLimited = rateLimited ? limited(true, reasons.rate, reasons.rateMessage) : limited(true, reasons.bound, reasons.boundMessage);
  out.limit = rateLimited
    ? { reason: reasons.rate, bound: rateLimit, rule, ...(policies && { policies }) }
    : { reason: reasons.bound, bound: replicaBound };
}

/** normalizeDesiredReplicas: the legacy path, for HPAs without spec.behavior. */
export function normalizeLegacy(history: HpaHistory, input: NormalizeInput, downscaleWindowSeconds = DOWNSCALE_STABILIZATION_SECONDS): Normalized {
  const { current, desired, min, max, now } = input;
  const cutoff = now - downscaleWindowSeconds * 1000;
  let stabilized = desired;
  for (const r of history.recommendations) if (r.at >= cutoff && r.replicas > stabilized) stabilized = r.replicas;
  remember(history, (r) => r.at < cutoff, { replicas: desired, at: now });

  const out = unlimited(history, stabilized);
  if (stabilized !== desired) {
    out.ableToScale = { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: MSG.scaleDownStabilized };
    out.stabilization = { direction: 'down', windowSeconds: downscaleWindowSeconds, bound: stabilized };
  }

  // convertDesiredReplicasWithRules
  const scaleUpLimit = Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM));
  if (stabilized < min) {
    out.desired = min;
    out.scalingLimited = limited(true, DOWN_LIMITS.bound, DOWN_LIMITS.boundMessage);
    out.limit = { reason: DOWN_LIMITS.bound, bound: min };
  } else {
    capChange(out, true, scaleUpLimit, max, `max(${SCALE_UP_LIMIT_FACTOR} × ${current}, ${SCALE_UP_LIMIT_MINIMUM})`);
  }
  return out;
}

// The API's defaults, shared: objects stored before defaulting filled them in get the same rules.
const DEFAULT_UP: ResolvedRules = scaleUpDefaults();
const DEFAULT_DOWN_POLICIES: Policy[] = scaleDownDefaults().policies;

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

  const out = unlimited(history, stabilized);
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
  const up = stabilized > current;
  if (up || stabilized < current) {
    const rules = up ? upRules : downRules;
    const limits = policyLimits(history, rules, current, now, up);
    // The policies never push the count the other way.
    const proposed = rateLimit(limits, rules.selectPolicy, current, up);
    const limit = up ? Math.max(proposed, current) : Math.min(proposed, current);
    capChange(out, up, limit, up ? max : min, `${up ? 'scaleUp' : 'scaleDown'} selectPolicy ${rules.selectPolicy}`, limits);
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
