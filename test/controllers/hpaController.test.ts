// The HPA controller's special cases on the whole cluster: a missing target (FailedGetScale), a
// target at 0 replicas, counts outside [min, max], invalid metrics (no request, custom metrics),
// an AverageValue memory target, spec.behavior policies, other scalable kinds, and two HPAs
// claiming the same pods.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, Event, HorizontalPodAutoscaler, StatefulSet } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { hpaTargets } from '../../src/printers/workloads.js';

const S = 1000;
const COMPONENT = 'horizontal-pod-autoscaler';

interface AppOptions {
  replicas?: number;
  requests?: Record<string, string> | null;
  annotations?: Record<string, string>;
}

function app(c: Cluster, name: string, o: AppOptions = {}): void {
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: o.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(o.annotations ? { annotations: o.annotations } : {}) },
        spec: { containers: [{ name: 'app', image: 'nginx:1.25', ...(o.requests === null ? {} : { resources: { requests: o.requests ?? { cpu: '200m' } } }) }] },
      },
    },
  } as Deployment);
}

function autoscaler(c: Cluster, name: string, target: string, spec: Partial<NonNullable<HorizontalPodAutoscaler['spec']>> = {}, kind = 'Deployment'): void {
  c.store.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: kind === 'ReplicationController' ? 'v1' : 'apps/v1', kind, name: target },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      ...spec,
    },
  } as HorizontalPodAutoscaler);
}

const getHpa = (c: Cluster, name: string) => c.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', name)!;
const condition = (c: Cluster, name: string, type: string) => {
  const x = getHpa(c, name).status?.conditions?.find((k) => k.type === type);
  return x ? `${x.status} ${x.reason}: ${x.message}` : undefined;
};
const replicasOf = (c: Cluster, name: string, kind = 'Deployment') => c.store.get(kind, 'default', name)!.spec?.replicas;

function events(c: Cluster, name: string): string[] {
  return c.store
    .list<Event>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler' && e.involvedObject.name === name)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

test('a missing target: Warning FailedGetScale, AbleToScale False, TARGETS <unknown>; found once it exists', () => {
  const c = new Cluster({ seed: 1 });
  autoscaler(c, 'php-apache', 'php-apache');
  c.advance(30 * S);
  const msg = 'deployments/scale.apps "php-apache" not found';
  assert.deepEqual(events(c, 'php-apache'), [`Warning FailedGetScale ${msg}`]);
  assert.equal(c.store.list<Event>('Event', { namespace: 'default' }).find((e) => e.reason === 'FailedGetScale')?.count, 3, 'one sync at creation, then every 15 s');
  assert.equal(condition(c, 'php-apache', 'AbleToScale'), `False FailedGetScale: the HPA controller was unable to get the target's current scale: ${msg}`);
  assert.equal(hpaTargets(getHpa(c, 'php-apache')), 'cpu: <unknown>/50%');
  const d = c.decisions.query({ component: COMPONENT });
  assert.equal(d.length, 1);
  assert.equal(d[0].action, 'cannot read the scale of Deployment/php-apache');
  assert.equal(d[0].reason, msg);

  app(c, 'php-apache');
  c.advance(90 * S);
  assert.equal(condition(c, 'php-apache', 'AbleToScale'), 'True ReadyForNewScale: recommended size matches current size');
  assert.match(hpaTargets(getHpa(c, 'php-apache')), /^cpu: \d+%\/50%$/);
});

test('a target kind without a scale subresource, or in the wrong group', () => {
  const c = new Cluster({ seed: 1 });
  autoscaler(c, 'ds', 'fluentd', {}, 'DaemonSet');
  c.store.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'old', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'extensions/v1beta1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 },
  } as HorizontalPodAutoscaler);
  c.advance(S);
  assert.deepEqual(events(c, 'ds'), ['Warning FailedGetScale the server could not find the requested resource']);
  assert.deepEqual(events(c, 'old'), ['Warning FailedGetScale no matches for kind "Deployment" in group "extensions"']);
});

test('a target scaled to 0 disables autoscaling (ScalingDisabled)', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'web', { replicas: 0 });
  autoscaler(c, 'web', 'web');
  c.advance(60 * S);
  assert.equal(replicasOf(c, 'web'), 0);
  assert.equal(condition(c, 'web', 'ScalingActive'), 'False ScalingDisabled: scaling is disabled since the replica count of the target is zero');
  assert.equal(getHpa(c, 'web').status?.desiredReplicas, 0);
  assert.equal(getHpa(c, 'web').status?.currentReplicas, undefined, 'currentReplicas is omitempty');
  assert.deepEqual(events(c, 'web'), []);
  const d = c.decisions.query({ component: COMPONENT });
  assert.equal(d.length, 1);
  assert.equal(d[0].action, 'not scaling');
});

