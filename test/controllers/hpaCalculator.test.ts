// The HPA replica formula (replica_calculator.go) on hand-made pods and samples: the reference
// numbers, the tolerance, the fill-ins for missing and unready pods, groupPods' readiness rules,
// invalid metrics, AverageValue targets and several metrics at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../src/api/types.js';
import { MSG } from '../../src/controllers/hpa/conditions.js';
import {
  averageValueReplicas,
  groupPods,
  MetricError,
  resourceReplicas,
  DEFAULT_CALCULATOR_SETTINGS,
  type PodMetricsInfo,
} from '../../src/controllers/hpa/replicaCalculator.js';
import { computeReplicasForMetrics } from '../../src/controllers/hpa/replicasForMetrics.js';
import type { MetricSpec } from '../../src/controllers/hpa/metricSources.js';
import { METRICS_WINDOW_MS } from '../../src/controllers/hpa/resourceMetrics.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

interface PodOptions {
  phase?: string;
  ready?: boolean;
  /** When the pod started, ms before NOW. Default 10 min. */
  startedAgo?: number;
  /** When the Ready condition last changed, ms before NOW. Default 9 min. */
  readyChangedAgo?: number;
  cpu?: string | null;
  memory?: string;
  deleting?: boolean;
}

function pod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu !== null) requests.cpu = o.cpu ?? '200m';
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' }, ...(o.deleting ? { deletionTimestamp: iso(NOW) } : {}) },
    spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests } }] },
    status: {
      phase: o.phase ?? 'Running',
      startTime: iso(NOW - (o.startedAgo ?? 10 * MIN)),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: iso(NOW - (o.readyChangedAgo ?? 9 * MIN)) }],
    },
  } as Pod;
}

/** Samples in milli-units, taken now. */
function samples(values: Record<string, number>): PodMetricsInfo {
  return new Map(Object.entries(values).map(([name, value]) => [name, { value, timestamp: NOW, windowMs: METRICS_WINDOW_MS }]));
}

const cpu = (pods: Pod[], usage: Record<string, number>, current: number, target: number) =>
  resourceReplicas({ currentReplicas: current, resource: 'cpu', pods, metrics: samples(usage), now: NOW, targetUtilization: target });

test('3 pods at 140% of an 80% target: ratio 1.75, ceil(3 × 1.75) = 6', () => {
  const pods = [pod('web-a'), pod('web-b'), pod('web-c')];
  const p = cpu(pods, { 'web-a': 280, 'web-b': 280, 'web-c': 280 }, 3, 80);
  assert.equal(p.utilization, 140);
  assert.equal(p.usageRatio, 1.75);
  assert.equal(p.replicas, 6);
  assert.equal(p.outcome, 'ratio');
  assert.equal(p.averageValue, 280);
  assert.deepEqual(p.counts, { ready: 3, unready: 0, missing: 0, ignored: 0 });
  assert.deepEqual(p.pods[0], { pod: 'web-a', state: 'ready', usage: 280, request: 200 });
});

test('utilization is the integer percent of the summed requests, as Go truncates it', () => {
  const pods = [pod('a', { cpu: '300m' }), pod('b', { cpu: '300m' }), pod('c', { cpu: '300m' })];
  // 100 / 900 = 11.1 % → 11 %; 11 / 10 = 1.1 → inside the tolerance.
  const p = cpu(pods, { a: 33, b: 33, c: 34 }, 3, 10);
  assert.equal(p.utilization, 11);
  assert.equal(p.averageValue, 33);
  assert.equal(p.replicas, 3);
  assert.equal(p.outcome, 'within-tolerance');
});

