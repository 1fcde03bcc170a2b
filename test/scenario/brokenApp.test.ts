import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Endpoints } from '../../src/api/types.js';
import { eventsFor, isReady, live, playShipped, pods, runTo, waitingReason } from './helpers.js';

test('broken-app: an image that cannot be pulled, a crash loop, a failing readiness probe and a failing liveness probe', () => {
  const { cluster } = playShipped('broken-app');
  runTo(cluster, 5 * 60);
  const one = (prefix: string) => {
    const found = live(pods(cluster, 'default', `${prefix}-`));
    assert.equal(found.length, 1, prefix);
    return found[0];
  };

  const frontend = one('frontend');
  assert.equal(frontend.status?.phase, 'Pending');
  assert.equal(waitingReason(frontend), 'ImagePullBackOff');
  assert.equal(frontend.status?.containerStatuses?.[0]?.state?.waiting?.message, 'Back-off pulling image "registry.example.com/shop/frontend:1.4.2"');
  const pullFailed = eventsFor(cluster, frontend, 'Failed').map((e) => e.message);
  assert.ok(pullFailed.some((m) => m?.startsWith('Failed to pull image "registry.example.com/shop/frontend:1.4.2": ') && m.includes('lookup registry.example.com') && m.endsWith('no such host')), pullFailed.join('\n'));
  assert.ok(pullFailed.includes('Error: ErrImagePull'));
  assert.ok(pullFailed.includes('Error: ImagePullBackOff'));

  const api = one('api');
  assert.equal(waitingReason(api), 'CrashLoopBackOff');
  assert.ok((api.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 4);
  assert.equal(api.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode, 1);
  assert.equal(api.status?.containerStatuses?.[0]?.lastState?.terminated?.reason, 'Error');
  assert.equal(eventsFor(cluster, api, 'BackOff')[0]?.message, `Back-off restarting failed container api in pod ${api.metadata.name}_default(${api.metadata.uid})`);
  assert.ok(cluster.kubelets.logs('default', api.metadata.name!, 'api', { previous: true }).includes('fatal: DATABASE_URL is not set'));

  const cache = one('cache');
  assert.equal(cache.status?.phase, 'Running');
  assert.equal(isReady(cache), false);
  assert.equal(cache.status?.containerStatuses?.[0]?.restartCount, 0, 'readiness never restarts');
  assert.equal(eventsFor(cluster, cache, 'Unhealthy')[0]?.message, 'Readiness probe failed: HTTP probe failed with statuscode: 503');
  const endpoints = cluster.store.get<Endpoints>('Endpoints', 'default', 'cache')!;
  assert.equal(endpoints.subsets?.flatMap((s) => s.addresses ?? []).length ?? 0, 0, 'no ready address behind the cache Service');
  assert.equal(endpoints.subsets?.[0]?.notReadyAddresses?.[0]?.ip, cache.status?.podIP);

  const worker = one('worker');
  assert.ok((worker.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 2, 'the liveness probe got it restarted');
  assert.equal(eventsFor(cluster, worker, 'Unhealthy')[0]?.message, 'Liveness probe failed: HTTP probe failed with statuscode: 500');
  assert.ok(eventsFor(cluster, worker, 'Killing').some((e) => e.message === 'Container worker failed liveness probe, will be restarted'));
});
