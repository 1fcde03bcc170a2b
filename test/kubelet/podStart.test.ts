import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Lease, Node } from '../../src/api/types.js';
import { MiniCluster } from '../helpers/miniCluster.js';

const PULLED = /^Pulled: Successfully pulled image "nginx:1\.27" in (\d+(?:\.\d+)?m?s) \((\d+(?:\.\d+)?m?s) including waiting\)\. Image size: 72188133 bytes\.$/;

describe('a pod starting on its node', () => {
  it('pulls, creates and starts the container with the kubelet events, word for word', () => {
    const c = new MiniCluster();
    const moments = c.recordMoments('web');
    c.createPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] } });
    c.run(10_000);
    const events = c.eventsFor('web');
    assert.equal(events.length, 4);
    assert.equal(events[0], 'Pulling: Pulling image "nginx:1.27"');
    const m = PULLED.exec(events[1]);
    assert.ok(m, events[1]);
    assert.equal(m[1], m[2], 'nothing else was being pulled');
    assert.deepEqual(events.slice(2), ['Created: Created container: web', 'Started: Started container web']);
    const ev = c.eventObjects('web')[0];
    assert.deepEqual(ev.source, { component: 'kubelet', host: 'node-1' });
    assert.equal(ev.involvedObject.fieldPath, 'spec.containers{web}');
    assert.deepEqual(moments.map((x) => x.status), ['Pending', 'ContainerCreating', 'Running']);
  });

  it('reports phase, conditions in API order, IPs, start time and QoS', () => {
    const c = new MiniCluster({ nodes: 2 });
    c.createPod({ name: 'web', node: 'node-2', spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] } });
    c.run(10_000);
    const status = c.mustPod('web').status!;
    assert.equal(status.phase, 'Running');
    assert.deepEqual(status.conditions!.map((x) => [x.type, x.status]), [
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    assert.equal(status.hostIP, '192.168.49.3');
    assert.match(status.podIP!, /^10\.244\.1\.\d+$/);
    assert.deepEqual(status.podIPs, [{ ip: status.podIP }]);
    assert.equal(status.startTime, '2026-01-01T00:00:00Z');
    assert.equal(status.qosClass, 'Guaranteed');
    const cs = status.containerStatuses![0];
    assert.equal(cs.ready, true);
    assert.equal(cs.started, true);
    assert.equal(cs.restartCount, 0);
    assert.equal(cs.image, 'docker.io/library/nginx:1.27');
    assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.match(cs.containerID!, /^containerd:\/\/[0-9a-f]{64}$/);
    assert.ok(cs.state?.running?.startedAt);
  });

  it('waiting containers say ContainerCreating and the pod is not ready while pulling', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(1500);
    const status = c.mustPod('web').status!;
    assert.equal(status.phase, 'Pending');
    assert.deepEqual(status.containerStatuses![0].state, { waiting: { reason: 'ContainerCreating' } });
    const ready = status.conditions!.find((x) => x.type === 'Ready')!;
    assert.deepEqual([ready.status, ready.reason, ready.message], ['False', 'ContainersNotReady', 'containers with unready status: [web]']);
  });

  it('a second pod finds the image already present (IfNotPresent) and one that asks Always pulls again', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'a', spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(10_000);
    c.createPod({ name: 'b', spec: { containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] } });
    c.createPod({ name: 'd', spec: { containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'Always' }] } });
    c.run(10_000);
    assert.deepEqual(c.eventsFor('b'), ['Pulled: Container image "nginx:1.27" already present on machine', 'Created: Created container: web', 'Started: Started container web']);
    assert.equal(c.eventsFor('d')[0], 'Pulling: Pulling image "nginx:1.27"');
    // Only the manifest is checked: well under a second.
    assert.match(c.eventsFor('d')[1], /^Pulled: Successfully pulled image "nginx:1\.27" in \d+ms \(\d+ms including waiting\)/);
    assert.equal(c.statusOf('b'), 'Running');
  });

  it('pulls one image at a time per node: the second pull waits for the first', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'a', spec: { containers: [{ name: 'db', image: 'mysql:8.4', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'pw' }] }] } });
    c.createPod({ name: 'b', spec: { containers: [{ name: 'cache', image: 'redis:7.4' }] } });
    c.run(20_000);
    const pulled = c.eventsFor('b').find((e) => e.startsWith('Pulled'))!;
    const m = /in ([\d.]+)s \(([\d.]+)s including waiting\)/.exec(pulled);
    assert.ok(m, pulled);
    assert.ok(Number(m[2]) > Number(m[1]) + 4, `waited for mysql's pull: ${pulled}`);
    assert.deepEqual(c.kubelets.nodeImages('node-1'), ['docker.io/library/mysql:8.4', 'docker.io/library/redis:7.4']);
  });

  it('records a decision with the node for each step', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(10_000);
    const d = c.decisionsFor('web');
    assert.match(d[0], /^pulling image nginx:1\.27 for container web \| node-1: not on the node yet \(policy IfNotPresent\); 72188133 bytes/);
    assert.match(d[1], /^pulled image nginx:1\.27 for container web \| node-1: /);
    assert.equal(d[2], 'started container web | node-1: runs until stopped (nginx server)');
  });
});

describe('node heartbeats', () => {
  it('renews the Lease every 10s and reports images in the node status', () => {
    const c = new MiniCluster();
    const lease = () => c.store.get<Lease>('Lease', 'kube-node-lease', 'node-1')!;
    assert.equal(lease().spec!.holderIdentity, 'node-1');
    assert.equal(lease().spec!.leaseDurationSeconds, 40);
    assert.equal(lease().spec!.renewTime, '2026-01-01T00:00:00.000000Z');
    const renewals: string[] = [];
    c.store.watch({ kind: 'Lease' }, (e) => renewals.push((e.object as Lease).spec!.renewTime!));
    c.run(60_000);
    const seconds = renewals.map((r) => Number(r.slice(17, 19)) + 60 * Number(r.slice(14, 16)));
    assert.equal(seconds.length, 6);
    for (let i = 1; i < seconds.length; i++) assert.equal(seconds[i] - seconds[i - 1], 10);
    c.createPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(20_000);
    const node = c.store.get<Node>('Node', undefined, 'node-1')!;
    assert.deepEqual(node.status!.images![0].names!.slice(1), ['docker.io/library/nginx:1.27']);
    assert.equal(node.status!.images![0].sizeBytes, 72188133);
  });

  it('posts the Ready heartbeat every 5 minutes when nothing changes', () => {
    const c = new MiniCluster();
    const beats: string[] = [];
    c.store.watch({ kind: 'Node' }, (e) => beats.push((e.object as Node).status!.conditions!.find((x) => x.type === 'Ready')!.lastHeartbeatTime!));
    c.run(11 * 60_000);
    assert.equal(beats.length, 2);
    const ready = c.store.get<Node>('Node', undefined, 'node-1')!.status!.conditions!.find((x) => x.type === 'Ready')!;
    assert.deepEqual([ready.status, ready.reason, ready.message], ['True', 'KubeletReady', 'kubelet is posting ready status']);
  });

  it('posts the node events when the kubelet starts', () => {
    const c = new MiniCluster();
    assert.deepEqual(c.eventsFor('node-1', 'Node'), [
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node node-1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node node-1 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node node-1 status is now: NodeReady',
    ]);
  });
});