test('counts outside [min, max] are brought back with the Spec.MaxReplicas / Spec.MinReplicas reasons', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'big', { replicas: 5 });
  app(c, 'small', { replicas: 1 });
  autoscaler(c, 'big', 'big', { maxReplicas: 3 });
  autoscaler(c, 'small', 'small', { minReplicas: 2 });
  c.advance(S);
  assert.equal(replicasOf(c, 'big'), 3);
  assert.equal(replicasOf(c, 'small'), 2);
  assert.deepEqual(events(c, 'big'), ['Normal SuccessfulRescale New size: 3; reason: Current number of replicas above Spec.MaxReplicas']);
  assert.deepEqual(events(c, 'small'), ['Normal SuccessfulRescale New size: 2; reason: Current number of replicas below Spec.MinReplicas']);
  const big = c.decisions.query({ component: COMPONENT, object: { kind: 'HorizontalPodAutoscaler', namespace: 'default', name: 'big' } });
  assert.equal(big[0].action, '5 → 3 replicas');
  assert.equal(big[0].reason, 'Current number of replicas above Spec.MaxReplicas (maxReplicas 3)');
  assert.equal(getHpa(c, 'big').status?.lastScaleTime, c.clock.iso(c.clock.now() - S));
});

test('a container without a cpu request: FailedGetResourceMetric, the count is kept', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'web', { requests: null, replicas: 2 });
  autoscaler(c, 'web', 'web');
  c.advance(60 * S);
  const all = events(c, 'web');
  const found = all.map((e) => /^Warning FailedGetResourceMetric failed to get cpu utilization: missing request for cpu in container app of Pod (\S+)$/.exec(e)).find(Boolean);
  assert.ok(found, all.join('\n'));
  assert.ok(c.store.get('Pod', 'default', found[1])?.metadata.labels?.app === 'web');
  const inner = `failed to get cpu utilization: missing request for cpu in container app of Pod ${found[1]}`;
  assert.ok(all.includes(`Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${inner}`));
  assert.equal(condition(c, 'web', 'ScalingActive'), `False FailedGetResourceMetric: the HPA was unable to compute the replica count: ${inner}`);
  assert.equal(replicasOf(c, 'web'), 2);
  assert.deepEqual(getHpa(c, 'web').status?.currentMetrics, [{ type: '' }]);
  assert.equal(hpaTargets(getHpa(c, 'web')), 'cpu: <unknown>/50%');
});

test('a Pods metric alone: FailedGetPodsMetric, because kubesim has no custom metrics API', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'web');
  autoscaler(c, 'web', 'web', { metrics: [{ type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } } }] });
  c.advance(S);
  const inner = 'unable to get metric requests_per_second: unable to fetch metrics from custom metrics API: the server could not find the requested resource (get pods.custom.metrics.k8s.io *)';
  assert.deepEqual(events(c, 'web'), [
    `Warning FailedGetPodsMetric ${inner}`,
    `Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get pods metric value: ${inner}`,
  ]);
  assert.equal(condition(c, 'web', 'ScalingActive'), `False FailedGetPodsMetric: the HPA was unable to compute the replica count: ${inner}`);
  const d = c.decisions.query({ component: COMPONENT }).at(-1)!;
  assert.equal(d.action, 'keeping 1');
  assert.ok(d.reason.endsWith('(kubesim serves no custom or external metrics API)'), d.reason);
});

test('cpu plus an unreadable Pods metric: the scale-down cpu asks for is blocked', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'web', { replicas: 3, annotations: { 'sim.kubesim.dev/cpu': '60m' } });
  autoscaler(c, 'web', 'web', {
    metrics: [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      { type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } } },
    ],
  });
  c.advance(60 * S);
  assert.equal(replicasOf(c, 'web'), 3);
  const inner = 'unable to get metric requests_per_second: unable to fetch metrics from custom metrics API: the server could not find the requested resource (get pods.custom.metrics.k8s.io *)';
  assert.ok(events(c, 'web').includes(`Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 2), first error is: failed to get pods metric value: ${inner}`));
  assert.deepEqual(getHpa(c, 'web').status?.currentMetrics, [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 30, averageValue: '60m' } } }, { type: '' }]);
  assert.equal(hpaTargets(getHpa(c, 'web')), 'cpu: 30%/50%, Pods');
  const d = c.decisions.query({ component: COMPONENT }).at(-1)!;
  assert.equal(
    d.reason,
    `cpu 30% of request vs target 50%: ceil(3 × 0.60) = 2; but pods metric requests_per_second cannot be read, and an unreadable metric blocks a scale-down: invalid metrics (1 invalid out of 2), first error is: failed to get pods metric value: ${inner} (kubesim serves no custom or external metrics API)`,
  );
});

test('memory AverageValue: 150Mi per pod against 100Mi scales 2 → 3; TARGETS shows the raw average', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'cache', { replicas: 2, requests: { cpu: '100m', memory: '256Mi' }, annotations: { 'sim.kubesim.dev/memory': '150Mi' } });
  autoscaler(c, 'cache', 'cache', { metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }] });
  const stop = c.clock.now() + 60 * S;
  while (replicasOf(c, 'cache') === 2 && c.clock.now() < stop) c.advance(S);
  assert.equal(replicasOf(c, 'cache'), 3);
  assert.ok(events(c, 'cache').includes('Normal SuccessfulRescale New size: 3; reason: memory resource above target'));
  const up = c.decisions.query({ component: COMPONENT }).find((d) => d.action === '2 → 3 replicas')!;
  assert.equal(up.reason, 'memory 150Mi per pod vs target 100Mi: ceil(2 × 1.50) = 3');
  assert.equal(hpaTargets(getHpa(c, 'cache')), 'memory: 157286400/100Mi');
  assert.deepEqual(getHpa(c, 'cache').status?.currentMetrics, [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '157286400' } } }]);
});

