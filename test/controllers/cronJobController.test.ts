import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CronJob, Job } from '../../src/api/types.js';
import { CronJobController } from '../../src/controllers/cronJobController.js';
import { GarbageCollector } from '../../src/controllers/garbageCollector.js';
import { JobController } from '../../src/controllers/jobController.js';
import { FakeKubelet, type PodExit } from '../helpers/fakeKubelet.js';
import { Harness } from './harness.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1); // the harness clock's start

function cronJob(spec: Record<string, unknown>): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'hello', image: 'busybox:1.36' }] } } } },
      ...spec,
    },
  } as CronJob;
}

function setup(exit: PodExit | undefined = { afterMs: 5_000, exitCode: 0 }): Harness {
  const h = new Harness({ controllers: [CronJobController, JobController, GarbageCollector], pods: false });
  new FakeKubelet(h.store, h.clock, { exit: () => exit }).start();
  return h;
}

/** `hello-<minutes since the epoch>` for a time T0 + offset. */
function nameAt(offsetMs: number): string {
  return `hello-${Math.floor((T0 + offsetMs) / 1000 / 60)}`;
}

function jobNames(h: Harness): string[] {
  return h.store.list<Job>('Job', { namespace: 'default' }).map((j) => j.metadata.name!).sort();
}

function cj(h: Harness): CronJob {
  return h.get<CronJob>('CronJob', 'hello');
}

test('*/1 * * * * over 5 minutes creates 5 jobs named <cronjob>-<minutes> and keeps the last 3', () => {
  const h = setup();
  h.store.create(cronJob({}));
  h.settle();
  assert.ok(h.decisionsOf('cronjob-controller').some((d) => d.startsWith('next run at 00:01:00 (schedule */1 * * * *)')));
  h.advance(5 * MIN + 30_000);
  const created = h.eventsFor('CronJob', 'hello').filter((e) => e.startsWith('SuccessfulCreate'));
  assert.deepEqual(created, [1, 2, 3, 4, 5].map((m) => `SuccessfulCreate: Created job ${nameAt(m * MIN)}`));
  assert.deepEqual(jobNames(h), [3, 4, 5].map((m) => nameAt(m * MIN)));
  const deleted = h.eventsFor('CronJob', 'hello').filter((e) => e.startsWith('SuccessfulDelete'));
  assert.deepEqual(deleted, [`SuccessfulDelete: Deleted job ${nameAt(MIN)}`, `SuccessfulDelete: Deleted job ${nameAt(2 * MIN)}`]);
  assert.ok(h.eventsFor('CronJob', 'hello').includes(`SawCompletedJob: Saw completed job: ${nameAt(5 * MIN)}, status: Complete`));

  const status = cj(h).status!;
  assert.equal(status.lastScheduleTime, '2026-01-01T00:05:00Z');
  assert.equal(status.active, undefined);
  assert.ok(status.lastSuccessfulTime! >= '2026-01-01T00:05:05Z');
  const last = h.get<Job>('Job', nameAt(5 * MIN));
  assert.equal(last.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-01-01T00:05:00Z');
  assert.equal(last.metadata.ownerReferences?.[0]?.kind, 'CronJob');
  assert.equal(last.metadata.ownerReferences?.[0]?.controller, true);
  assert.ok(h.decisionsOf('cronjob-controller').some((d) => d.startsWith('next run at 00:06:00 (schedule */1 * * * *)')));
});

test('a job starts 100 ms after its scheduled time, not before', () => {
  const h = setup();
  h.store.create(cronJob({ schedule: '*/5 * * * *' }));
  h.advance(5 * MIN);
  assert.deepEqual(jobNames(h), []);
  h.advance(100);
  assert.deepEqual(jobNames(h), [nameAt(5 * MIN)]);
  assert.ok(h.decisionsOf('cronjob-controller').some((d) => d.startsWith('next run at 00:10:00 (schedule */5 * * * *)')));
});

test('Forbid skips a run while the previous job is still running', () => {
  const h = setup({ afterMs: 150_000, exitCode: 0 });
  h.store.create(cronJob({ concurrencyPolicy: 'Forbid' }));
  h.advance(2 * MIN + 30_000);
  assert.deepEqual(jobNames(h), [nameAt(MIN)]);
  assert.ok(h.eventsFor('CronJob', 'hello').includes('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid'));
  assert.ok(h.decisionsOf('cronjob-controller').some((d) => d.startsWith('not starting job: prior execution is running and concurrency policy is Forbid')));
  assert.deepEqual(cj(h).status?.active?.map((r) => r.name), [nameAt(MIN)]);
  // Once it finishes, the most recent unmet time (00:03) starts at once, late; 00:02 is never run.
  h.advance(MIN + 30_000);
  assert.deepEqual(jobNames(h), [nameAt(MIN), nameAt(3 * MIN)]);
  const late = h.get<Job>('Job', nameAt(3 * MIN));
  assert.equal(late.metadata.creationTimestamp, '2026-01-01T00:03:32Z');
});

test('Replace deletes the running job and starts the new one', () => {
  const h = setup({ afterMs: 150_000, exitCode: 0 });
  h.store.create(cronJob({ concurrencyPolicy: 'Replace' }));
  h.advance(2 * MIN + 30_000);
  assert.deepEqual(jobNames(h), [nameAt(2 * MIN)]);
  assert.ok(h.eventsFor('CronJob', 'hello').includes(`SuccessfulDelete: Deleted job ${nameAt(MIN)}`));
  assert.deepEqual(cj(h).status?.active?.map((r) => r.name), [nameAt(2 * MIN)]);
});

test('Allow lets runs overlap', () => {
  const h = setup({ afterMs: 150_000, exitCode: 0 });
  h.store.create(cronJob({}));
  h.advance(2 * MIN + 30_000);
  assert.deepEqual(jobNames(h), [nameAt(MIN), nameAt(2 * MIN)]);
  assert.equal(cj(h).status?.active?.length, 2);
});

test('missed schedules are not back-filled: only the most recent one runs', () => {
  const h = setup();
  h.store.create(cronJob({ suspend: true }));
  h.advance(10 * MIN + 30_000);
  assert.deepEqual(jobNames(h), []);
  h.store.modify<CronJob>('CronJob', 'default', 'hello', (c) => {
    c.spec!.suspend = false;
  });
  h.settle();
  assert.deepEqual(jobNames(h), [nameAt(10 * MIN)]);
  assert.ok(h.decisionsOf('cronjob-controller').some((d) => d.includes('9 earlier missed times were skipped (missed runs are not back-filled)')));
});

test('more than 100 missed times: TooManyMissedTimes, and still only the most recent runs', () => {
  const h = setup();
  h.store.create(cronJob({ suspend: true }));
  h.advance(120 * MIN + 30_000);
  h.store.modify<CronJob>('CronJob', 'default', 'hello', (c) => {
    c.spec!.suspend = false;
  });
  h.settle();
  assert.ok(h.eventsFor('CronJob', 'hello').includes('TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'));
  assert.deepEqual(jobNames(h), [nameAt(120 * MIN)]);
});

test('startingDeadlineSeconds: a time missed by more than the deadline is not run', () => {
  const h = setup();
  h.store.create(cronJob({ suspend: true, startingDeadlineSeconds: 20 }));
  h.advance(10 * MIN + 30_000);
  h.store.modify<CronJob>('CronJob', 'default', 'hello', (c) => {
    c.spec!.suspend = false;
  });
  h.settle();
  assert.deepEqual(jobNames(h), [], '00:10:00 + 20 s is past');
  h.advance(MIN);
  assert.deepEqual(jobNames(h), [nameAt(11 * MIN)]);
});

test('failedJobsHistoryLimit keeps one failed job by default', () => {
  const h = setup({ afterMs: 2_000, exitCode: 1 });
  h.store.create(cronJob({ jobTemplate: { spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'hello', image: 'busybox:1.36' }] } } } } }));
  h.advance(3 * MIN + 30_000);
  assert.deepEqual(jobNames(h), [nameAt(3 * MIN)]);
  assert.ok(h.eventsFor('CronJob', 'hello').includes(`SawCompletedJob: Saw completed job: ${nameAt(3 * MIN)}, status: Failed`));
  assert.equal(cj(h).status?.lastSuccessfulTime, undefined);
});

