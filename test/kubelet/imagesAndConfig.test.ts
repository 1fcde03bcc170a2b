import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../src/api/types.js';
import { MiniCluster } from '../helpers/miniCluster.js';

const NOT_FOUND =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';

describe('image pull failures', () => {
  it('ErrImagePull, then ImagePullBackOff with pulls retried after 10s, 20s, 40s, 80s', () => {
    const c = new MiniCluster();
    // Pull attempts from the decision log (the event recorder's spam filter drops events after 25).
    const pulls: number[] = [];
    c.decisions.subscribe((d) => {
      if (d.object.name === 'bad' && d.action.startsWith('pulling image')) pulls.push(c.seconds);
    });
    const moments = c.recordMoments('bad');
    c.createPod({ name: 'bad', spec: { containers: [{ name: 'web', image: 'nginx:doesnotexist' }] } });
    c.run(200_000);
    const events = c.eventsFor('bad');
    assert.ok(events.includes(`Failed: Failed to pull image "nginx:doesnotexist": ${NOT_FOUND}`), events.join('\n'));
    assert.ok(events.includes('Failed: Error: ErrImagePull'));
    assert.ok(events.includes('BackOff: Back-off pulling image "nginx:doesnotexist"'));
    assert.ok(events.includes('Failed: Error: ImagePullBackOff'));
    assert.equal(c.eventObjects('bad').find((e) => e.reason === 'BackOff')!.type, 'Normal');
    // Each attempt fails after the same short time, so the gaps between attempts are the back-off plus that.
    const failAfter = Math.round((pulls[1] - pulls[0] - 10) * 1000) / 1000;
    const gaps = pulls.slice(1).map((p, i) => Math.round((p - pulls[i] - failAfter) * 1000) / 1000);
    assert.deepEqual(gaps.slice(0, 4), [10, 20, 40, 80]);
    assert.deepEqual([...new Set(moments.map((m) => m.status))], ['Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    const waiting = c.mustPod('bad').status!.containerStatuses![0].state!.waiting!;
    assert.equal(waiting.reason, 'ImagePullBackOff');
    assert.equal(waiting.message, 'Back-off pulling image "nginx:doesnotexist"');
    assert.equal(c.mustPod('bad').status!.phase, 'Pending');
  });

  it('an image that cannot be parsed is InvalidImageName', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'caps', spec: { containers: [{ name: 'web', image: 'Nginx:1.27' }] } });
    c.run(5000);
    const message = 'Failed to apply default image tag "Nginx:1.27": couldn\'t parse image name "Nginx:1.27": invalid reference format: repository name (library/Nginx) must be lowercase';
    assert.deepEqual(c.mustPod('caps').status!.containerStatuses![0].state!.waiting, { reason: 'InvalidImageName', message });
    assert.deepEqual(c.eventsFor('caps'), [`InspectFailed: ${message}`, 'Failed: Error: InvalidImageName']);
    assert.equal(c.statusOf('caps'), 'InvalidImageName');
  });

  it('pull policy Never with the image absent is ErrImageNeverPull', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'never', spec: { containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'Never' }] } });
    c.run(5000);
    const message = 'Container image "nginx:1.27" is not present with pull policy of Never';
    assert.deepEqual(c.mustPod('never').status!.containerStatuses![0].state!.waiting, { reason: 'ErrImageNeverPull', message });
    assert.deepEqual(c.eventsFor('never'), [`ErrImageNeverPull: ${message}`, 'Failed: Error: ErrImageNeverPull']);
  });

  it('pull-seconds sets how long a pull takes', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'p', annotations: { 'sim.kubesim.dev/pull-seconds': '12' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(11_000);
    assert.equal(c.statusOf('p'), 'ContainerCreating');
    c.run(3000);
    assert.equal(c.eventsFor('p')[1], 'Pulled: Successfully pulled image "nginx:1.27" in 12s (12s including waiting). Image size: 72188133 bytes.');
    assert.equal(c.statusOf('p'), 'Running');
  });

  it('the pull annotation makes any image fail, and fixing the image recovers the pod', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'p', annotations: { 'sim.kubesim.dev/pull': 'fail' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.run(5000);
    assert.equal(c.statusOf('p'), 'ImagePullBackOff');
    c.createPod({ name: 'q', spec: { containers: [{ name: 'web', image: 'nginx:nonexistent' }] } });
    c.run(5000);
    c.store.modify<Pod>('Pod', 'default', 'q', (p) => {
      p.spec!.containers[0].image = 'nginx:1.27';
    });
    c.run(40_000);
    assert.equal(c.statusOf('q'), 'Running');
  });
});

