import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job, Pod } from '../../src/api/types.js';
import { GarbageCollector } from '../../src/controllers/garbageCollector.js';
import { JobController } from '../../src/controllers/jobController.js';
import { TTLAfterFinishedController } from '../../src/controllers/ttlAfterFinishedController.js';
import type { ControllerClass } from '../../src/controllers/registry.js';
import { FakeKubelet, type PodExit } from '../helpers/fakeKubelet.js';
import { Harness } from './harness.js';

function job(name: string, spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }], ...podSpec } },
      ...spec,
    },
  } as Job;
}

function setup(exit: (pod: Pod) => PodExit | undefined, controllers: ControllerClass[] = [JobController]): { h: Harness; k: FakeKubelet } {
  const h = new Harness({ controllers, pods: false });
  const k = new FakeKubelet(h.store, h.clock, { exit }).start();
  return { h, k };
}

function jobPods(h: Harness): Pod[] {
  return h.store.list<Pod>('Pod', { namespace: 'default' });
}

function condition(j: Job, type: string) {
  return j.status?.conditions?.find((c) => c.type === type);
}

function finished(h: Harness, name: string): boolean {
  const j = h.store.get<Job>('Job', 'default', name);
  return !!j && !!j.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

test('completions 5 with parallelism 2 runs at most 2 pods at a time and completes with 5 successes', () => {
  const { h } = setup(() => ({ afterMs: 10_000, exitCode: 0 }));
  let maxActive = 0;
  h.onStep = () => {
    const active = jobPods(h).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp).length;
    maxActive = Math.max(maxActive, active);
  };
  h.store.create(job('pi', { completions: 5, parallelism: 2 }));
  h.settle();
  assert.equal(jobPods(h).length, 2);
  h.until(() => finished(h, 'pi'));
  const j = h.get<Job>('Job', 'pi');
  assert.equal(maxActive, 2);
  assert.equal(jobPods(h).length, 5);
  assert.equal(j.status?.succeeded, 5);
  assert.equal(j.status?.failed ?? 0, 0);
  assert.equal(j.status?.active, 0);
  assert.deepEqual(j.status?.uncountedTerminatedPods, {});
  const complete = condition(j, 'Complete')!;
  assert.equal(complete.status, 'True');
  assert.equal(complete.reason, 'CompletionsReached');
  assert.equal(complete.message, 'Reached expected number of succeeded pods');
  assert.equal(condition(j, 'SuccessCriteriaMet')?.status, 'True');
  assert.equal(j.status?.completionTime, complete.lastTransitionTime);
  assert.ok(j.status?.startTime);
  const events = h.eventsFor('Job', 'pi');
  assert.equal(events.filter((e) => e.startsWith('SuccessfulCreate: Created pod: pi-')).length, 5);
  assert.equal(events[events.length - 1], 'Completed: Job completed');
  for (const p of jobPods(h)) {
    assert.match(p.metadata.name!, /^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(p.metadata.labels?.['batch.kubernetes.io/job-name'], 'pi');
    assert.equal(p.metadata.labels?.['job-name'], 'pi');
    assert.equal(p.metadata.labels?.['batch.kubernetes.io/controller-uid'], j.metadata.uid);
    assert.equal(p.metadata.labels?.['controller-uid'], j.metadata.uid);
    assert.equal(p.metadata.finalizers, undefined, 'the tracking finalizer comes off once the pod is counted');
  }
  assert.ok(h.decisionsOf('job-controller').some((d) => d.includes('wantActive = min(parallelism 2, completions 5 − succeeded 0) = 2')));
});

test('new pods carry the job-tracking finalizer until counted', () => {
  const { h } = setup(() => undefined);
  h.store.create(job('pi'));
  h.settle();
  assert.deepEqual(jobPods(h)[0].metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
});

test('backoffLimit: failures past the limit fail the Job, with 10 s then 20 s back-off between retries', () => {
  const { h } = setup(() => ({ afterMs: 5_000, exitCode: 1 }));
  h.store.create(job('flaky', { backoffLimit: 2 }));
  h.until(() => finished(h, 'flaky'));
  const j = h.get<Job>('Job', 'flaky');
  const failed = condition(j, 'Failed')!;
  assert.equal(failed.reason, 'BackoffLimitExceeded');
  assert.equal(failed.message, 'Job has reached the specified backoff limit');
  assert.equal(condition(j, 'FailureTarget')?.reason, 'BackoffLimitExceeded');
  assert.equal(j.status?.failed, 3);
  assert.ok(h.eventsFor('Job', 'flaky').includes('BackoffLimitExceeded: Job has reached the specified backoff limit'));

  const pods = jobPods(h).sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
  assert.equal(pods.length, 3);
  const finishedAt = (p: Pod) => Date.parse(p.status!.containerStatuses![0].state!.terminated!.finishedAt!);
  const created = (p: Pod) => Date.parse(p.metadata.creationTimestamp!);
  const gap1 = created(pods[1]) - finishedAt(pods[0]);
  const gap2 = created(pods[2]) - finishedAt(pods[1]);
  assert.ok(gap1 >= 10_000 && gap1 < 12_000, `first retry after ~10s, was ${gap1}`);
  assert.ok(gap2 >= 20_000 && gap2 < 22_000, `second retry after ~20s, was ${gap2}`);
});

test('with restartPolicy OnFailure, container restarts count toward backoffLimit', () => {
  const { h } = setup(() => ({ afterMs: 3_000, exitCode: 1 }));
  h.store.create(job('crashy', { backoffLimit: 2 }, { restartPolicy: 'OnFailure' }));
  h.until(() => finished(h, 'crashy'));
  const j = h.get<Job>('Job', 'crashy');
  assert.equal(condition(j, 'Failed')?.reason, 'BackoffLimitExceeded');
  assert.equal(jobPods(h).filter((p) => !p.metadata.deletionTimestamp).length <= 1, true);
  assert.ok(h.decisionsOf('job-controller').some((d) => d.includes('container restarts in running pods (restartPolicy OnFailure) reach backoffLimit 2')));
});

test('activeDeadlineSeconds fails the Job and stops its pods', () => {
  const { h } = setup(() => undefined);
  h.store.create(job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }));
  h.advance(29_000);
  assert.equal(finished(h, 'slow'), false);
  h.until(() => finished(h, 'slow'));
  const j = h.get<Job>('Job', 'slow');
  const failed = condition(j, 'Failed')!;
  assert.equal(failed.reason, 'DeadlineExceeded');
  assert.equal(failed.message, 'Job was active longer than specified deadline');
  assert.ok(Date.parse(condition(j, 'FailureTarget')!.lastTransitionTime!) - Date.parse(j.status!.startTime!) === 30_000);
  assert.equal(j.status?.active, 0);
  assert.ok(h.eventsFor('Job', 'slow').includes('DeadlineExceeded: Job was active longer than specified deadline'));
  assert.equal(jobPods(h).length, 0, 'its pods were stopped');
});

