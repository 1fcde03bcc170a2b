// From recommendation to replica count: the legacy rules (clamp, scale-up limit max(2 × current, 4),
// 300 s scale-down stabilization) and spec.behavior (windows, policies over their periods,
// selectPolicy), with the ScalingLimited / AbleToScale reasons horizontal.go sets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  HpaHistory,
  normalizeLegacy,
  normalizeWithBehavior,
  recordInitialRecommendation,
  storeScaleEvent,
} from '../../src/controllers/hpa/normalize.js';

const T0 = Date.UTC(2026, 0, 1);
const S = 1000;

test('legacy: the recommendation is capped by maxReplicas (ceil(3 × 1.75) = 6 → max 5)', () => {
  const h = new HpaHistory();
  recordInitialRecommendation(h, 3, T0);
  const n = normalizeLegacy(h, { current: 3, desired: 6, min: 1, max: 5, now: T0 });
  assert.equal(n.desired, 5);
  assert.deepEqual(n.scalingLimited, { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
  assert.deepEqual(n.limit, { reason: 'TooManyReplicas', bound: 5 });
  assert.equal(n.ableToScale.reason, 'ReadyForNewScale');
});

test('legacy: scale-up limited to max(2 × current, 4) per sync', () => {
  const up = (current: number, desired: number) => {
    const h = new HpaHistory();
    recordInitialRecommendation(h, current, T0);
    return normalizeLegacy(h, { current, desired, min: 1, max: 100, now: T0 });
  };
  const one = up(1, 10);
  assert.equal(one.desired, 4);
  assert.equal(one.scalingLimited.reason, 'ScaleUpLimit');
  assert.equal(one.scalingLimited.message, 'the desired replica count is increasing faster than the maximum scale rate');
  assert.equal(one.limit?.rule, 'max(2 × 1, 4)');
  assert.equal(up(3, 10).desired, 6);
  assert.equal(up(5, 10).desired, 10);
  assert.equal(up(5, 10).scalingLimited.reason, 'DesiredWithinRange');
  // A max lower than the rate limit is reported as TooManyReplicas.
  const h = new HpaHistory();
  assert.equal(normalizeLegacy(h, { current: 3, desired: 10, min: 1, max: 5, now: T0 }).scalingLimited.reason, 'TooManyReplicas');
});

test('legacy: below minReplicas is raised to it (TooFewReplicas)', () => {
  const h = new HpaHistory();
  const n = normalizeLegacy(h, { current: 2, desired: 0, min: 2, max: 10, now: T0 });
  assert.equal(n.desired, 2);
  assert.equal(n.scalingLimited.reason, 'TooFewReplicas');
  assert.equal(n.scalingLimited.message, 'the desired replica count is less than the minimum replica count');
});

test('legacy: a scale-down waits until the higher recommendations are 300 s old', () => {
  const h = new HpaHistory();
  recordInitialRecommendation(h, 6, T0);
  const at = (seconds: number, desired: number) => normalizeLegacy(h, { current: 6, desired, min: 1, max: 10, now: T0 + seconds * S });
  const first = at(0, 6);
  assert.equal(first.desired, 6);
  const held = at(15, 3);
  assert.equal(held.desired, 6);
  assert.equal(held.stabilized, 6);
  assert.deepEqual(held.ableToScale, {
    type: 'AbleToScale',
    status: 'True',
    reason: 'ScaleDownStabilized',
    message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
  });
  assert.deepEqual(held.stabilization, { direction: 'down', windowSeconds: 300, bound: 6 });
  for (let s = 30; s <= 300; s += 15) assert.equal(at(s, 3).desired, 6, `still 6 at ${s}s: the 6 of t=0 is inside the window`);
  const released = at(315, 3);
  assert.equal(released.desired, 3, 'the last 6 (t=0) is now older than 300 s');
  assert.equal(released.ableToScale.reason, 'ReadyForNewScale');
  assert.ok(h.recommendations.length <= 22, 'outdated entries are reused, the list stays bounded');
});

test('behavior: default scale-up policies (4 pods or 100% per 15 s, Max) and their period', () => {
  const behavior = { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] } };
  const h = new HpaHistory();
  recordInitialRecommendation(h, 1, T0);
  const first = normalizeWithBehavior(h, { current: 1, desired: 20, min: 1, max: 100, now: T0 }, behavior);
  assert.equal(first.desired, 5, 'Pods 1+4 = 5 beats Percent 1×2 = 2');
  assert.equal(first.scalingLimited.reason, 'ScaleUpLimit');
  assert.deepEqual(first.limit?.policies?.map((p) => p.proposed), [5, 2]);
  storeScaleEvent(h, behavior, 1, 5, T0);
  const soon = normalizeWithBehavior(h, { current: 5, desired: 20, min: 1, max: 100, now: T0 + 10 * S }, behavior);
  assert.equal(soon.desired, 5, 'within the 15 s period the period started at 1 replica: no more room');
  assert.deepEqual(soon.limit?.policies?.map((p) => p.periodStart), [1, 1]);
  const later = normalizeWithBehavior(h, { current: 5, desired: 20, min: 1, max: 100, now: T0 + 16 * S }, behavior);
  assert.equal(later.desired, 10, 'a new period from 5: Pods 9, Percent 10 → Max 10');
});