describe('ConfigMaps and Secrets', () => {
  const envPod = (name: string) => ({
    name,
    spec: {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'echo "mode=$MODE password=$PASSWORD"; sleep 3600'],
          env: [
            { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'mode' } } },
            { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'PASSWORD' } } },
          ],
        },
      ],
    },
  });

  it('CreateContainerConfigError names the missing object, then the missing key, and the pod starts once they exist', () => {
    const c = new MiniCluster();
    c.createPod(envPod('app'));
    c.run(5000);
    const waiting = () => c.mustPod('app').status!.containerStatuses![0].state!.waiting;
    assert.deepEqual(waiting(), { reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    assert.equal(c.statusOf('app'), 'CreateContainerConfigError');
    assert.equal(c.mustPod('app').status!.phase, 'Pending');
    assert.ok(c.eventsFor('app').includes('Failed: Error: configmap "app-config" not found'));
    c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { mode: 'fast' } });
    c.run(100);
    assert.deepEqual(waiting(), { reason: 'CreateContainerConfigError', message: 'secret "db" not found' });
    c.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { USER: Buffer.from('admin').toString('base64') } });
    c.run(100);
    assert.deepEqual(waiting(), { reason: 'CreateContainerConfigError', message: "couldn't find key PASSWORD in Secret default/db" });
    const before = c.seconds;
    c.store.modify('Secret', 'default', 'db', (s) => {
      s.data = { ...s.data, PASSWORD: Buffer.from('s3cret').toString('base64') };
    });
    c.runUntil(() => c.statusOf('app') === 'Running', 30_000);
    assert.ok(c.seconds - before < 1, `started promptly, not at the next 10s sync (${c.seconds - before}s)`);
    // The value came through (the program printed it); the log masks it, as every Secret value.
    assert.ok(c.kubelets.logs('default', 'app').includes('mode=fast password=<redacted>'));
    assert.ok(c.decisionsFor('app').some((d) => d.startsWith('waiting for ConfigMap default/app-config to start container app | node-1: configmap "app-config" not found')));
  });

  it('retries a config error every 10s even without a watch event', () => {
    const c = new MiniCluster();
    c.createPod(envPod('app'));
    c.run(35_000);
    const failed = c.eventObjects('app').find((e) => e.message === 'Error: configmap "app-config" not found')!;
    assert.equal(failed.count, 4);
  });

  it('optional references are skipped', () => {
    const c = new MiniCluster();
    c.createPod({
      name: 'opt',
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x', optional: true } } }], envFrom: [{ secretRef: { name: 'none', optional: true } }] }] },
    });
    c.run(10_000);
    assert.equal(c.statusOf('opt'), 'Running');
  });

  it('a missing ConfigMap volume is FailedMount and the pod stays ContainerCreating', () => {
    const c = new MiniCluster();
    c.createPod({
      name: 'vol',
      spec: {
        volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }],
        containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'cat /etc/config/mode; sleep 3600'], volumeMounts: [{ name: 'cfg', mountPath: '/etc/config' }] }],
      },
    });
    c.run(20_000);
    assert.equal(c.statusOf('vol'), 'ContainerCreating');
    const mount = c.eventObjects('vol').find((e) => e.reason === 'FailedMount')!;
    assert.equal(mount.message, 'MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found');
    assert.equal(mount.type, 'Warning');
    assert.ok(mount.count! >= 5, 'retried with back-off');
    assert.equal(c.mustPod('vol').status!.conditions!.find((x) => x.type === 'PodReadyToStartContainers')!.status, 'False');
    c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { mode: 'fast' } });
    c.run(10_000);
    assert.equal(c.statusOf('vol'), 'Running');
    assert.ok(c.kubelets.logs('default', 'vol').includes('fast'));
  });

  it('a claim that is not Bound holds the pod', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'db', spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }], containers: [{ name: 'db', image: 'redis:7.4' }] } });
    c.run(3000);
    assert.match(c.eventsFor('db')[0], /^FailedMount: Unable to attach or mount volumes: unmounted volumes=\[data\], unattached volumes=\[\], failed to process volumes=\[data\]: error processing PVC default\/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found$/);
    c.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    c.run(3000);
    assert.ok(c.eventsFor('db').some((e) => e.endsWith('error processing PVC default/data: PVC is not bound')));
    c.store.modify('PersistentVolumeClaim', 'default', 'data', (p) => {
      p.status = { phase: 'Bound' };
    }, { subresource: 'status' });
    c.run(10_000);
    assert.equal(c.statusOf('db'), 'Running');
  });
});
