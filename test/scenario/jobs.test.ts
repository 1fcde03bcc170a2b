import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CronJob, Job } from '../../src/api/types.js';
import { eventsFor, pods, playShipped, runTo, secondsAt } from './helpers.js';

test('jobs: completions with parallelism, back-off to the backoffLimit, CronJob history and Forbid, suspend', () => {
  const { cluster, runner } = playShipped('jobs');
  const job = (name: string) => cluster.store.get<Job>('Job', 'default', name)!;

  // pi: 5 completions, never more than 2 pods running at once.
  let most = 0;
  for (let t = 1; t <= 100; t++) {
    runTo(cluster, t);
    const running = pods(cluster, 'default', 'pi-').filter((p) => p.status?.phase === 'Running' || p.status?.phase === 'Pending').length;
    most = Math.max(most, running);
  }
  assert.equal(most, 2);
  assert.equal(job('pi').status?.succeeded, 5);
  assert.equal(pods(cluster, 'default', 'pi-').length, 5);
  assert.equal(job('pi').status?.conditions?.find((c) => c.type === 'Complete')?.status, 'True');

  // flaky: 1 try + backoffLimit 2 retries, 10s then 20s apart, then Failed.
  const tries = pods(cluster, 'default', 'flaky-').map((p) => secondsAt(cluster, p.metadata.creationTimestamp)).sort((a, b) => a - b);
  assert.equal(tries.length, 3);
  assert.ok(tries[1] - tries[0] >= 10 && tries[1] - tries[0] < 15, `second try after ${tries[1] - tries[0]}s`);
  assert.ok(tries[2] - tries[1] >= 20 && tries[2] - tries[1] < 25, `third try after ${tries[2] - tries[1]}s`);
  const failed = job('flaky').status?.conditions?.find((c) => c.type === 'Failed');
  assert.equal(failed?.status, 'True');
  assert.equal(failed?.reason, 'BackoffLimitExceeded');
  assert.equal(job('flaky').status?.failed, 3);

  // tick: every minute, the last 2 successful Jobs kept.
  runTo(cluster, 269);
  const tickJobs = () => cluster.store.list<Job>('Job', { namespace: 'default' }).filter((j) => j.metadata.name!.startsWith('tick-')).map((j) => j.metadata.name).sort();
  const minute = (m: number) => `tick-${Math.floor((cluster.clock.startedAt + m * 60_000) / 60_000)}`;
  assert.deepEqual(tickJobs(), [minute(3), minute(4)]);
  const tick = cluster.store.get<CronJob>('CronJob', 'default', 'tick')!;
  assert.deepEqual(eventsFor(cluster, tick, 'SuccessfulDelete').map((e) => e.message).sort(), [`Deleted job ${minute(1)}`, `Deleted job ${minute(2)}`]);
  assert.equal(tick.status?.lastScheduleTime, '2026-01-01T00:04:00Z');

  // slow: Forbid skips a run while one is active.
  const slow = cluster.store.get<CronJob>('CronJob', 'default', 'slow')!;
  assert.equal(eventsFor(cluster, slow, 'JobAlreadyActive')[0]?.message, 'Not starting job because prior execution is running and concurrency policy is Forbid');
  const slowJobs = cluster.store
    .list<Job>('Job', { namespace: 'default' })
    .filter((j) => j.metadata.name!.startsWith('slow-'))
    .sort((a, b) => (a.status?.startTime ?? '').localeCompare(b.status?.startTime ?? ''));
  assert.ok(slowJobs.length >= 3);
  for (let i = 1; i < slowJobs.length; i++) {
    const previousDone = slowJobs[i - 1].status?.completionTime;
    assert.ok(previousDone && slowJobs[i].status!.startTime! >= previousDone, `${slowJobs[i].metadata.name} started only after ${slowJobs[i - 1].metadata.name} completed`);
  }

  // 4m30s: suspended: no more runs, the history stays.
  runTo(cluster, 450);
  assert.equal(cluster.store.get<CronJob>('CronJob', 'default', 'tick')?.spec?.suspend, true);
  assert.deepEqual(tickJobs(), [minute(3), minute(4)]);
  assert.equal(cluster.store.get<CronJob>('CronJob', 'default', 'tick')?.status?.lastScheduleTime, '2026-01-01T00:04:00Z');
  assert.ok(runner.finished);
});
