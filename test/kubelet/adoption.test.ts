// A kubelet that finds pods already running on its node (a restored cluster, a kubelet coming back)
// adopts them from their status instead of starting them again. Each case runs a cluster, reloads it
// from a store snapshot the way src/state restores one, and checks the reloaded cluster against the
// uninterrupted one: same statuses every second, same kubelet decisions at the same milliseconds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/api/object.js';
import type { Event, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { Backoff } from '../../src/kubelet/backoff.js';
import { containerIdFor, preciseStart, startMillisOf } from '../../src/kubelet/containerId.js';

const SEED = 3;

/** The snapshot → new cluster → restore path of src/state/clusterState.ts, without the file. */
function reload(c: Cluster): Cluster {
  const snapshot = c.store.snapshot();
  const stopped = c.store.list('Node').map((n) => n.metadata.name!).filter((n) => c.kubelets.isStopped(n));
  const r = new Cluster({ name: c.name, seed: SEED, nodes: [], startTime: c.clock.startedAt });
  r.clock.setNow(c.clock.now());
  r.decisions.clear();
  r.kubelets.keepStopped(stopped);
  r.store.restore(snapshot);
  r.random.setState(c.random.getState());
  r.settle();
  return r;
}

type Step = { at: number; run: (c: Cluster) => void };

/** Kubelet decisions about pods: `<ms since start> <pod>: <action>`. */
function kubeletDecisions(c: Cluster): string[] {
  const out: string[] = [];
  c.decisions.subscribe((d) => {
    if (d.component.startsWith('kubelet') && d.object.kind === 'Pod') out.push(`${d.time - c.clock.startedAt} ${d.object.name}: ${d.action}`);
  });
  return out;
}

function statuses(c: Cluster): string {
  return JSON.stringify(
    c.store
      .list<Pod>('Pod')
      .map((p) => [p.metadata.name, p.metadata.deletionTimestamp ?? null, p.status])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
}

interface Compared {
  control: Cluster;
  restored: Cluster;
  /** Pod names whose status the restored kubelets wrote while adopting (should be none). */
  rewritten: string[];
  expected: string[];
  actual: string[];
}

/**
 * Creates `objects`, runs `steps` at their times (s), reloads at `saveAt` s and runs both clusters
 * `runFor` s more (with `after` steps applied to both), asserting their pod statuses agree each second.
 */
function compare(objects: KObject[], saveAt: number, runFor: number, steps: Step[] = [], after: Step[] = []): Compared {
  const control = new Cluster({ nodes: 2, seed: SEED });
  for (const o of objects) control.store.create(o);
  const start = control.clock.startedAt;
  for (const s of [...steps].sort((a, b) => a.at - b.at)) {
    control.runUntil(start + s.at * 1000);
    s.run(control);
  }
  control.runUntil(start + saveAt * 1000);
  const restored = reload(control);
  const versions = new Map(control.store.list<Pod>('Pod').map((p) => [p.metadata.name!, p.metadata.resourceVersion]));
  const rewritten = restored.store.list<Pod>('Pod').filter((p) => versions.get(p.metadata.name!) !== p.metadata.resourceVersion).map((p) => p.metadata.name!);
  const expected = kubeletDecisions(control);
  const actual = kubeletDecisions(restored);
  const pending = [...after].sort((a, b) => a.at - b.at);
  for (let t = saveAt + 1; t <= saveAt + runFor; t++) {
    for (const c of [control, restored]) c.runUntil(start + t * 1000);
    while (pending.length && pending[0].at <= t) {
      const s = pending.shift()!;
      s.run(control);
      s.run(restored);
    }
    assert.equal(statuses(restored), statuses(control), `pod statuses at ${t}s`);
  }
  return { control, restored, rewritten, expected, actual };
}

function pod(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) }, spec } as KObject;
}

