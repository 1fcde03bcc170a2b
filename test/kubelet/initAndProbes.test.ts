import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MiniCluster } from '../helpers/miniCluster.js';

describe('init containers', () => {
  it('run one after another before the app: Init:0/2, Init:1/2, PodInitializing, Running', () => {
    const c = new MiniCluster();
    const moments = c.recordMoments('web');
    c.createPod({
      name: 'web',
      spec: {
        initContainers: [
          { name: 'init-schema', image: 'busybox:1.36', command: ['sh', '-c', 'echo migrating; sleep 5'] },
          { name: 'init-cache', image: 'busybox:1.36', command: ['sleep', '3'] },
        ],
        containers: [{ name: 'web', image: 'nginx:1.27' }],
      },
    });
    c.run(30_000);
    const statuses = moments.map((m) => m.status);
    assert.deepEqual(statuses, ['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    const pod = c.mustPod('web');
    const init = pod.status!.initContainerStatuses!;
    assert.deepEqual(init.map((s) => [s.name, s.state!.terminated!.exitCode, s.state!.terminated!.reason]), [['init-schema', 0, 'Completed'], ['init-cache', 0, 'Completed']]);
    const schemaEnd = Date.parse(init[0].state!.terminated!.finishedAt!);
    const cacheStart = Date.parse(init[1].state!.terminated!.startedAt!);
    assert.ok(cacheStart >= schemaEnd, 'the second starts after the first finished');
    const initialized = pod.status!.conditions!.find((x) => x.type === 'Initialized')!;
    assert.equal(initialized.status, 'True');
    assert.ok(c.kubelets.logs('default', 'web', 'init-schema').includes('migrating'));
  });

  it('while they run, Initialized is False with the incomplete ones listed and app containers wait PodInitializing', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'web', spec: { initContainers: [{ name: 'a', image: 'busybox:1.36', command: ['sleep', '60'] }, { name: 'b', image: 'busybox:1.36', command: ['true'] }], containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(10_000);
    const status = c.mustPod('web').status!;
    const initialized = status.conditions!.find((x) => x.type === 'Initialized')!;
    assert.deepEqual([initialized.status, initialized.reason, initialized.message], ['False', 'ContainersNotInitialized', 'containers with incomplete status: [a b]']);
    assert.deepEqual(status.containerStatuses![0].state, { waiting: { reason: 'PodInitializing' } });
    assert.equal(status.phase, 'Pending');
  });

  it('a failing init container with restartPolicy Never fails the pod (Init:Error)', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'job', spec: { restartPolicy: 'Never', initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', 'exit 2'] }], containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }] } });
    c.run(20_000);
    assert.equal(c.mustPod('job').status!.phase, 'Failed');
    assert.equal(c.statusOf('job'), 'Init:Error');
  });

  it('a failing init container is retried with back-off otherwise (Init:CrashLoopBackOff)', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'web', spec: { initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['false'] }], containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(30_000);
    assert.equal(c.statusOf('web'), 'Init:CrashLoopBackOff');
    assert.equal(c.mustPod('web').status!.phase, 'Pending');
  });

  it('a sidecar (restartPolicy Always init container) runs beside the app and is stopped when a Job pod completes', () => {
    const c = new MiniCluster();
    c.createPod({
      name: 'job',
      spec: {
        restartPolicy: 'Never',
        initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31', restartPolicy: 'Always' } as never],
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '20'] }],
      },
    });
    c.run(10_000);
    assert.equal(c.mustPod('job').status!.phase, 'Running');
    assert.equal(c.mustPod('job').status!.initContainerStatuses![0].state!.running !== undefined, true);
    c.run(30_000);
    const status = c.mustPod('job').status!;
    assert.equal(status.phase, 'Succeeded');
    assert.ok(status.initContainerStatuses![0].state!.terminated);
    assert.ok(c.eventsFor('job').includes('Killing: Stopping container proxy'));
  });
});

