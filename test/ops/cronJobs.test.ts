import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CronJob, Job } from '../../src/api/types.js';
import { INSTANTIATE_ANNOTATION, toggleCronJobSuspend, triggerCronJob } from '../../src/ops/cronJobs.js';
import { Harness } from '../controllers/harness.js';

function withCronJob() {
  const h = new Harness({ controllers: [], pods: false });
  h.store.create<CronJob>({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'backup', namespace: 'default' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: {
        metadata: { labels: { team: 'ops' } },
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'backup', image: 'busybox', command: ['sh', '-c', 'echo done'] }] } } },
      },
    },
  });
  return h;
}

test('trigger creates a Job from the template, owned by the CronJob and marked manual', () => {
  const h = withCronJob();
  const message = triggerCronJob(h.store, 'default', 'backup');
  const match = /^job\.batch\/(backup-manual-[a-z0-9]{3}) created$/.exec(message);
  assert.ok(match, message);
  const job = h.get<Job>('Job', match[1]);
  const cj = h.get<CronJob>('CronJob', 'backup');
  assert.equal(job.metadata.annotations?.[INSTANTIATE_ANNOTATION], 'manual');
  assert.equal(job.metadata.labels?.team, 'ops');
  assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', uid: cj.metadata.uid, controller: true }]);
  assert.equal(job.spec?.template.spec?.containers[0].image, 'busybox');
  assert.equal(triggerCronJob(h.store, 'default', 'backup', 'backup-now'), 'job.batch/backup-now created');
  assert.throws(() => triggerCronJob(h.store, 'default', 'backup', 'backup-now'), /jobs.batch "backup-now" already exists/);
  assert.throws(() => triggerCronJob(h.store, 'default', 'nightly'), /cronjobs.batch "nightly" not found/);
});

test('s suspends and resumes the schedule', () => {
  const h = withCronJob();
  assert.equal(toggleCronJobSuspend(h.store, 'default', 'backup'), 'cronjob.batch/backup suspended');
  assert.equal(h.get<CronJob>('CronJob', 'backup').spec?.suspend, true);
  assert.equal(toggleCronJobSuspend(h.store, 'default', 'backup'), 'cronjob.batch/backup resumed');
  assert.equal(h.get<CronJob>('CronJob', 'backup').spec?.suspend, false);
});
