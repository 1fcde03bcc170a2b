import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../src/api/types.js';
import { MiniCluster } from '../helpers/miniCluster.js';

function deletedAfter(c: MiniCluster, name: string): () => number | undefined {
  let at: number | undefined;
  c.store.watch({ kind: 'Pod' }, (e) => {
    if (e.type === 'DELETED' && e.object.metadata.name === name) at = c.seconds;
  });
  return () => at;
}

describe('termination', () => {
  it('stops the containers gracefully and removes the pod object', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(10_000);
    const gone = deletedAfter(c, 'web');
    const asked = c.seconds;
    c.store.delete('Pod', 'default', 'web');
    assert.equal(c.statusOf('web'), 'Terminating');
    c.run(40_000);
    assert.equal(c.pod('web'), undefined);
    const took = gone()! - asked;
    assert.ok(took >= 1 && took <= 2, `took ${took}s (nginx stops in a second or two)`);
    assert.ok(c.eventsFor('web').includes('Killing: Stopping container web'));
    assert.match(c.decisionsFor('web').at(-1)!, /^removed pod object \| node-1: all containers stopped 1\.\d+s after the deletion request \(grace period 30s\)$/);
  });

  it('a container slower than the grace period is killed when it runs out', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'slow', annotations: { 'sim.kubesim.dev/shutdown-seconds': '60' }, spec: { terminationGracePeriodSeconds: 10, containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    c.run(10_000);
    const gone = deletedAfter(c, 'slow');
    const statuses: number[] = [];
    c.store.watch({ kind: 'Pod' }, (e) => {
      const t = (e.object as Pod).status?.containerStatuses?.[0]?.state?.terminated;
      if (t && e.type !== 'DELETED') statuses.push(t.exitCode);
    });
    const asked = c.seconds;
    c.store.delete('Pod', 'default', 'slow');
    c.run(5000);
    assert.ok(c.pod('slow'), 'still terminating within the grace period');
    c.run(30_000);
    assert.equal(gone()! - asked, 10);
    assert.deepEqual(statuses, [137]);
  });

  it('shutdown-seconds shorter than the grace period holds the pod that long', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'drain', annotations: { 'sim.kubesim.dev/shutdown-seconds': '8' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    c.run(10_000);
    const gone = deletedAfter(c, 'drain');
    const asked = c.seconds;
    c.store.delete('Pod', 'default', 'drain');
    c.run(30_000);
    assert.equal(gone()! - asked, 8);
  });

  it('a preStop sleep counts toward the stop', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'hook', annotations: { 'sim.kubesim.dev/shutdown-seconds': '1' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } } }] } });
    c.run(10_000);
    const gone = deletedAfter(c, 'hook');
    const asked = c.seconds;
    c.store.delete('Pod', 'default', 'hook');
    c.run(30_000);
    assert.equal(gone()! - asked, 6);
  });

  it('activeDeadlineSeconds fails the pod with DeadlineExceeded', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'job', spec: { activeDeadlineSeconds: 30, restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
    c.run(60_000);
    const status = c.mustPod('job').status!;
    assert.deepEqual([status.phase, status.reason, status.message], ['Failed', 'DeadlineExceeded', 'Pod was active on the node longer than the specified deadline']);
    assert.ok(status.containerStatuses![0].state!.terminated);
    assert.ok(c.eventsFor('job').includes('DeadlineExceeded: Pod was active on the node longer than the specified deadline'));
  });
});

describe('kubelet admission', () => {
  it('rejects a pod bound to a node without room: OutOfcpu with the numbers', () => {
    const c = new MiniCluster({ nodes: [{ name: 'node-1', cpu: '4' }] });
    c.createPod({ name: 'big', spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '3500m' } } }] } });
    c.run(5000);
    c.createPod({ name: 'more', spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '2' } } }] } });
    c.run(5000);
    const status = c.mustPod('more').status!;
    assert.deepEqual([status.phase, status.reason, status.message], ['Failed', 'OutOfcpu', "Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3500, capacity: 4000"]);
    assert.deepEqual(c.eventsFor('more'), ["OutOfcpu: Node didn't have enough resource: cpu, requested: 2000, used: 3500, capacity: 4000"]);
    assert.equal(c.statusOf('more'), 'OutOfcpu');
    assert.equal(c.statusOf('big'), 'Running');
  });

  it('a finished pod gives its room back', () => {
    const c = new MiniCluster({ nodes: [{ name: 'node-1', cpu: '1' }] });
    c.createPod({ name: 'a', spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '5'], resources: { requests: { cpu: '800m' } } }] } });
    c.run(20_000);
    assert.equal(c.statusOf('a'), 'Completed');
    c.createPod({ name: 'b', spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '800m' } } }] } });
    c.run(10_000);
    assert.equal(c.statusOf('b'), 'Running');
  });
});

describe('a node whose kubelet stops', () => {
  it('stops heartbeats, freezes pod status, and finishes pending deletions when it comes back', () => {
    const c = new MiniCluster({ nodes: 2 });
    c.createPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.createPod({ name: 'short', spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '60'] }] } });
    c.run(10_000);
    const renewals: string[] = [];
    c.store.watch({ kind: 'Lease' }, (e) => {
      if (e.object.metadata.name === 'node-1') renewals.push(c.seconds.toFixed(0));
    });
    c.kubelets.stopNode('node-1');
    assert.equal(c.kubelets.isStopped('node-1'), true);
    c.store.delete('Pod', 'default', 'web');
    c.run(120_000);
    assert.deepEqual(renewals, []);
    assert.equal(c.statusOf('web'), 'Terminating', 'nobody confirms the stop');
    assert.equal(c.mustPod('short').status!.phase, 'Running', 'the last reported status stays');
    c.kubelets.startNode('node-1');
    c.run(15_000);
    assert.equal(c.pod('web'), undefined);
    assert.equal(c.mustPod('short').status!.phase, 'Succeeded', 'its sleep ended while the kubelet was away');
    assert.ok(renewals.length >= 1);
    // The second "Starting kubelet." folds into the first event as a count.
    assert.equal(c.eventObjects('node-1', 'Node').find((e) => e.reason === 'Starting')!.count, 2);
    assert.ok(c.decisions.query({ component: 'kubelet' }).some((d) => d.object.name === 'node-1' && d.action === 'kubelet stopped'));
  });
});
