// Journey 5 on the whole simulated cluster: php-apache (request 200m) with an HPA 1–10 at 50 % CPU.
// Idle it stays at 1; with 900m of load it scales up over syncs to its maximum; when the load goes,
// the scale-down waits for the 300 s stabilization window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, Event, HorizontalPodAutoscaler } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { hpaTargets } from '../../src/printers/workloads.js';

const S = 1000;
const COMPONENT = 'horizontal-pod-autoscaler';

function phpApache(c: Cluster, annotations?: Record<string, string>): void {
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'php-apache', namespace: 'default' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { run: 'php-apache' } },
      template: {
        metadata: { labels: { run: 'php-apache' }, ...(annotations ? { annotations } : {}) },
        spec: {
          containers: [
            { name: 'php-apache', image: 'registry.k8s.io/hpa-example', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '200m' }, limits: { cpu: '500m' } } },
          ],
        },
      },
    },
  } as Deployment);
  c.store.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'php-apache', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    },
  } as HorizontalPodAutoscaler);
}

const hpa = (c: Cluster) => c.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'php-apache')!;
const replicas = (c: Cluster) => c.store.get<Deployment>('Deployment', 'default', 'php-apache')!.spec!.replicas;
const conditions = (c: Cluster) => (hpa(c).status?.conditions ?? []).map((x) => `${x.type} ${x.status} ${x.reason}: ${x.message}`);