test('tolerance 0.1: a ratio of 1.04 or exactly 1.1 keeps the count, 1.12 scales', () => {
  const pods = ['a', 'b', 'c', 'd'].map((n) => pod(n));
  const at = (milli: number) => cpu(pods, { a: milli, b: milli, c: milli, d: milli }, 4, 50);
  assert.deepEqual([at(104).usageRatio, at(104).replicas, at(104).outcome], [1.04, 4, 'within-tolerance']);
  assert.deepEqual([at(110).usageRatio, at(110).replicas], [1.1, 4]);
  assert.deepEqual([at(90).usageRatio, at(90).replicas], [0.9, 4]);
  assert.deepEqual([at(112).usageRatio, at(112).replicas, at(112).outcome], [1.12, 5, 'ratio']);
  assert.deepEqual([at(88).usageRatio, at(88).replicas], [0.88, 4], 'ceil(4 × 0.88) = 4 as well');
  assert.equal(at(60).replicas, 3, 'ceil(4 × 0.6) = 3');
});

test('missing metrics count as 0% when scaling up', () => {
  const pods = ['a', 'b', 'c', 'd'].map((n) => pod(n));
  // 3 pods at 100 %: ratio 2.0; with d at 0: 600 / 800 = 75 % → 1.5 → ceil(4 × 1.5) = 6.
  const p = cpu(pods, { a: 200, b: 200, c: 200 }, 4, 50);
  assert.equal(p.usageRatio, 2);
  assert.equal(p.newUsageRatio, 1.5);
  assert.equal(p.missingFilledAs, 'zero');
  assert.equal(p.podsCounted, 4);
  assert.equal(p.replicas, 6);
  assert.equal(p.outcome, 'fill-in');
  assert.deepEqual(p.counts, { ready: 3, unready: 0, missing: 1, ignored: 0 });
  assert.equal(p.pods[3].state, 'missing');
});

test('missing metrics count as 100% of request when scaling down (or the target, if higher)', () => {
  const pods = ['a', 'b', 'c', 'd'].map((n) => pod(n));
  // 3 pods at 10 %: ratio 0.2; d at 200m: 260 / 800 = 32 % → 0.64 → ceil(4 × 0.64) = 3.
  const p = cpu(pods, { a: 20, b: 20, c: 20 }, 4, 50);
  assert.equal(p.usageRatio, 0.2);
  assert.equal(p.newUsageRatio, 0.64);
  assert.equal(p.missingFilledAs, 'request');
  assert.equal(p.replicas, 3);
  // A 150 % target: the missing pod counts as 150 % (300m): 360 / 800 = 45 % → 0.3 → ceil(1.2) = 2.
  const high = cpu(pods, { a: 20, b: 20, c: 20 }, 4, 150);
  assert.equal(high.newUsageRatio, 0.3);
  assert.equal(high.replicas, 2);
});

test('a fill-in that would reverse the direction keeps the current count', () => {
  // a at 40 % of a 50 % target (0.8, down); b missing counts as 100 %: 280 / 400 = 70 % → 1.4 (up).
  const p = cpu([pod('a'), pod('b')], { a: 80 }, 2, 50);
  assert.equal(p.usageRatio, 0.8);
  assert.equal(p.newUsageRatio, 1.4);
  assert.equal(p.outcome, 'fill-in-reverses');
  assert.equal(p.replicas, 2);
});

test('unready pods are ignored when scaling down', () => {
  // The unready pod burns 400m; counted, the three would be at 80 % and scale up.
  const pods = [pod('a'), pod('b'), pod('c', { ready: false, readyChangedAgo: 10 * MIN - 5000 })];
  const p = cpu(pods, { a: 40, b: 40, c: 400 }, 3, 50);
  assert.equal(p.utilization, 20);
  assert.equal(p.usageRatio, 0.4);
  assert.equal(p.replicas, 1, 'ceil(2 ready × 0.4) = 1');
  assert.equal(p.unreadyCountedAsZero, false);
  assert.deepEqual(p.counts, { ready: 2, unready: 1, missing: 0, ignored: 0 });
});

test('unready (and Pending) pods count as 0% when scaling up', () => {
  const pods = [pod('a'), pod('b'), pod('c', { phase: 'Pending' })];
  // 2 at 100 %: ratio 2.0; with c at 0: 400 / 600 = 66 % → 1.32 → ceil(3 × 1.32) = 4.
  const p = cpu(pods, { a: 200, b: 200 }, 3, 50);
  assert.equal(p.usageRatio, 2);
  assert.equal(p.newUsageRatio, 1.32);
  assert.equal(p.unreadyCountedAsZero, true);
  assert.equal(p.replicas, 4);
  assert.equal(p.pods[2].note, 'Pending');
});