test('spec.behavior: one pod per 60 s on the way up', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'web', { annotations: { 'sim.kubesim.dev/cpu': '60m' } });
  autoscaler(c, 'web', 'web', { behavior: { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } });
  c.advance(60 * S);
  c.usage.setLoad({ kind: 'Deployment', namespace: 'default', name: 'web', cpuMilli: 1000, memoryBytes: 0 });
  c.advance(15 * S);
  assert.equal(replicasOf(c, 'web'), 2);
  const first = c.decisions.query({ component: COMPONENT }).find((d) => d.action === '1 → 2 replicas')!;
  assert.match(first.reason, /limited to 2 by the scale-up policies \(scaleUp selectPolicy Max: Pods 1 pods per 60s from 1 → 2\)$/);
  assert.equal(condition(c, 'web', 'ScalingLimited'), 'True ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate');
  c.advance(45 * S);
  assert.equal(replicasOf(c, 'web'), 2, 'the period that allowed +1 has not ended');
  c.advance(15 * S);
  assert.equal(replicasOf(c, 'web'), 3);
  const ups = c.decisions.query({ component: COMPONENT }).filter((d) => d.action.endsWith('replicas'));
  assert.equal(ups[1].time - ups[0].time, 60 * S, 'the 60 s period that began with the first scale-up is over');
});

test('other scalable kinds: a StatefulSet is scaled through its spec.replicas', () => {
  const c = new Cluster({ seed: 1 });
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      replicas: 1,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' }, annotations: { 'sim.kubesim.dev/cpu': '190m' } }, spec: { containers: [{ name: 'db', image: 'nginx:1.25', resources: { requests: { cpu: '100m' } } }] } },
    },
  } as StatefulSet);
  autoscaler(c, 'db', 'db', {}, 'StatefulSet');
  c.advance(60 * S);
  // 190 % of a 50 % target: ceil(1 × 3.8) = 4.
  assert.ok(events(c, 'db').includes('Normal SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target'));
  assert.ok((replicasOf(c, 'db', 'StatefulSet') ?? 0) >= 4);
});

test('two HPAs over the same pods: AmbiguousSelector on both', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'web');
  autoscaler(c, 'a', 'web');
  autoscaler(c, 'b', 'web');
  c.advance(30 * S);
  const msg = 'pods by selector app=web are controlled by multiple HPAs: [default/a default/b]';
  for (const name of ['a', 'b']) {
    assert.equal(condition(c, name, 'ScalingActive'), `False AmbiguousSelector: ${msg}`);
    assert.ok(events(c, name).includes(`Warning AmbiguousSelector ${msg}`), name);
    assert.ok(events(c, name).includes(`Warning FailedComputeMetricsReplicas ${msg}`), name);
  }
  c.store.delete('HorizontalPodAutoscaler', 'default', 'b');
  c.advance(30 * S);
  assert.equal(condition(c, 'a', 'ScalingActive'), 'True ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
});

test('within the tolerance the count is kept, and the decision says why', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'web', { replicas: 4, annotations: { 'sim.kubesim.dev/cpu': '104m' } });
  autoscaler(c, 'web', 'web');
  c.advance(60 * S);
  assert.equal(replicasOf(c, 'web'), 4);
  const d = c.decisions.query({ component: COMPONENT }).at(-1)!;
  assert.equal(`${d.action}: ${d.reason}`, 'keeping 4: ratio 1.04 within tolerance 0.1 (cpu 52% of request vs target 50%)');
  const details = d.details as { metrics: Array<{ pods: unknown; perPod: unknown[] }>; recommendation: unknown };
  assert.deepEqual(details.metrics[0].pods, { ready: 4, unready: 0, missing: 0, ignored: 0 });
  assert.equal(details.metrics[0].perPod.length, 4);
  assert.deepEqual(details.metrics[0].perPod[0], { pod: (details.metrics[0].perPod[0] as { pod: string }).pod, state: 'ready', usage: '104m', request: '200m' });
  assert.deepEqual(details.recommendation, { raw: 4, stabilized: 4, normalized: 4 });
});

test('an HPA spec change is acted on at once, not at the next periodic sync', () => {
  const c = new Cluster({ seed: 1 });
  app(c, 'web', { replicas: 4, annotations: { 'sim.kubesim.dev/cpu': '100m' } });
  autoscaler(c, 'web', 'web', { minReplicas: 4 });
  c.advance(20 * S);
  assert.equal(replicasOf(c, 'web'), 4);
  c.store.modify<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'web', (h) => {
    h.spec!.maxReplicas = 2;
    h.spec!.minReplicas = 1;
  });
  c.advance(0);
  assert.equal(replicasOf(c, 'web'), 2);
});