function hpaEvents(c: Cluster): string[] {
  return c.store
    .list<Event>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler')
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

function until(c: Cluster, done: () => boolean, limitMs: number): void {
  const stop = c.clock.now() + limitMs;
  while (!done()) {
    if (c.clock.now() >= stop) throw new Error(`not reached within ${limitMs / 1000}s`);
    c.advance(S);
  }
}

test('php-apache: idle at 1, scales up under 900m of load, scales down only after 300 s', () => {
  const c = new Cluster({ seed: 5 });
  const created = c.clock.now();
  phpApache(c);

  // No load: 30 % of the 200m request, well under the 50 % target.
  c.advance(120 * S);
  assert.equal(replicas(c), 1);
  assert.match(hpaTargets(hpa(c)), /^cpu: (2[7-9]|3[0-2])%\/50%$/);
  assert.equal(hpa(c).status?.currentReplicas, 1);
  assert.equal(hpa(c).status?.desiredReplicas, 1);
  assert.deepEqual(conditions(c), [
    'AbleToScale True ReadyForNewScale: recommended size matches current size',
    'ScalingActive True ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    'ScalingLimited False DesiredWithinRange: the desired count is within the acceptable range',
  ]);
  const idle = c.decisions.query({ component: COMPONENT }).filter((d) => d.action === 'keeping 1' && d.reason.startsWith('cpu'));
  assert.equal(idle.length, 1, 'an unchanged conclusion is recorded once');
  assert.match(idle[0].reason, /^cpu (2[7-9]|3[0-2])% of request vs target 50%: ceil\(1 × 0\.\d\d\) = 1$/);
  assert.ok(!hpaEvents(c).some((e) => e.includes('SuccessfulRescale')));

  // 900m of load on its one pod.
  c.usage.setLoad({ kind: 'Deployment', namespace: 'default', name: 'php-apache', cpuMilli: 900, memoryBytes: 0 });
  const loadAt = c.clock.now();
  until(c, () => replicas(c) === 4, 15 * S);
  const first = c.decisions.query({ component: COMPONENT }).find((d) => d.action === '1 → 4 replicas')!;
  assert.ok(first.time - loadAt <= 15 * S, 'at the next 15 s sync');
  assert.match(first.reason, /^cpu 4\d\d% of request vs target 50%: ceil\(1 × 9\.\d\d\) = 10, limited to 4 by the scale-up limit max\(2 × 1, 4\)$/);
  const details = first.details as { metrics: Array<{ perPod: Array<{ usage: string; request: string; state: string }> }>; recommendation: unknown };
  assert.deepEqual(details.recommendation, { raw: 10, stabilized: 10, normalized: 4 });
  assert.equal(details.metrics[0].perPod[0].request, '200m');
  assert.equal(details.metrics[0].perPod[0].state, 'ready');
  assert.ok(conditions(c).includes('AbleToScale True SucceededRescale: the HPA controller was able to update the target scale to 4'));
  assert.ok(conditions(c).includes('ScalingLimited True ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate'));

  until(c, () => replicas(c) === 10, 3 * 60 * S);
  c.advance(60 * S);
  assert.equal(replicas(c), 10, 'held at maxReplicas');
  assert.match(hpaTargets(hpa(c)), /^cpu: 7\d%\/50%$/);
  const ups = hpaEvents(c).filter((e) => e.startsWith('Normal SuccessfulRescale'));
  assert.equal(ups[0], 'Normal SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target');
  // Without spec.behavior the highest recommendation of the window applies even when this sync's
  // own recommendation is no higher than the current count; Kubernetes then names no reason.
  assert.match(ups.at(-1)!, /^Normal SuccessfulRescale New size: 10; reason: (cpu resource utilization \(percentage of request\) above target)?$/);
  assert.ok(conditions(c).includes('ScalingLimited True TooManyReplicas: the desired replica count is more than the maximum replica count'));

  // Every decision falls on the HPA's own 15 s timer.
  for (const d of c.decisions.query({ component: COMPONENT })) assert.equal((d.time - created) % (15 * S), 0);

  // Remove the load 5 s after a sync; that sync was the last to see it.
  const sinceCreated = c.clock.now() - created;
  c.advance(15 * S - (sinceCreated % (15 * S)) + 5 * S);
  const lastLoaded = c.clock.now() - 5 * S;
  c.usage.setLoad({ kind: 'Deployment', namespace: 'default', name: 'php-apache', cpuMilli: 0, memoryBytes: 0 });
  c.advance(lastLoaded + 314 * S - c.clock.now());
  assert.equal(replicas(c), 10, 'the high recommendations are still inside the 300 s window');
  const held = c.decisions.query({ component: COMPONENT, sinceSeq: 0 }).filter((d) => d.time > lastLoaded && d.action === 'keeping 10');
  assert.equal(held.length, 1);
  assert.match(held[0].reason, /^scale-down stabilized \(highest recommendation in the last 300s is 1[45]\), capped by max 10; cpu (2\d|3[0-2])% of request vs target 50%: ceil\(10 × 0\.\d\d\) = [67]$/);
  assert.ok(conditions(c).includes('AbleToScale True ScaleDownStabilized: recent recommendations were higher than current one, applying the highest recent recommendation'));

  c.advance(1 * S);
  assert.ok(replicas(c)! < 10, '315 s after the last loaded sync the window has let go');
  const down = hpaEvents(c).filter((e) => e.includes('All metrics below target'));
  assert.equal(down.length, 1);
  assert.match(down[0], /^Normal SuccessfulRescale New size: [67]; reason: All metrics below target$/);
  assert.equal(hpa(c).status?.lastScaleTime, c.clock.iso());
});

test('php-apache: with fixed usage the HPA writes its status only when something changed', () => {
  const c = new Cluster({ seed: 2 });
  phpApache(c, { 'sim.kubesim.dev/cpu': '60m' });
  c.advance(90 * S);
  assert.equal(hpaTargets(hpa(c)), 'cpu: 30%/50%');
  assert.deepEqual(hpa(c).status?.currentMetrics, [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 30, averageValue: '60m' } } }]);
  let writes = 0;
  c.store.watch({ kind: 'HorizontalPodAutoscaler' }, () => writes++);
  const before = c.decisions.query({ component: COMPONENT }).length;
  c.advance(5 * 60 * S);
  assert.equal(writes, 0);
  assert.equal(c.decisions.query({ component: COMPONENT }).length, before, 'twenty identical syncs, nothing new to say');
});
