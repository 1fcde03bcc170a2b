import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isApiError } from '../../src/api/errors.js';
import { MiniCluster } from '../helpers/miniCluster.js';

const counter = { name: 'count', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "$i: tick"; i=$((i+1)); sleep 1; done'] };

describe('container logs', () => {
  it('nginx prints its start-up lines, and each HTTP probe leaves an access-log line', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'web', spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }] } });
    c.run(60_000);
    const log = c.kubelets.logs('default', 'web');
    assert.match(log[0], /^\[kubesim\] container web started \(docker\.io\/library\/nginx:1\.27\): runs until stopped \(nginx server\)$/);
    assert.ok(log.includes('/docker-entrypoint.sh: Configuration complete; ready for start up'));
    assert.ok(log.some((l) => /^2026\/01\/01 00:00:0\d \[notice\] 1#1: nginx\/1\.27\.3$/.test(l)));
    const access = log.filter((l) => l.includes('kube-probe'));
    assert.ok(access.length >= 5);
    assert.match(access[0], /^10\.244\.0\.1 - - \[01\/Jan\/2026:00:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.33" "-"$/);
  });

  it('a script prints as it runs; tail and since cut the lines', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'counter', spec: { containers: [counter] } });
    c.run(3600_000);
    const all = c.kubelets.logs('default', 'counter');
    assert.ok(all.length <= 2000, 'bounded');
    assert.equal(c.kubelets.logs('default', 'counter', 'count', { tailLines: 3 }).length, 3);
    const tail = c.kubelets.logs('default', 'counter', 'count', { tailLines: 2 });
    const n = Number(tail[1].split(':')[0]);
    assert.equal(tail[0], `${n - 1}: tick`);
    assert.ok(n > 3590 && n < 3600, `about one line a second for an hour: ${n}`);
    const recent = c.kubelets.logs('default', 'counter', 'count', { sinceMs: 10_000 });
    assert.ok(recent.length >= 10 && recent.length <= 11, `${recent.length}`);
    const stamped = c.kubelets.logs('default', 'counter', 'count', { tailLines: 1, timestamps: true });
    assert.match(stamped[0], /^2026-01-01T00:59:5\d\.\d{9}Z \d+: tick$/);
  });

  it('keeps the previous instance for --previous, with its exit', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'crash', annotations: { 'sim.kubesim.dev/crash-after': '5s' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting up; sleep 3600'] }] } });
    c.run(8000);
    const previous = c.kubelets.logs('default', 'crash', 'app', { previous: true });
    assert.ok(previous.includes('starting up'));
    assert.equal(previous.at(-1), '[kubesim] container app exited with code 1 (Error) after 5s');
    assert.deepEqual(c.kubelets.logs('default', 'crash').filter((l) => !l.startsWith('[kubesim]')), ['starting up']);
  });

  it('answers like the API server when there is nothing to show', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'two', spec: { containers: [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'redis:7.4' }] } });
    c.createPod({ name: 'bad', spec: { containers: [{ name: 'web', image: 'nginx:doesnotexist' }] } });
    c.run(10_000);
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        assert.ok(isApiError(e));
        return e.message;
      }
      return 'no error';
    };
    assert.equal(message(() => c.kubelets.logs('default', 'two')), 'a container name must be specified for pod two, choose one of: [a b]');
    assert.equal(message(() => c.kubelets.logs('default', 'bad')), 'container "web" in pod "bad" is waiting to start: ImagePullBackOff');
    assert.equal(message(() => c.kubelets.logs('default', 'two', 'a', { previous: true })), 'previous terminated container "a" in pod "two" not found');
    assert.equal(message(() => c.kubelets.logs('default', 'nope')), 'pods "nope" not found');
  });

  it('follows new lines as the clock runs and ends when the container exits', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'job', spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'for i in 1 2 3 4 5; do echo "step $i"; sleep 2; done'] }] } });
    c.runUntil(() => c.statusOf('job') === 'Running');
    const seen: string[] = [];
    let ended = false;
    c.kubelets.followLogs('default', 'job', 'app', {}, (l) => seen.push(l), () => (ended = true));
    c.run(3000);
    assert.deepEqual(seen.filter((l) => !l.startsWith('[kubesim]')), ['step 1', 'step 2']);
    c.run(30_000);
    assert.deepEqual(seen.filter((l) => !l.startsWith('[kubesim]')), ['step 1', 'step 2', 'step 3', 'step 4', 'step 5']);
    assert.equal(ended, true);
    assert.equal(new Set(seen).size, seen.length, 'no line twice');
  });

  it('unsubscribing stops the follow', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'counter', spec: { containers: [counter] } });
    c.run(5000);
    const seen: string[] = [];
    const stop = c.kubelets.followLogs('default', 'counter', undefined, { tailLines: 1 }, (l) => seen.push(l));
    c.run(3000);
    const before = seen.length;
    assert.ok(before >= 3);
    stop();
    c.run(10_000);
    assert.equal(seen.length, before);
  });
});