test('Indexed pods are named <job>-<index>-xxxxx and carry their completion index', () => {
  const { h } = setup((p) => ({ afterMs: 5_000 + 3000 * Number(p.metadata.labels?.['batch.kubernetes.io/job-completion-index']), exitCode: 0 }));
  h.store.create(job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
  h.settle();
  const pods = jobPods(h).sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  assert.deepEqual(pods.map((p) => p.metadata.generateName), ['idx-0-', 'idx-1-', 'idx-2-']);
  pods.forEach((p, i) => {
    assert.match(p.metadata.name!, new RegExp(`^idx-${i}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], String(i));
    assert.equal(p.metadata.labels?.['batch.kubernetes.io/job-completion-index'], String(i));
    assert.equal(p.spec?.hostname, `idx-${i}`);
    assert.equal(
      p.spec?.containers[0].env?.find((e) => e.name === 'JOB_COMPLETION_INDEX')?.valueFrom?.fieldRef?.fieldPath,
      "metadata.annotations['batch.kubernetes.io/job-completion-index']",
    );
  });
  h.advance(8_000);
  assert.equal(h.get<Job>('Job', 'idx').status?.completedIndexes, '0', 'index 0 finished at 6 s, counted a second later');
  h.until(() => finished(h, 'idx'));
  assert.equal(h.get<Job>('Job', 'idx').status?.completedIndexes, '0-2');
  assert.equal(h.get<Job>('Job', 'idx').status?.succeeded, 3);
});

test('a failed Indexed pod is replaced for the same index', () => {
  let attempts = 0;
  const { h } = setup((p) => {
    const ix = p.metadata.labels?.['batch.kubernetes.io/job-completion-index'];
    if (ix === '1' && attempts++ === 0) return { afterMs: 2_000, exitCode: 1 };
    return { afterMs: 2_000, exitCode: 0 };
  });
  h.store.create(job('idx', { completions: 2, parallelism: 2, completionMode: 'Indexed' }));
  h.until(() => finished(h, 'idx'));
  const j = h.get<Job>('Job', 'idx');
  assert.equal(j.status?.failed, 1);
  assert.equal(j.status?.completedIndexes, '0-1');
  assert.equal(jobPods(h).filter((p) => p.metadata.generateName === 'idx-1-').length, 2);
});

test('ttlSecondsAfterFinished deletes the finished Job (and its pods) on time', () => {
  const { h } = setup(() => ({ afterMs: 5_000, exitCode: 0 }), [JobController, TTLAfterFinishedController, GarbageCollector]);
  h.store.create(job('tidy', { ttlSecondsAfterFinished: 60 }));
  h.until(() => finished(h, 'tidy'));
  const doneAt = Date.parse(condition(h.get<Job>('Job', 'tidy'), 'Complete')!.lastTransitionTime!);
  h.advance(doneAt + 59_000 - h.clock.now());
  assert.ok(h.store.get('Job', 'default', 'tidy'), 'still there at +59s');
  h.advance(2_000);
  assert.equal(h.store.get('Job', 'default', 'tidy'), undefined, 'gone at +61s');
  assert.equal(jobPods(h).length, 0);
  const decisions = h.decisionsOf('ttl-after-finished-controller');
  assert.ok(decisions.some((d) => d.startsWith('delete job tidy (finished (Complete at ')), decisions.join('\n'));
});

test('suspend deletes the active pods and resume starts again, with events', () => {
  const { h } = setup(() => undefined);
  h.store.create(job('pause', { parallelism: 2, completions: 2 }));
  h.advance(3_000);
  assert.equal(jobPods(h).length, 2);
  h.store.modify<Job>('Job', 'default', 'pause', (j) => {
    j.spec!.suspend = true;
  });
  h.advance(5_000);
  assert.equal(jobPods(h).length, 0);
  let j = h.get<Job>('Job', 'pause');
  assert.equal(condition(j, 'Suspended')?.status, 'True');
  assert.equal(condition(j, 'Suspended')?.reason, 'JobSuspended');
  assert.equal(j.status?.failed ?? 0, 0, 'pods removed on purpose are not failures');
  h.store.modify<Job>('Job', 'default', 'pause', (x) => {
    x.spec!.suspend = false;
  });
  h.advance(3_000);
  j = h.get<Job>('Job', 'pause');
  assert.equal(condition(j, 'Suspended')?.status, 'False');
  assert.equal(condition(j, 'Suspended')?.reason, 'JobResumed');
  assert.equal(jobPods(h).length, 2);
  const events = h.eventsFor('Job', 'pause');
  assert.ok(events.includes('Suspended: Job suspended'));
  assert.ok(events.includes('Resumed: Job resumed'));
});

test('a podFailurePolicy FailJob rule on an exit code fails the Job at once', () => {
  const { h } = setup(() => ({ afterMs: 2_000, exitCode: 42 }));
  h.store.create(
    job('policy', { backoffLimit: 6, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }] } }),
  );
  h.until(() => finished(h, 'policy'));
  const j = h.get<Job>('Job', 'policy');
  const failed = condition(j, 'Failed')!;
  assert.equal(failed.reason, 'PodFailurePolicy');
  const pod = jobPods(h)[0];
  assert.equal(failed.message, `Container main for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
  assert.equal(jobPods(h).length, 1, 'no retry');
});

test('a podFailurePolicy Ignore rule does not count toward backoffLimit', () => {
  let n = 0;
  const { h } = setup(() => (n++ < 3 ? { afterMs: 1_000, exitCode: 7 } : { afterMs: 1_000, exitCode: 0 }));
  h.store.create(job('ignore', { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [7] } }] } }));
  h.until(() => finished(h, 'ignore'));
  const j = h.get<Job>('Job', 'ignore');
  assert.equal(condition(j, 'Complete')?.status, 'True');
  assert.equal(j.status?.failed ?? 0, 0);
});

test('a work-queue Job (no completions) stops starting pods after the first success', () => {
  let started = 0;
  const { h } = setup(() => ({ afterMs: started++ === 0 ? 3_000 : 8_000, exitCode: 0 }));
  h.store.create(job('queue', { parallelism: 3 }));
  h.until(() => finished(h, 'queue'));
  const j = h.get<Job>('Job', 'queue');
  assert.equal(jobPods(h).length, 3, 'no pod started after the first success');
  assert.equal(j.status?.succeeded, 3);
  assert.equal(condition(j, 'Complete')?.status, 'True');
});