test('behavior: selectPolicy Min and Disabled, and the scale-down window from the controller flag', () => {
  const h = new HpaHistory();
  recordInitialRecommendation(h, 10, T0 - 400 * S);
  const policies = [{ type: 'Pods', value: 4, periodSeconds: 60 }, { type: 'Percent', value: 10, periodSeconds: 60 }];
  const min = normalizeWithBehavior(h, { current: 10, desired: 2, min: 1, max: 20, now: T0 }, { scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Min', policies } });
  assert.equal(min.desired, 9, 'Min picks the smaller change: 10 − 10% = 9 rather than 10 − 4 = 6');
  assert.equal(min.scalingLimited.reason, 'ScaleDownLimit');
  assert.equal(min.scalingLimited.message, 'the desired replica count is decreasing faster than the maximum scale rate');
  const max = normalizeWithBehavior(new HpaHistory(), { current: 10, desired: 2, min: 1, max: 20, now: T0 }, { scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies } });
  assert.equal(max.desired, 6);
  const off = normalizeWithBehavior(new HpaHistory(), { current: 10, desired: 2, min: 1, max: 20, now: T0 }, { scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Disabled', policies } });
  assert.equal(off.desired, 10);

  // No stabilizationWindowSeconds: the controller's 300 s applies.
  const held = new HpaHistory();
  recordInitialRecommendation(held, 8, T0 - 100 * S);
  const n = normalizeWithBehavior(held, { current: 8, desired: 2, min: 1, max: 20, now: T0 }, { scaleDown: { selectPolicy: 'Max', policies } });
  assert.equal(n.desired, 8);
  assert.deepEqual(n.stabilization, { direction: 'down', windowSeconds: 300, bound: 8 });
});

test('behavior: a scale-up stabilization window applies the lowest recent recommendation', () => {
  const behavior = { scaleUp: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } };
  const h = new HpaHistory();
  recordInitialRecommendation(h, 3, T0 - 30 * S);
  const n = normalizeWithBehavior(h, { current: 3, desired: 8, min: 1, max: 20, now: T0 }, behavior);
  assert.equal(n.desired, 3);
  assert.deepEqual(n.ableToScale, {
    type: 'AbleToScale',
    status: 'True',
    reason: 'ScaleUpStabilized',
    message: 'recent recommendations were lower than current one, applying the lowest recent recommendation',
  });
  const after = normalizeWithBehavior(h, { current: 3, desired: 8, min: 1, max: 20, now: T0 + 31 * S }, behavior);
  assert.equal(after.desired, 6, 'the 3 has left the window; 100% per 15 s allows 6');
});

test('scale events are recorded only with a behavior, and outdated ones are reused', () => {
  const h = new HpaHistory();
  storeScaleEvent(h, undefined, 1, 4, T0);
  assert.equal(h.scaleUpEvents.length, 0);
  const behavior = { scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } };
  storeScaleEvent(h, behavior, 1, 4, T0);
  storeScaleEvent(h, behavior, 4, 8, T0 + 5 * S);
  storeScaleEvent(h, behavior, 8, 10, T0 + 60 * S);
  // At 60 s both earlier events are older than the 15 s period: the last of them is overwritten.
  assert.deepEqual(h.scaleUpEvents.map((e) => e.change), [3, 2]);
  storeScaleEvent(h, behavior, 10, 7, T0 + 61 * S);
  assert.deepEqual(h.scaleDownEvents.map((e) => e.change), [3]);
});

test('the limit that applied, exactly: rate or replica bound, in either direction', () => {
  // Legacy rate limit: a rule and no policies.
  const legacy = normalizeLegacy(new HpaHistory(), { current: 1, desired: 10, min: 1, max: 20, now: T0 });
  assert.equal(legacy.desired, 4);
  assert.deepEqual(legacy.limit, { reason: 'ScaleUpLimit', bound: 4, rule: 'max(2 × 1, 4)' });

  // Behavior, going up: maxReplicas (5) is tighter than the policies (Pods 2+4 = 6).
  const upRules = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
  const capped = normalizeWithBehavior(new HpaHistory(), { current: 2, desired: 20, min: 1, max: 5, now: T0 }, { scaleUp: upRules });
  assert.equal(capped.desired, 5);
  assert.deepEqual(capped.scalingLimited, { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
  assert.deepEqual(capped.limit, { reason: 'TooManyReplicas', bound: 5 });

  // Behavior, going up: the policies are tighter; the limit names the rule and each policy.
  const rated = normalizeWithBehavior(new HpaHistory(), { current: 2, desired: 20, min: 1, max: 50, now: T0 }, { scaleUp: upRules });
  assert.equal(rated.desired, 6);
  assert.deepEqual(rated.limit, {
    reason: 'ScaleUpLimit',
    bound: 6,
    rule: 'scaleUp selectPolicy Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15, periodStart: 2, proposed: 6 },
      { type: 'Percent', value: 100, periodSeconds: 15, periodStart: 2, proposed: 4 },
    ],
  });

  // Behavior, going down: 100% per 15 s allows 0, so minReplicas (8) is what stops it.
  const floored = normalizeWithBehavior(new HpaHistory(), { current: 10, desired: 2, min: 8, max: 20, now: T0 }, { scaleDown: { stabilizationWindowSeconds: 0 } });
  assert.equal(floored.desired, 8);
  assert.deepEqual(floored.scalingLimited, { type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' });
  assert.deepEqual(floored.limit, { reason: 'TooFewReplicas', bound: 8 });

  // Behavior, going down: a policy is tighter than minReplicas.
  const slowed = normalizeWithBehavior(new HpaHistory(), { current: 10, desired: 2, min: 1, max: 20, now: T0 }, {
    scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 3, periodSeconds: 60 }] },
  });
  assert.equal(slowed.desired, 7);
  assert.deepEqual(slowed.limit, { reason: 'ScaleDownLimit', bound: 7, rule: 'scaleDown selectPolicy Max', policies: [{ type: 'Pods', value: 3, periodSeconds: 60, periodStart: 10, proposed: 7 }] });

  // Within bounds and rates: no limit at all.
  const free = normalizeWithBehavior(new HpaHistory(), { current: 4, desired: 5, min: 1, max: 20, now: T0 }, { scaleUp: upRules });
  assert.equal(free.desired, 5);
  assert.equal(free.limit, undefined);
  assert.equal(free.scalingLimited.reason, 'DesiredWithinRange');
});
