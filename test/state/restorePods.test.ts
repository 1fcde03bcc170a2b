// Pods across a save and a load: the restored kubelets adopt what was running instead of starting it
// again, so the restored cluster goes on exactly as the uninterrupted one does (same seed, same times).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event, Job, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { captureState, restoreState } from '../../src/state/clusterState.js';
import { decodeState, encodeState } from '../../src/state/format.js';

const SEED = 11;

function build(): Cluster {
  const c = new Cluster({ nodes: 2, seed: SEED });
  c.store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 } } }] } },
    },
  });
  c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] } });
  c.advance(70_000);
  c.store.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'batch', namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sleep', '60'] }] } } },
  });
  // 100 s in: the crash loop has restarted 4 times, the Job's pod has about 30 s of its 60 left.
  c.advance(30_000);
  return c;
}

/** Through the state file format and back, as `--state FILE` does. */
function saveAndLoad(c: Cluster): Cluster {
  return restoreState(decodeState('test.state', Buffer.from(encodeState(captureState(c, { seed: SEED }))))).cluster;
}

function pod(c: Cluster, prefix: string): Pod {
  const found = c.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => p.metadata.name!.startsWith(prefix));
  assert.ok(found.length > 0, `a pod ${prefix}*`);
  return found[0];
}

function podsOf(c: Cluster, prefix: string): Pod[] {
  return c.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => p.metadata.name!.startsWith(prefix));
}

/** What the kubelets decide about pods from now on: time (s since start), pod, action. */
function recordKubelet(c: Cluster): string[] {
  const out: string[] = [];
  c.decisions.subscribe((d) => {
    if (d.component.startsWith('kubelet') && d.object.kind === 'Pod') out.push(`${(d.time - c.clock.startedAt) / 1000}s ${d.object.name}: ${d.action}`);
  });
  return out;
}

const isReady = (p: Pod) => p.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True';

test('a restored cluster adopts its running pods: same IPs, restart counts and start times, no status rewrite', () => {
  const control = build();
  const restored = saveAndLoad(control);
  for (const name of [...podsOf(control, 'web-').map((p) => p.metadata.name!), pod(control, 'batch-').metadata.name!, 'crash']) {
    const before = control.store.get<Pod>('Pod', 'default', name)!;
    const after = restored.store.get<Pod>('Pod', 'default', name)!;
    // The kubelet found nothing to change: the adopted pod's status is the saved one, byte for byte.
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion, `${name} was not rewritten`);
    assert.deepEqual(after.status, before.status, name);
  }
  for (const web of podsOf(restored, 'web-')) {
    assert.equal(web.status?.phase, 'Running');
    assert.ok(isReady(web), `${web.metadata.name} is still Ready`);
    assert.equal(web.status?.containerStatuses?.[0].restartCount, 0);
  }
  const crash = restored.store.get<Pod>('Pod', 'default', 'crash')!;
  assert.equal(crash.status?.containerStatuses?.[0].restartCount, 4);
  assert.equal(crash.status?.containerStatuses?.[0].state?.waiting?.reason, 'CrashLoopBackOff');
  assert.match(crash.status?.containerStatuses?.[0].state?.waiting?.message ?? '', /^back-off 1m20s restarting/);
  const job = pod(restored, 'batch-');
  assert.equal(job.status?.phase, 'Running');
  // The node still has the images its containers run.
  const nodes = new Set(podsOf(restored, '').map((p) => p.spec!.nodeName!));
  for (const node of nodes) assert.deepEqual(restored.kubelets.nodeImages(node).sort(), control.kubelets.nodeImages(node).sort(), node);
  assert.ok(restored.kubelets.nodeImages(job.spec!.nodeName!).includes('docker.io/library/busybox:1.36'));
  for (const node of nodes) assert.equal(restored.kubelets.podCount(node), control.kubelets.podCount(node), `pods run on ${node}`);
});