describe('probes', () => {
  it('a failing liveness probe kills and restarts the container', () => {
    const c = new MiniCluster();
    const pod = c.createPod({
      name: 'web',
      annotations: { 'sim.kubesim.dev/liveness': 'fail-after 1m' },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10, failureThreshold: 3 } }] },
    });
    c.run(200_000);
    const events = c.eventsFor('web');
    assert.ok(events.includes('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500'), events.join('\n'));
    assert.ok(events.includes('Killing: Container web failed liveness probe, will be restarted'));
    const cs = c.mustPod('web').status!.containerStatuses![0];
    assert.ok(cs.restartCount >= 1);
    const last = cs.lastState!.terminated!;
    // Failures at 60s, 70s, 80s after start; killed at the third; nginx stops gracefully in 1–2s.
    const ran = (Date.parse(last.finishedAt!) - Date.parse(last.startedAt!)) / 1000;
    assert.ok(ran >= 80 && ran <= 82, `ran ${ran}s`);
    assert.deepEqual([last.exitCode, last.reason], [0, 'Completed']);
    assert.equal(c.eventObjects('web').find((e) => e.reason === 'Unhealthy')!.type, 'Warning');
    void pod;
  });

  it('under OnFailure a container killed by its liveness probe restarts even though it exited 0', () => {
    const c = new MiniCluster();
    c.createPod({
      name: 'web',
      annotations: { 'sim.kubesim.dev/liveness': 'fail' },
      spec: { restartPolicy: 'OnFailure', containers: [{ name: 'web', image: 'nginx:1.27', livenessProbe: { tcpSocket: { port: 80 } } }] },
    });
    c.run(60_000);
    const cs = c.mustPod('web').status!.containerStatuses![0];
    assert.equal(cs.lastState!.terminated!.exitCode, 0);
    assert.ok(cs.restartCount >= 1);
    assert.ok(c.eventsFor('web').includes('Unhealthy: Liveness probe failed: dial tcp ' + c.mustPod('web').status!.podIP + ':80: connect: connection refused'));
  });

  it('a failing readiness probe makes the pod NotReady without restarting it', () => {
    const c = new MiniCluster();
    c.createPod({
      name: 'web',
      annotations: { 'sim.kubesim.dev/readiness': 'fail' },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 } } }] },
    });
    c.run(120_000);
    const status = c.mustPod('web').status!;
    assert.equal(status.phase, 'Running');
    assert.equal(status.containerStatuses![0].restartCount, 0);
    assert.equal(status.containerStatuses![0].ready, false);
    const ready = status.conditions!.find((x) => x.type === 'Ready')!;
    assert.deepEqual([ready.status, ready.reason, ready.message], ['False', 'ContainersNotReady', 'containers with unready status: [web]']);
    const unhealthy = c.eventObjects('web').find((e) => e.reason === 'Unhealthy')!;
    assert.equal(unhealthy.message, 'Readiness probe failed: HTTP probe failed with statuscode: 503');
    assert.ok(unhealthy.count! >= 10, 'one event per failed probe, folded into a count');
    assert.ok(!c.eventsFor('web').some((e) => e.startsWith('Killing')));
    assert.equal(c.statusOf('web'), 'Running');
  });

  it('ready-after: connection refused until the app answers, then Ready', () => {
    const c = new MiniCluster();
    const moments = c.recordMoments('web');
    c.createPod({ name: 'web', annotations: { 'sim.kubesim.dev/ready-after': '25s' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 } }] } });
    c.run(60_000);
    const running = moments.find((m) => m.status === 'Running')!;
    const ready = moments.find((m) => m.ready)!;
    // Probes every 5s from the start: the first one at or after 25s succeeds.
    assert.equal(Math.round(ready.t - running.t), 25);
    assert.match(c.eventsFor('web').find((e) => e.startsWith('Unhealthy'))!, /^Unhealthy: Readiness probe failed: dial tcp 10\.244\.0\.\d+:80: connect: connection refused$/);
  });

  it('without a readiness probe, ready-after still holds readiness back', () => {
    const c = new MiniCluster();
    const moments = c.recordMoments('web');
    c.createPod({ name: 'web', annotations: { 'sim.kubesim.dev/ready-after': '20s' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(60_000);
    const running = moments.find((m) => m.status === 'Running')!;
    const ready = moments.find((m) => m.ready)!;
    assert.equal(Math.round(ready.t - running.t), 20);
  });

  it('the liveness exec example from the Kubernetes docs: the file goes away and the container is restarted', () => {
    const c = new MiniCluster();
    c.createPod({
      name: 'liveness-exec',
      spec: {
        containers: [
          {
            name: 'liveness',
            image: 'registry.k8s.io/busybox:1.27.2',
            args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
            livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
          },
        ],
      },
    });
    c.run(120_000);
    const events = c.eventsFor('liveness-exec');
    assert.ok(events.includes("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"), events.join('\n'));
    assert.ok(events.includes('Killing: Container liveness failed liveness probe, will be restarted'));
    const last = c.mustPod('liveness-exec').status!.containerStatuses![0].lastState!.terminated!;
    // The file is gone from 30s: probes fail at 30s, 35s, 40s; killed at 40s, gone after its shutdown.
    const ran = (Date.parse(last.finishedAt!) - Date.parse(last.startedAt!)) / 1000;
    assert.ok(ran >= 40 && ran <= 42, `ran ${ran}s`);
    assert.deepEqual([last.exitCode, last.reason], [143, 'Error']);
  });

  it('a startup probe holds liveness back until it succeeds', () => {
    const c = new MiniCluster();
    c.createPod({
      name: 'slow',
      annotations: { 'sim.kubesim.dev/ready-after': '45s' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx:1.27',
            startupProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 10 },
            livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 3 },
          },
        ],
      },
    });
    c.run(120_000);
    const cs = c.mustPod('slow').status!.containerStatuses![0];
    assert.equal(cs.restartCount, 0, 'liveness alone would have killed it at 20s');
    assert.equal(cs.started, true);
    assert.equal(cs.ready, true);
    assert.ok(c.eventsFor('slow').some((e) => e.startsWith('Unhealthy: Startup probe failed: Get "http://10.244.0.')));
  });

  it('without a startup probe, a slow start is killed by liveness (the classic mistake)', () => {
    const c = new MiniCluster();
    c.createPod({
      name: 'slow',
      annotations: { 'sim.kubesim.dev/ready-after': '45s' },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 3 } }] },
    });
    c.run(60_000);
    assert.ok(c.mustPod('slow').status!.containerStatuses![0].restartCount >= 1);
  });
});