test('spec.timeZone: 0 9 * * * in America/New_York runs at 14:00 UTC and stamps the local time', () => {
  const h = setup();
  h.store.create(cronJob({ schedule: '0 9 * * *', timeZone: 'America/New_York' }));
  h.settle();
  assert.ok(h.decisionsOf('cronjob-controller').some((d) => d.startsWith('next run at 14:00:00 (schedule 0 9 * * *, America/New_York)')));
  h.advance(14 * 60 * MIN + MIN);
  const name = nameAt(14 * 60 * MIN);
  assert.deepEqual(jobNames(h), [name]);
  assert.equal(h.get<Job>('Job', name).metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-01-01T09:00:00-05:00');
});

test('macros: @hourly runs at the top of the hour', () => {
  const h = setup();
  h.store.create(cronJob({ schedule: '@hourly' }));
  h.advance(59 * MIN);
  assert.deepEqual(jobNames(h), []);
  h.advance(2 * MIN);
  assert.deepEqual(jobNames(h), [nameAt(60 * MIN)]);
});

test('a job deleted while active is reported missing', () => {
  const h = setup({ afterMs: 150_000, exitCode: 0 });
  h.store.create(cronJob({ schedule: '*/5 * * * *' }));
  h.advance(5 * MIN + 10_000);
  h.store.delete('Job', 'default', nameAt(5 * MIN), { propagationPolicy: 'Background' });
  h.advance(1000);
  assert.ok(h.eventsFor('CronJob', 'hello').includes(`MissingJob: Active job went missing: ${nameAt(5 * MIN)}`));
  assert.equal(cj(h).status?.active, undefined);
});
