import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../src/api/types.js';
import { isReady, live, playShipped, pods, runTo, waitingReason } from './helpers.js';

/** Live pods by image: [count, ready]. */
function byImage(cluster: Parameters<typeof pods>[0]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const p of live(pods(cluster, 'default', 'web-'))) {
    const image = p.spec!.containers[0].image!;
    out[image] ??= [0, 0];
    out[image][0]++;
    if (isReady(p)) out[image][1]++;
  }
  return out;
}

test('rolling-update: each step moves the pods within maxSurge and maxUnavailable, and the rollback restores revision 2 as 4', () => {
  const { cluster, runner } = playShipped('rolling-update');
  runTo(cluster, 59);
  assert.deepEqual(byImage(cluster), { 'nginx:1.26': [4, 4] });

  // 1m: the new image rolls out; never more than 4 + 1 pods, never fewer than 4 - 1 available.
  const steps: string[] = [];
  for (let t = 60; t <= 150; t++) {
    runTo(cluster, t);
    const counts = byImage(cluster);
    const total = Object.values(counts).reduce((n, [c]) => n + c, 0);
    const ready = Object.values(counts).reduce((n, [, r]) => n + r, 0);
    assert.ok(total <= 5, `t=${t}: ${total} pods exist, maxSurge allows 5`);
    assert.ok(ready >= 3, `t=${t}: ${ready} pods ready, maxUnavailable allows no fewer than 3`);
    const text = JSON.stringify(counts);
    if (steps[steps.length - 1] !== text) steps.push(text);
  }
  // The steps of the rollout (live pods, ready pods by image): surge 2 new pods while 1 old one
  // goes (5 pods, 3 ready); when they are ready, 2 more old ones go and 2 more new ones come;
  // when the first of those is ready the last old one goes (3 available is enough), and the second
  // is ready a second later.
  assert.deepEqual(
    steps.map((s) => JSON.parse(s)),
    [
      { 'nginx:1.26': [3, 3], 'nginx:1.27': [2, 0] },
      { 'nginx:1.26': [1, 1], 'nginx:1.27': [4, 2] },
      { 'nginx:1.27': [4, 3] },
      { 'nginx:1.27': [4, 4] },
    ],
  );
  assert.deepEqual(byImage(cluster), { 'nginx:1.27': [4, 4] });

  // 3m: scaled to 6.
  runTo(cluster, 179);
  assert.deepEqual(byImage(cluster), { 'nginx:1.27': [4, 4] });
  runTo(cluster, 230);
  assert.deepEqual(byImage(cluster), { 'nginx:1.27': [6, 6] });

  // 4m: a tag that does not exist: 1 surge + 1 unavailable new pod, 5 old ones keep serving.
  for (let t = 240; t <= 355; t += 5) {
    runTo(cluster, t);
    const counts = byImage(cluster);
    assert.ok((counts['nginx:1.27']?.[1] ?? 0) >= 5, `t=${t}: at least 5 old pods stay ready`);
  }
  assert.deepEqual(byImage(cluster), { 'nginx:1.27': [5, 5], 'nginx:1.28-doesnotexist': [2, 0] });
  const stuck = live(pods(cluster, 'default', 'web-')).filter((p) => p.spec!.containers[0].image === 'nginx:1.28-doesnotexist');
  for (const p of stuck) assert.ok(['ImagePullBackOff', 'ErrImagePull'].includes(waitingReason(p) ?? ''), waitingReason(p));

  // 6m: rollout undo: back to nginx:1.27 as revision 4; the broken ReplicaSet is scaled to 0.
  runTo(cluster, 420);
  assert.deepEqual(byImage(cluster), { 'nginx:1.27': [6, 6] });
  const d = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
  assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '4');
  assert.equal(d.spec?.template?.spec?.containers[0].image, 'nginx:1.27');
  const sets = cluster.store.list<ReplicaSet>('ReplicaSet').map((rs) => [rs.spec?.template?.spec?.containers[0].image, rs.spec?.replicas, rs.metadata.annotations?.['deployment.kubernetes.io/revision']]);
  assert.deepEqual(
    sets.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    [['nginx:1.26', 0, '1'], ['nginx:1.27', 6, '4'], ['nginx:1.28-doesnotexist', 0, '3']],
  );
  assert.ok(runner.finished);
  assert.ok(runner.timeline().every((e) => e.status === 'done'));
});
