import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, HorizontalPodAutoscaler } from '../../src/api/types.js';
import { eventsFor, live, playShipped, pods, runTo } from './helpers.js';

test('autoscaling: 1 → 4 replicas under load, held through the stabilization window, back to 1', () => {
  const { cluster, runner } = playShipped('autoscaling');
  const hpa = () => cluster.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'php-apache')!;
  const replicas = () => cluster.store.get<Deployment>('Deployment', 'default', 'php-apache')!.spec!.replicas;
  runTo(cluster, 59);
  assert.equal(replicas(), 1);

  // The load arrives: at the next sync ceil(1 × 310m / 100m) = 4.
  runTo(cluster, 90);
  assert.equal(replicas(), 4);
  const rescale = eventsFor(cluster, hpa(), 'SuccessfulRescale');
  assert.equal(rescale[0]?.message, 'New size: 4; reason: cpu resource utilization (percentage of request) above target');
  const up = cluster.decisions.query({ component: 'horizontal-pod-autoscaler' }).find((d) => d.action === '1 → 4 replicas');
  assert.match(up?.reason ?? '', /ceil\(1 × 3\.10\) = 4/);

  // Settled: 4 pods, usage below target but within reach, all Running.
  runTo(cluster, 5 * 60);
  assert.equal(replicas(), 4);
  assert.equal(hpa().status?.currentReplicas, 4);
  assert.equal(live(pods(cluster, 'default', 'php-apache-')).filter((p) => p.status?.phase === 'Running').length, 4);

  // 6m: the load stops; the 5 minute stabilization window holds 4 replicas.
  runTo(cluster, 10 * 60);
  assert.equal(replicas(), 4);
  assert.equal(hpa().status?.conditions?.find((c) => c.type === 'AbleToScale')?.reason, 'ScaleDownStabilized');
  runTo(cluster, 12 * 60);
  assert.equal(replicas(), 1);
  assert.equal(eventsFor(cluster, hpa(), 'SuccessfulRescale').some((e) => e.message === 'New size: 1; reason: All metrics below target'), true);
  assert.ok(runner.finished);
});
