// StatefulSet, DaemonSet, Job and CronJob on the whole simulated cluster: the real scheduler,
// kubelets, node lifecycle and taint eviction around them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CronJob, DaemonSet, Event, Job, PersistentVolumeClaim, Pod, StatefulSet } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { DEFAULT_NODE } from '../../src/sim/nodeSpec.js';

const MIN = 60_000;

function pods(c: Cluster, prefix: string): Pod[] {
  return c.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => p.metadata.name!.startsWith(prefix));
}

function ready(p: Pod | undefined): boolean {
  return !!p && p.status?.phase === 'Running' && !!p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
}

function until(c: Cluster, done: () => boolean, limitMs = 10 * MIN): void {
  const stop = c.clock.now() + limitMs;
  while (!done()) {
    if (c.clock.now() >= stop) throw new Error(`not reached within ${limitMs / 1000}s`);
    c.advance(1000);
  }
}

function events(c: Cluster, kind: string, name: string): string[] {
  return c.store
    .list<Event>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .map((e) => `${e.reason}: ${e.message}`);
}

test('cluster: a StatefulSet comes up in order, and its pod on a dead node waits instead of being replaced', () => {
  const c = new Cluster({ nodes: 3, seed: 3 });
  c.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path' });
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      volumeClaimTemplates: [
        { metadata: { name: 'www' }, spec: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      ],
    },
  } as StatefulSet);
  until(c, () => ['web-0', 'web-1', 'web-2'].every((n) => ready(c.store.get<Pod>('Pod', 'default', n))));
  const created = events(c, 'StatefulSet', 'web').filter((e) => e.startsWith('SuccessfulCreate'));
  assert.deepEqual(
    created,
    ['web-0', 'web-1', 'web-2'].flatMap((n) => [`SuccessfulCreate: create Claim www-${n} Pod ${n} in StatefulSet web success`, `SuccessfulCreate: create Pod ${n} in StatefulSet web successful`]),
  );
  for (const n of ['web-0', 'web-1', 'web-2']) assert.equal(c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', `www-${n}`)?.status?.phase, 'Bound');

  const victim = c.store.get<Pod>('Pod', 'default', 'web-1')!;
  const node = victim.spec!.nodeName!;
  c.kubelets.stopNode(node);
  // Grace period (50 s) → unreachable taint → 300 s toleration → eviction; the pod stays Terminating.
  c.advance(8 * MIN);
  const stuck = c.store.get<Pod>('Pod', 'default', 'web-1')!;
  assert.equal(stuck.metadata.uid, victim.metadata.uid);
  assert.ok(stuck.metadata.deletionTimestamp, 'evicted, but nobody can confirm the kill');
  assert.equal(pods(c, 'web-').length, 3, 'no second web-1');
  const waits = c.decisions.query({ component: 'statefulset-controller' }).map((d) => d.action);
  assert.ok(waits.some((a) => a.startsWith('waiting for web-1 to finish terminating before re-creating it')), waits.join('\n'));

  c.kubelets.startNode(node);
  until(c, () => {
    const p = c.store.get<Pod>('Pod', 'default', 'web-1');
    return ready(p) && p!.metadata.uid !== victim.metadata.uid;
  });
});

test('cluster: a DaemonSet runs on every node, including one added later, and keeps its pod on a dead node', () => {
  const c = new Cluster({ nodes: 3, seed: 4 });
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'nginx:1.25' }] } },
    },
  } as DaemonSet);
  until(c, () => pods(c, 'agent-').filter(ready).length === 3);
  assert.deepEqual(pods(c, 'agent-').map((p) => p.spec?.nodeName).sort(), ['node-1', 'node-2', 'node-3']);
  c.addNode({ ...DEFAULT_NODE, name: 'node-4' });
  until(c, () => pods(c, 'agent-').filter(ready).length === 4);
  const status = c.store.get<DaemonSet>('DaemonSet', 'default', 'agent')!.status!;
  assert.equal(status.desiredNumberScheduled, 4);

  const onTwo = pods(c, 'agent-').find((p) => p.spec?.nodeName === 'node-2')!;
  c.kubelets.stopNode('node-2');
  c.advance(8 * MIN);
  const still = c.store.get<Pod>('Pod', 'default', onTwo.metadata.name!)!;
  assert.ok(!still.metadata.deletionTimestamp, 'daemon pods tolerate unreachable for ever');
});

test('cluster: a Job with completions 3 and parallelism 2 completes, and its TTL removes it with its pods', () => {
  const c = new Cluster({ nodes: 2, seed: 5 });
  c.store.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default' },
    spec: {
      completions: 3,
      parallelism: 2,
      ttlSecondsAfterFinished: 30,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'busybox:1.36', command: ['sleep', '5'] }] } },
    },
  } as Job);
  until(c, () => !!c.store.get<Job>('Job', 'default', 'pi')!.status?.conditions?.some((x) => x.type === 'Complete' && x.status === 'True'));
  const job = c.store.get<Job>('Job', 'default', 'pi')!;
  assert.equal(job.status?.succeeded, 3);
  assert.ok(events(c, 'Job', 'pi').includes('Completed: Job completed'));
  assert.equal(pods(c, 'pi-').length, 3);
  const doneAt = Date.parse(job.status!.completionTime!);
  c.advance(doneAt + 29_000 - c.clock.now());
  assert.ok(c.store.get('Job', 'default', 'pi'), 'kept for ttlSecondsAfterFinished');
  c.advance(2_000);
  assert.equal(c.store.get('Job', 'default', 'pi'), undefined);
  until(c, () => pods(c, 'pi-').length === 0, MIN);
});

test('cluster: a */1 CronJob over 5 minutes has created 5 jobs and keeps 3', () => {
  const c = new Cluster({ nodes: 2, seed: 6 });
  c.store.create({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.36', command: ['sleep', '5'] }] } } } },
    },
  } as CronJob);
  const start = c.clock.now();
  const firstMinute = Math.ceil((start + 1) / MIN) * MIN;
  c.advance(firstMinute + 4 * MIN + 45_000 - start);
  const created = events(c, 'CronJob', 'hello').filter((e) => e.startsWith('SuccessfulCreate'));
  assert.equal(created.length, 5);
  const jobs = c.store.list<Job>('Job', { namespace: 'default' }).map((j) => j.metadata.name).sort();
  assert.deepEqual(jobs, [2, 3, 4].map((i) => `hello-${firstMinute / MIN + i}`));
});