test('after a restore the cluster goes on exactly as the uninterrupted one: crash-loop restarts and the Job finish at the same times', () => {
  const control = build();
  const restored = saveAndLoad(control);
  const savedAt = control.clock.now();
  const jobPod = pod(control, 'batch-').metadata.name!;
  const webPods = podsOf(control, 'web-').map((p) => p.metadata.name!);
  const events = (c: Cluster) => new Map(c.store.list<Event>('Event').map((e) => [e.metadata.name!, e.count ?? 1]));
  const eventsAtRestore = events(restored);
  const expected = recordKubelet(control);
  const actual = recordKubelet(restored);
  const restarts = (c: Cluster) => {
    const times: number[] = [];
    c.decisions.subscribe((d) => {
      if (d.object.name === 'crash' && d.action.startsWith('restarted container')) times.push(d.time);
    });
    return times;
  };
  const controlRestarts = restarts(control);
  const restoredRestarts = restarts(restored);
  control.advance(400_000);
  restored.advance(400_000);

  // The crash loop goes on from back-off 1m20s: restart 5 at exit + 80 s, restart 6 at exit + 160 s.
  assert.equal(controlRestarts.length, 2);
  assert.deepEqual(restoredRestarts, controlRestarts);
  assert.equal(restored.store.get<Pod>('Pod', 'default', 'crash')?.status?.containerStatuses?.[0].restartCount, 6);
  // The Job's pod ends 60 s after it started, not 60 s after the restore.
  const finished = (c: Cluster) => c.store.get<Pod>('Pod', 'default', jobPod)?.status?.containerStatuses?.[0].state?.terminated;
  assert.ok(finished(restored), 'the job pod finished');
  assert.deepEqual(finished(restored), finished(control));
  const started = Date.parse(finished(control)!.startedAt!);
  assert.ok(Date.parse(finished(restored)!.finishedAt!) - started === 60_000, 'sleep 60 ran 60 s in all');
  assert.ok(Date.parse(finished(restored)!.finishedAt!) < savedAt + 35_000);
  assert.equal(restored.store.get<Job>('Job', 'default', 'batch')?.status?.completionTime, control.store.get<Job>('Job', 'default', 'batch')?.status?.completionTime);
  // Every kubelet decision after the save, at the same millisecond, in the same order.
  assert.ok(expected.length >= 8, expected.join('\n'));
  assert.deepEqual(actual, expected);

  // Nothing was pulled, created or started again for the pods that were running.
  for (const e of restored.store.list<Event>('Event')) {
    if (![...webPods, jobPod].includes(e.involvedObject.name ?? '')) continue;
    if (!['Pulling', 'Pulled', 'Created', 'Started', 'Scheduled'].includes(e.reason ?? '')) continue;
    assert.equal(e.count ?? 1, eventsAtRestore.get(e.metadata.name!), `no new ${e.reason} event for ${e.involvedObject.name}`);
  }
  for (const name of webPods) {
    const before = control.store.get<Pod>('Pod', 'default', name)!;
    const after = restored.store.get<Pod>('Pod', 'default', name)!;
    assert.equal(after.status?.podIP, before.status?.podIP);
    assert.ok(isReady(after));
    assert.deepEqual(after.status?.containerStatuses, before.status?.containerStatuses);
  }
});

test('pods created after the restore get the addresses the uninterrupted cluster hands out, never one an adopted pod holds', () => {
  const control = build();
  const restored = saveAndLoad(control);
  for (const c of [control, restored]) {
    for (let i = 0; i < 3; i++) {
      c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `extra-${i}`, namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    }
    c.advance(20_000);
  }
  // The same addresses, in the allocator's order after the last one handed out. (Which new pod gets
  // which may differ: the sandboxes' set-up times hang on the pods' uids, and the restored cluster's
  // random numbers are not the saved one's after the controllers' restore-time events.)
  const ips = (c: Cluster) => c.store.list<Pod>('Pod').filter((p) => p.status?.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed').map((p) => p.status!.podIP).sort();
  assert.deepEqual(ips(restored), ips(control));
  for (const p of podsOf(control, '')) {
    if (p.metadata.name!.startsWith('extra-')) continue;
    assert.equal(restored.store.get<Pod>('Pod', 'default', p.metadata.name!)?.status?.podIP, p.status?.podIP, `${p.metadata.name} keeps its address`);
  }
  const held = restored.store.list<Pod>('Pod').filter((p) => p.spec?.nodeName === 'node-1' && p.status?.phase === 'Running').map((p) => p.status!.podIP);
  assert.equal(new Set(held).size, held.length, `no address given twice: ${held.join(', ')}`);
  // The image was on the node already: no pull for the new pods.
  const pulls = restored.store.list<Event>('Event').filter((e) => e.involvedObject.name?.startsWith('extra-') && e.reason === 'Pulling');
  assert.deepEqual(pulls, []);
});