test('deleted and Failed pods are left out altogether', () => {
  const pods = [pod('a'), pod('b', { deleting: true }), pod('c', { phase: 'Failed' })];
  const p = cpu(pods, { a: 200, b: 900 }, 1, 50);
  assert.deepEqual(p.counts, { ready: 1, unready: 0, missing: 0, ignored: 2 });
  assert.equal(p.utilization, 100);
  assert.equal(p.replicas, 2);
});

test('groupPods: the cpu initialization period and the initial readiness delay', () => {
  const s = DEFAULT_CALCULATOR_SETTINGS;
  const group = (p: Pod, resource = 'cpu') => {
    const g = groupPods([p], samples({ [p.metadata.name!]: 100 }), resource, NOW, s);
    return g.unready.size ? 'unready' : g.readyPodCount ? 'ready' : 'other';
  };
  // Within 5 min of start: Ready, but less than one metrics window (15 s) since it became Ready.
  assert.equal(group(pod('young', { startedAgo: MIN, readyChangedAgo: 10_000 })), 'unready');
  assert.equal(group(pod('young', { startedAgo: MIN, readyChangedAgo: 20_000 })), 'ready');
  assert.equal(group(pod('young', { startedAgo: MIN, ready: false, readyChangedAgo: 50_000 })), 'unready');
  // After 5 min: unready only if not Ready and never was (readiness last changed within 30 s of start).
  assert.equal(group(pod('old', { ready: false, startedAgo: 10 * MIN, readyChangedAgo: 10 * MIN - 10_000 })), 'unready');
  assert.equal(group(pod('old', { ready: false, startedAgo: 10 * MIN, readyChangedAgo: 2 * MIN })), 'ready');
  // Readiness does not matter for memory.
  assert.equal(group(pod('young', { startedAgo: MIN, ready: false }), 'memory'), 'ready');
});

test('a container without a request makes the metric invalid', () => {
  const pods = [pod('web-x', { cpu: null })];
  assert.throws(() => cpu(pods, { 'web-x': 100 }, 1, 50), (e: unknown) => e instanceof MetricError && e.message === 'missing request for cpu in container app of Pod web-x');
});

test('no sample from a ready pod: did not receive metrics for targeted pods', () => {
  const pods = [pod('a', { phase: 'Pending' }), pod('b', { ready: false, startedAgo: MIN, readyChangedAgo: 50_000 })];
  assert.throws(() => cpu(pods, { b: 100 }, 2, 50), { message: 'did not receive metrics for targeted pods (pods might be unready)' });
});

test('AverageValue: average usage per pod against the target, same tolerance and fill-ins', () => {
  const Mi = 1024 * 1024 * 1000; // one Mi in milli-bytes
  const pods = ['a', 'b', 'c'].map((n) => pod(n, { memory: '256Mi' }));
  const p = averageValueReplicas({ currentReplicas: 3, resource: 'memory', pods, metrics: samples({ a: 150 * Mi, b: 150 * Mi, c: 150 * Mi }), now: NOW, targetAverage: 100 * Mi });
  assert.equal(p.averageValue, 150 * Mi);
  assert.equal(p.usageRatio, 1.5);
  assert.equal(p.replicas, 5, 'ceil(3 × 1.5)');
  assert.equal(p.utilization, undefined);
  const within = averageValueReplicas({ currentReplicas: 3, resource: 'memory', pods, metrics: samples({ a: 105 * Mi, b: 105 * Mi, c: 105 * Mi }), now: NOW, targetAverage: 100 * Mi });
  assert.equal(within.replicas, 3);
  // Scaling down, a missing pod counts at the target.
  const down = averageValueReplicas({ currentReplicas: 3, resource: 'memory', pods, metrics: samples({ a: 10 * Mi, b: 10 * Mi }), now: NOW, targetAverage: 100 * Mi });
  assert.equal(down.missingFilledAs, 'target');
  assert.equal(down.newUsageRatio, 0.4);
  assert.equal(down.replicas, 2, 'ceil(3 × 0.4)');
});

