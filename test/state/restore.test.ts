import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CronJob, Deployment, HorizontalPodAutoscaler, Job, Node, Pod } from '../../src/api/types.js';
import type { Cluster } from '../../src/cluster.js';
import { captureState, restoreState } from '../../src/state/clusterState.js';
import { decodeState, encodeState } from '../../src/state/format.js';
import { live, playShipped, pods, runTo, waitingReason } from '../scenario/helpers.js';

/** Through the file format and back, as a save and a load would. */
function saveAndLoad(cluster: Cluster, seed: number, runner?: Parameters<typeof captureState>[1]['runner']) {
  return restoreState(decodeState('test.state', Buffer.from(encodeState(captureState(cluster, { seed, runner })))));
}

function readyOf(cluster: Cluster, node: string): string | undefined {
  return cluster.store.get<Node>('Node', undefined, node)?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

test('the clock, the objects, the PRNG and the store version continue where they stopped', () => {
  const { cluster, runner } = playShipped('rolling-update', 4);
  runTo(cluster, 100);
  const back = saveAndLoad(cluster, 4, runner);
  const restored = back.cluster;
  assert.equal(restored.clock.now(), cluster.clock.now());
  assert.equal(restored.clock.startedAt, cluster.clock.startedAt);
  assert.equal(restored.clock.elapsedSeconds(), 100);
  assert.equal(back.seed, 4);
  const names = (c: Cluster) => c.store.all().filter((o) => o.kind !== 'Event' && o.kind !== 'Lease').map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}/${o.metadata.uid}`).sort();
  assert.deepEqual(names(restored), names(cluster));
  assert.ok(restored.store.resourceVersion >= cluster.store.resourceVersion);
  // Nothing is created twice: every uid is indexed once.
  const uids = restored.store.all().map((o) => o.metadata.uid);
  assert.equal(new Set(uids).size, uids.length);
  // The cluster goes on: the rest of the scenario runs at its times.
  runTo(restored, 420);
  assert.equal(restored.store.get<Deployment>('Deployment', 'default', 'web')?.metadata.annotations?.['deployment.kubernetes.io/revision'], '4');
  assert.ok(back.runner?.finished);
  assert.deepEqual(back.runner?.timeline().map((e) => e.outcome!.ranAt - restored.clock.startedAt), [60_000, 180_000, 240_000, 360_000]);
});

test('a node that was down stays down after a restore, and its pods are still evicted on time', () => {
  const { cluster, runner } = playShipped('node-failure');
  runTo(cluster, 200);
  assert.equal(readyOf(cluster, 'node-2'), 'Unknown');
  const back = saveAndLoad(cluster, 1, runner);
  const restored = back.cluster;
  assert.ok(restored.kubelets.isStopped('node-2'));
  runTo(restored, 230);
  assert.equal(readyOf(restored, 'node-2'), 'Unknown', 'no heartbeat came from the dead node');
  const webOnNode2 = live(pods(restored, 'default', 'web-')).find((p) => p.spec?.nodeName === 'node-2')!;
  // Like a restarted kube-controller-manager, the taint-eviction controller counts the 300 s from
  // when it (re)observes the taint: the restore, at 200 s.
  runTo(restored, 200 + 295);
  assert.equal(restored.store.get<Pod>('Pod', 'default', webOnNode2.metadata.name!)?.metadata.deletionTimestamp, undefined);
  runTo(restored, 200 + 305);
  assert.ok(restored.store.get<Pod>('Pod', 'default', webOnNode2.metadata.name!)?.metadata.deletionTimestamp, 'evicted 300 s after the restored controller saw the taint');
  assert.equal(live(pods(restored, 'default', 'web-')).filter((p) => p.spec?.nodeName && p.spec.nodeName !== 'node-2').length, 3, 'and replaced elsewhere');
  runTo(restored, 13 * 60);
  assert.equal(readyOf(restored, 'node-2'), 'True', 'the scenario brought it back at 12m');
});

test('a CronJob keeps its schedule across a restore', () => {
  const { cluster, runner } = playShipped('jobs');
  runTo(cluster, 150);
  const restored = saveAndLoad(cluster, 1, runner).cluster;
  runTo(restored, 185);
  const jobs = restored.store.list<Job>('Job', { namespace: 'default' }).map((j) => j.metadata.name);
  const minute3 = `tick-${Math.floor((restored.clock.startedAt + 180_000) / 60_000)}`;
  assert.ok(jobs.includes(minute3), `the 3rd minute's run happened after the restore: ${jobs.join(', ')}`);
  assert.equal(restored.store.get<CronJob>('CronJob', 'default', 'tick')?.status?.lastScheduleTime, '2026-01-01T00:03:00Z');
});

test('an HPA under load keeps its replicas, the load is still there, and scale-down still comes after the window', () => {
  const { cluster, runner } = playShipped('autoscaling');
  runTo(cluster, 300);
  const back = saveAndLoad(cluster, 1, runner);
  const restored = back.cluster;
  assert.deepEqual(restored.usage.injectedLoads(), cluster.usage.injectedLoads());
  const replicas = () => restored.store.get<Deployment>('Deployment', 'default', 'php-apache')!.spec!.replicas;
  runTo(restored, 340);
  assert.equal(replicas(), 4);
  assert.equal(restored.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'php-apache')?.status?.desiredReplicas, 4);
  runTo(restored, 10 * 60);
  assert.equal(replicas(), 4);
  runTo(restored, 12 * 60);
  assert.equal(replicas(), 1);
});

test('pods in back-off are still in back-off after a restore', () => {
  const { cluster } = playShipped('broken-app');
  runTo(cluster, 200);
  const restored = saveAndLoad(cluster, 1).cluster;
  runTo(restored, 260);
  const [api] = live(pods(restored, 'default', 'api-'));
  const [frontend] = live(pods(restored, 'default', 'frontend-'));
  assert.equal(waitingReason(api), 'CrashLoopBackOff');
  assert.equal(waitingReason(frontend), 'ImagePullBackOff');
  assert.equal(live(pods(restored, 'default', 'cache-'))[0].status?.phase, 'Running');
});

test('restored Events still expire an hour after they were last seen', () => {
  const { cluster, runner } = playShipped('rolling-update');
  runTo(cluster, 120);
  const restored = saveAndLoad(cluster, 1, runner).cluster;
  const early = restored.store.list('Event').filter((e) => Date.parse(e.lastTimestamp) - restored.clock.startedAt < 30_000);
  assert.ok(early.length > 0);
  runTo(restored, 3600 + 29);
  for (const e of early) assert.equal(restored.store.get('Event', e.metadata.namespace, e.metadata.name!)?.metadata.uid, undefined, `${e.metadata.name} expired`);
});