function eventsAfter(c: Cluster, podName: string, since: number, reasons: string[]): Event[] {
  return c.store.list<Event>('Event').filter((e) => e.involvedObject.name === podName && reasons.includes(e.reason ?? '') && Date.parse(e.lastTimestamp ?? '') >= since);
}

describe('container IDs carry the millisecond a container started', () => {
  it('round-trips the millisecond and refuses IDs that do not carry one', () => {
    const at = Date.UTC(2026, 0, 1, 0, 1, 2, 345);
    const id = containerIdFor('uid-1', 'web', 0, at);
    assert.match(id, /^containerd:\/\/[0-9a-f]{64}$/);
    assert.equal(startMillisOf(id), 345);
    assert.equal(preciseStart('2026-01-01T00:01:02Z', id), at);
    assert.notEqual(containerIdFor('uid-1', 'web', 1, at), id, 'each instance its own ID');
    assert.equal(startMillisOf(`containerd://${'ab'.repeat(32)}`), undefined);
    assert.equal(startMillisOf('docker://abc'), undefined);
    assert.equal(preciseStart('2026-01-01T00:01:02Z', undefined), Date.UTC(2026, 0, 1, 0, 1, 2));
  });
});

describe('back-off seeding', () => {
  it('delayAfter follows 10 s doubling to 5 min; a seeded key goes on from there', () => {
    const b = new Backoff(10_000, 300_000);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map((n) => b.delayAfter(n)), [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    b.seed('c', 40_000, 1_000);
    assert.ok(b.isInBackOffSince('c', 2_000, 41_999));
    assert.ok(!b.isInBackOffSince('c', 2_000, 42_000));
    assert.equal(b.next('c', 2_000, 42_000), 80_000);
    // Untouched for more than twice the maximum: expired, starts over.
    b.seed('d', 300_000, 0);
    assert.ok(!b.isInBackOffSince('d', 600_001, 600_002));
  });
});

describe('adopting pods from a snapshot', () => {
  it('running Deployment pods: same IPs, no status write, no new pull/create/start events, logs as before', () => {
    const web = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] } } },
    } as KObject;
    const { control, restored, rewritten, expected, actual } = compare([web], 47, 60);
    assert.deepEqual(rewritten, []);
    assert.deepEqual(actual, expected);
    const since = control.clock.startedAt + 47_000;
    for (const p of restored.store.list<Pod>('Pod')) {
      assert.deepEqual(eventsAfter(restored, p.metadata.name!, since, ['Pulling', 'Pulled', 'Created', 'Started', 'Killing']), [], p.metadata.name);
      assert.deepEqual(restored.kubelets.logs('default', p.metadata.name!, undefined, { timestamps: true }), control.kubelets.logs('default', p.metadata.name!, undefined, { timestamps: true }));
    }
    for (const node of ['node-1', 'node-2']) assert.deepEqual(restored.kubelets.nodeImages(node), control.kubelets.nodeImages(node));
  });

  it('probes go on where they were: liveness kills and readiness flips at the uninterrupted times', () => {
    const flappy = pod(
      'flappy',
      { containers: [{ name: 'f', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 }, readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 3 } }] },
      { 'sim.kubesim.dev/liveness': 'flap 45s', 'sim.kubesim.dev/readiness': 'flap 25s', 'sim.kubesim.dev/ready-after': '7s' },
    );
    const warm = pod('warm', { containers: [{ name: 'w', image: 'nginx:1.27' }] }, { 'sim.kubesim.dev/ready-after': '40s' });
    // Saved mid-way through the second liveness failure run and before `warm` is ready.
    const { restored, rewritten, expected, actual } = compare([flappy, warm], 36, 200);
    assert.deepEqual(rewritten, []);
    assert.ok(actual.some((d) => d.includes('killing container f: liveness probe failed')));
    assert.ok(actual.some((d) => d.includes('warm')) || restored.store.get<Pod>('Pod', 'default', 'warm')!.status!.conditions!.some((c) => c.type === 'Ready' && c.status === 'True'));
    assert.deepEqual(actual, expected);
  });

  it('exec probes on files a script writes, and a crash-after annotation, continue from the original start', () => {
    const exec = pod('exec', {
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'touch /tmp/healthy; sleep 50; rm /tmp/healthy; sleep 600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5, initialDelaySeconds: 5 } }],
    });
    const crashAfter = pod('crash-after', { containers: [{ name: 'c', image: 'nginx:1.27' }] }, { 'sim.kubesim.dev/crash-after': '13s' });
    const { expected, actual } = compare([exec, crashAfter], 58, 240);
    assert.ok(expected.filter((d) => d.includes('crash-after: restarted')).length >= 2);
    assert.deepEqual(actual, expected);
  });

  it('a terminating pod finishes its shutdown when it would have, without a second Killing', () => {
    const slow = pod(
      'slow',
      { terminationGracePeriodSeconds: 60, containers: [{ name: 'c', image: 'nginx:1.27' }, { name: 'd', image: 'busybox:1.36', command: ['sleep', '3600'], lifecycle: { preStop: { sleep: { seconds: 5 } } } }] },
      { 'sim.kubesim.dev/shutdown-seconds': '40' },
    );
    const { control, restored, expected, actual } = compare([slow], 50, 40, [{ at: 30, run: (c) => c.store.delete('Pod', 'default', 'slow') }]);
    assert.deepEqual(actual, expected);
    assert.ok(actual.includes('75000 slow: removed pod object'), actual.join('\n'));
    assert.equal(restored.store.get('Pod', 'default', 'slow'), undefined);
    assert.equal(control.store.get('Pod', 'default', 'slow'), undefined);
    assert.deepEqual(eventsAfter(restored, 'slow', restored.clock.startedAt + 50_000, ['Killing']), []);
  });

  it('a pod past its activeDeadlineSeconds still stopping at the save ends as it would have', () => {
    const deadline = pod('deadline', { activeDeadlineSeconds: 20, containers: [{ name: 'c', image: 'nginx:1.27' }] }, { 'sim.kubesim.dev/shutdown-seconds': '20' });
    const { expected, actual } = compare([deadline], 30, 30);
    assert.deepEqual(actual, expected);
    assert.ok(actual.some((d) => d.includes('deadline: container c exited')), actual.join('\n'));
  });

  it('activeDeadlineSeconds still counts from when the pod started on the node', () => {
    const deadline = pod('deadline', { activeDeadlineSeconds: 45, containers: [{ name: 'c', image: 'nginx:1.27' }] });
    // Created between two seconds: its startTime shows the whole second only.
    const { expected, actual } = compare([], 30, 30, [{ at: 7.6, run: (c) => c.store.create(deadline) }]);
    assert.ok(expected.some((d) => d.startsWith('52600 deadline: pod failed')), expected.join('\n'));
    assert.ok(expected.some((d) => d.includes('deadline: pod failed: DeadlineExceeded')), expected.join('\n'));
    assert.deepEqual(actual, expected);
  });

  it('init containers, a sidecar and an OnFailure app container that fails now and then', () => {
    const withInit = pod('with-init', {
      restartPolicy: 'OnFailure',
      initContainers: [
        { name: 'setup', image: 'busybox:1.36', command: ['sleep', '5'] },
        { name: 'side', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'sleep 3600'] },
      ],
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 40; exit 3'] }],
    });
    const { restored, rewritten, expected, actual } = compare([withInit], 100, 200);
    assert.deepEqual(rewritten, []);
    assert.deepEqual(actual, expected);
    const status = restored.store.get<Pod>('Pod', 'default', 'with-init')!.status!;
    assert.equal(status.initContainerStatuses![0].state?.terminated?.reason, 'Completed');
    assert.ok(status.initContainerStatuses![1].ready, 'the sidecar is ready');
  });

  it('a container waiting for a ConfigMap keeps retrying and starts when it appears', () => {
    const cfg = pod('cfg', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '1000'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'later', key: 'x' } } }] }] });
    const { restored, expected, actual } = compare([cfg], 30, 60, [], [{ at: 55, run: (c) => c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later', namespace: 'default' }, data: { x: '1' } }) }]);
    assert.deepEqual(actual, expected);
    assert.ok(actual.some((d) => d.startsWith('55000 cfg: started container c')), actual.join('\n'));
    assert.deepEqual(eventsAfter(restored, 'cfg', restored.clock.startedAt + 30_000, ['Pulling']), [], 'the image was already on the node');
  });

  it('image pull back-off continues at the step it had reached, and a pull under way finishes on time', () => {
    const bad = pod('bad', { containers: [{ name: 'c', image: 'nginx:does-not-exist-9' }] });
    const slowPull = pod('slow-pull', { nodeName: 'node-1', containers: [{ name: 'c', image: 'redis:7.2' }] }, { 'sim.kubesim.dev/pull-seconds': '12' });
    const { restored, expected, actual } = compare([bad], 100, 400, [{ at: 95, run: (c) => c.store.create(slowPull) }]);
    assert.ok(expected.filter((d) => d.includes('bad: image pull failed')).length >= 2, expected.join('\n'));
    assert.deepEqual(actual, expected);
    assert.equal(eventsAfter(restored, 'slow-pull', restored.clock.startedAt + 100_000, ['Pulling']).length, 0, 'the pull under way is not started again');
  });

  it('a completed pod keeps its terminated containers; its image stays on the node', () => {
    const done = pod('done', { restartPolicy: 'Never', nodeName: 'node-2', containers: [{ name: 'c', image: 'alpine:3.19', command: ['sleep', '10'] }] });
    const { control, restored, rewritten } = compare([done], 60, 10);
    assert.deepEqual(rewritten, []);
    assert.equal(restored.store.get<Pod>('Pod', 'default', 'done')!.status!.phase, 'Succeeded');
    assert.ok(restored.kubelets.nodeImages('node-2').includes('docker.io/library/alpine:3.19'));
    assert.equal(restored.kubelets.podCount('node-2'), control.kubelets.podCount('node-2'));
    // Its log is still there to read, as it was.
    assert.deepEqual(restored.kubelets.logs('default', 'done'), control.kubelets.logs('default', 'done'));
    assert.match(restored.kubelets.logs('default', 'done').at(-1)!, /exited with code 0 \(Completed\) after 10s/);
  });

  it('a kubelet that was down at the save adopts its pods when it comes back', () => {
    const crash = pod('crash', { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 7; exit 1'] }] });
    const web = pod('web', { nodeName: 'node-1', containers: [{ name: 'w', image: 'nginx:1.27' }] });
    const { restored, expected, actual } = compare([crash, web], 100, 200, [{ at: 50, run: (c) => c.kubelets.stopNode('node-1') }], [{ at: 150, run: (c) => c.kubelets.startNode('node-1') }]);
    assert.ok(!restored.kubelets.isStopped('node-1'));
    assert.ok(actual.some((d) => d.startsWith('150000 crash: restarted container c')), actual.join('\n'));
    assert.deepEqual(actual, expected);
    assert.deepEqual(eventsAfter(restored, 'web', restored.clock.startedAt + 100_000, ['Pulling', 'Created', 'Started']), []);
  });

  it('a fresh sidecar without a readiness probe is ready as soon as it starts', () => {
    const c = new Cluster({ nodes: 1, seed: SEED });
    c.store.create(pod('p', { initContainers: [{ name: 'side', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sleep', '3600'] }], containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.advance(20_000);
    const status = c.store.get<Pod>('Pod', 'default', 'p')!.status!;
    assert.equal(status.initContainerStatuses![0].ready, true);
    assert.equal(status.conditions!.find((x) => x.type === 'Ready')!.status, 'True');
  });
});
