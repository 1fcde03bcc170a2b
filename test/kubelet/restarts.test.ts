import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../src/api/types.js';
import { MiniCluster } from '../helpers/miniCluster.js';

/** Start times and finish times of each container instance, in seconds since the cluster started. */
function watchRuns(c: MiniCluster, name: string) {
  const starts: number[] = [];
  const exits: number[] = [];
  const backoffs: string[] = [];
  c.store.watch({ kind: 'Pod' }, (e) => {
    const pod = e.object as Pod;
    if (pod.metadata.name !== name || e.type === 'DELETED') return;
    const before = (e.old as Pod | undefined)?.status?.containerStatuses?.[0];
    const cs = pod.status?.containerStatuses?.[0];
    if (cs?.state?.running && !before?.state?.running) starts.push(c.seconds);
    if (cs?.state?.terminated && !before?.state?.terminated) exits.push(c.seconds);
    const msg = cs?.state?.waiting?.reason === 'CrashLoopBackOff' ? cs.state.waiting.message! : undefined;
    if (msg && msg !== before?.state?.waiting?.message) backoffs.push(msg);
  });
  return { starts, exits, backoffs };
}

describe('crash loop back-off', () => {
  it('restarts at once the first time, then backs off 10s, 20s, 40s, 80s, 160s, 300s, 300s', () => {
    const c = new MiniCluster();
    const runs = watchRuns(c, 'crash');
    const pod = c.createPod({ name: 'crash', spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] } });
    c.run(1300_000);
    const uid = pod.metadata.uid;
    const delays = runs.backoffs.map((m) => /^back-off (\S+) restarting failed container=app pod=crash_default\(/.exec(m)![1]);
    assert.deepEqual(delays.slice(0, 7), ['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s']);
    assert.equal(runs.backoffs[0], `back-off 10s restarting failed container=app pod=crash_default(${uid})`);
    // Gaps between an exit and the next start: PLEG's second, then the back-off itself.
    const gaps = runs.starts.slice(1).map((s, i) => Math.round(s - runs.exits[i]));
    assert.deepEqual(gaps.slice(0, 8), [1, 10, 20, 40, 80, 160, 300, 300]);
    const cs = c.mustPod('crash').status!.containerStatuses![0];
    assert.equal(cs.lastState!.terminated!.exitCode, 1);
    assert.equal(cs.lastState!.terminated!.reason, 'Error');
    assert.ok(cs.restartCount >= 8);
    assert.ok(c.eventsFor('crash').includes(`BackOff: Back-off restarting failed container app in pod crash_default(${uid})`));
    assert.equal(c.eventObjects('crash').find((e) => e.reason === 'BackOff')!.type, 'Warning');
  });

  it('kubectl shows Error, then CrashLoopBackOff, and the phase stays Running', () => {
    const c = new MiniCluster();
    const moments = c.recordMoments('crash');
    c.createPod({ name: 'crash', spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['false'] }] } });
    c.run(40_000);
    const statuses = moments.map((m) => m.status);
    assert.deepEqual(statuses.slice(0, 7), ['Pending', 'ContainerCreating', 'Running', 'Error', 'Running', 'Error', 'CrashLoopBackOff']);
    assert.ok(moments.slice(2).every((m) => m.phase === 'Running'));
  });

  it('forgets the back-off after a run of more than 10 minutes', () => {
    const c = new MiniCluster();
    const runs = watchRuns(c, 'slow');
    c.createPod({ name: 'slow', annotations: { 'sim.kubesim.dev/crash-after': '0s' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    c.run(60_000);
    assert.deepEqual(runs.backoffs.map((m) => m.split(' ')[1]), ['10s', '20s', '40s']);
    // From now on each instance runs 11 minutes before it crashes.
    c.store.modify<Pod>('Pod', 'default', 'slow', (p) => {
      p.metadata.annotations!['sim.kubesim.dev/crash-after'] = '11m';
    });
    c.run(2 * 3600_000);
    const later = runs.backoffs.slice(3);
    assert.deepEqual(later, [], 'no CrashLoopBackOff once runs outlast the 10 minute expiry');
    const gaps = runs.starts.slice(1).map((s, i) => Math.round(s - runs.exits[i]));
    assert.deepEqual(gaps.slice(-3), [1, 1, 1]);
  });
});

describe('restartPolicy', () => {
  it('Never: a failed container stays down and the pod fails', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'once', spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 5; exit 3'] }] } });
    c.run(30_000);
    const status = c.mustPod('once').status!;
    assert.equal(status.phase, 'Failed');
    assert.deepEqual([status.containerStatuses![0].state!.terminated!.exitCode, status.containerStatuses![0].state!.terminated!.reason], [3, 'Error']);
    assert.equal(status.containerStatuses![0].restartCount, 0);
    const ready = status.conditions!.find((x) => x.type === 'Ready')!;
    assert.deepEqual([ready.status, ready.reason], ['False', 'PodFailed']);
    assert.equal(c.statusOf('once'), 'Error');
  });

  it('OnFailure: restarts failures, and a success completes the pod', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'job', spec: { restartPolicy: 'OnFailure', containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 2; exit 1'] }] } });
    c.run(30_000);
    assert.equal(c.mustPod('job').status!.phase, 'Running');
    assert.ok(c.mustPod('job').status!.containerStatuses![0].restartCount >= 2);
    c.createPod({ name: 'ok', spec: { restartPolicy: 'OnFailure', containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo working; sleep 3'] }] } });
    c.run(30_000);
    const status = c.mustPod('ok').status!;
    assert.equal(status.phase, 'Succeeded');
    assert.equal(c.statusOf('ok'), 'Completed');
    const ready = status.conditions!.find((x) => x.type === 'Ready')!;
    assert.deepEqual([ready.status, ready.reason], ['False', 'PodCompleted']);
    assert.equal(status.conditions!.find((x) => x.type === 'PodReadyToStartContainers')!.status, 'False');
  });

  it('Always: a container that exits 0 is restarted too (Completed, then CrashLoopBackOff)', () => {
    const c = new MiniCluster();
    const moments = c.recordMoments('done');
    c.createPod({ name: 'done', spec: { containers: [{ name: 'app', image: 'busybox' }] } });
    c.run(30_000);
    assert.ok(moments.some((m) => m.status === 'Completed'));
    assert.equal(c.statusOf('done'), 'CrashLoopBackOff');
    assert.equal(c.mustPod('done').status!.containerStatuses![0].lastState!.terminated!.reason, 'Completed');
  });

  it('the Kubernetes docs pi Job: pulls perl, runs about 10s and succeeds with pi in the log', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'pi-x7k2q', spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } });
    c.run(60_000);
    const status = c.mustPod('pi-x7k2q').status!;
    assert.equal(status.phase, 'Succeeded');
    const t = status.containerStatuses![0].state!.terminated!;
    assert.equal(Date.parse(t.finishedAt!) - Date.parse(t.startedAt!), 10_000);
    const log = c.kubelets.logs('default', 'pi-x7k2q', 'pi');
    assert.ok(log.some((l) => l.startsWith('3.14159265358979') && l.length === 2001));
  });

  it('a crash injected as a fault ends the container with the given code; it restarts', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(10_000);
    assert.equal(c.kubelets.crashContainer('default', 'web', 'web', 137), true);
    c.run(5000);
    const cs = c.mustPod('web').status!.containerStatuses![0];
    assert.equal(cs.restartCount, 1);
    assert.deepEqual([cs.lastState!.terminated!.exitCode, cs.lastState!.terminated!.reason], [137, 'Error']);
    assert.equal(c.kubelets.crashContainer('default', 'nope', 'web'), false);
  });

  it('exit-code sets the code of run-for, and a bad annotation is reported and ignored', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'job', annotations: { 'sim.kubesim.dev/run-for': '20s', 'sim.kubesim.dev/exit-code': '4', 'sim.kubesim.dev/crash-after': 'soon' }, spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    c.run(40_000);
    const t = c.mustPod('job').status!.containerStatuses![0].state!.terminated!;
    assert.deepEqual([t.exitCode, t.reason], [4, 'Error']);
    assert.equal(Date.parse(t.finishedAt!) - Date.parse(t.startedAt!), 20_000);
    assert.match(c.decisionsFor('job')[0], /^ignoring annotation sim\.kubesim\.dev\/crash-after \| node-1: sim\.kubesim\.dev\/crash-after: invalid duration "soon"/);
  });
});