// ---- several metrics -----------------------------------------------------------------------

const resourceSpec = (name: string, utilization: number): MetricSpec => ({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: utilization } } });
const podsSpec: MetricSpec = { type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } } };

function metricsEnv(usage: Record<string, { cpuMilli: number; memoryBytes: number }>) {
  const warnings: string[] = [];
  return {
    warnings,
    env: {
      namespace: 'default',
      usage: { podUsage: (p: { metadata: { name?: string } }) => usage[p.metadata.name!] },
      now: NOW,
      settings: DEFAULT_CALCULATOR_SETTINGS,
      warn: (reason: string, message: string) => warnings.push(`${reason}: ${message}`),
    },
  };
}

test('several metrics: the largest proposal wins', () => {
  const pods = ['a', 'b'].map((n) => pod(n, { memory: '100Mi' }));
  const { env } = metricsEnv({ a: { cpuMilli: 150, memoryBytes: 150 * 1024 * 1024 }, b: { cpuMilli: 150, memoryBytes: 150 * 1024 * 1024 } });
  // cpu 75 % of 50 % → ceil(2 × 1.5) = 3; memory 150 % of 50 % → ceil(2 × 3) = 6.
  const out = computeReplicasForMetrics(env, { specReplicas: 2, pods }, [resourceSpec('cpu', 50), resourceSpec('memory', 50)]);
  assert.equal(out.replicas, 6);
  assert.equal(out.metricName, 'memory resource utilization (percentage of request)');
  assert.deepEqual(out.scalingActive, { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: MSG.validMetricFound('memory resource utilization (percentage of request)') });
  assert.deepEqual(out.statuses[0], { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 75, averageValue: '150m' } } });
  assert.deepEqual(out.statuses[1].resource?.current, { averageUtilization: 150, averageValue: '157286400' });
});

test('an unreadable custom metric is skipped on a scale-up but blocks a scale-down', () => {
  const pods = ['a', 'b'].map((n) => pod(n));
  const inner = 'unable to get metric requests_per_second: unable to fetch metrics from custom metrics API: the server could not find the requested resource (get pods.custom.metrics.k8s.io *)';
  const hot = metricsEnv({ a: { cpuMilli: 200, memoryBytes: 0 }, b: { cpuMilli: 200, memoryBytes: 0 } });
  const up = computeReplicasForMetrics(hot.env, { specReplicas: 2, pods }, [resourceSpec('cpu', 50), podsSpec]);
  assert.equal(up.replicas, 4);
  assert.equal(up.invalidCount, 1);
  assert.deepEqual(up.statuses[1], { type: '' });
  assert.deepEqual(hot.warnings, [`FailedGetPodsMetric: ${inner}`]);

  const cold = metricsEnv({ a: { cpuMilli: 20, memoryBytes: 0 }, b: { cpuMilli: 20, memoryBytes: 0 } });
  const down = computeReplicasForMetrics(cold.env, { specReplicas: 2, pods }, [resourceSpec('cpu', 50), podsSpec]);
  assert.equal(down.replicas, -1);
  assert.equal(down.error, `invalid metrics (1 invalid out of 2), first error is: failed to get pods metric value: ${inner}`);
  assert.deepEqual(down.scalingActive, { type: 'ScalingActive', status: 'False', reason: 'FailedGetPodsMetric', message: `the HPA was unable to compute the replica count: ${inner}` });
});

test('no pod has metrics: unable to get metrics for resource cpu', () => {
  const { env, warnings } = metricsEnv({});
  const out = computeReplicasForMetrics(env, { specReplicas: 1, pods: [pod('a')] }, [resourceSpec('cpu', 50)]);
  assert.equal(out.replicas, -1);
  assert.deepEqual(warnings, ['FailedGetResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API']);
  assert.equal(
    out.error,
    'invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
  );
});
