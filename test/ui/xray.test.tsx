import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { buildXray } from '../../src/ui/model/xrayTree.js';
import { xrayLine } from '../../src/ui/views/XrayView.js';
import { KEYS, command, demoCluster, filter, frameHas, misfit, press, renderApp, screenLines, step, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

test('the xray tree runs from the deployment down to the containers, a mark on every line', () => {
  const cluster = demoCluster();
  const lines = buildXray(cluster, 'Deployment', 'default').rows.map(xrayLine);
  assert.equal(lines.length, 1 + 1 + 3 * 2);
  assert.equal(lines[0], '✓ Deployment web  3/3 ready, 3 up-to-date, 3 available');
  assert.match(lines[1], /^└─ ✓ ReplicaSet web-6d8878d444  3\/3 ready, revision 1$/);
  assert.match(lines[2], /^ {3}├─ ✓ Pod web-6d8878d444-9m2gd  Running 1\/1 on node-\d$/);
  assert.match(lines[3], /^ {3}│ {2}└─ ✓ Container web  Running, ready \(nginx:1\.27\)$/);
  assert.match(lines[7], /^ {6}└─ ✓ Container web  Running, ready \(nginx:1\.27\)$/);
});

test('a StatefulSet shows each pod with its claim and the volume bound to it; a Service its pods and endpoints', () => {
  const cluster = demoCluster();
  cluster.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'Immediate' });
  cluster.store.create({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      serviceName: 'db',
      replicas: 2,
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'redis:7', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  });
  cluster.advance(120_000);
  const sts = buildXray(cluster, 'StatefulSet', 'default').rows.map(xrayLine);
  assert.equal(sts[0], '✓ StatefulSet db  2/2 ready');
  assert.match(sts[1], /^├─ ✓ Pod db-0  Running 1\/1 on node-\d$/);
  assert.match(sts[3], /^│  └─ ✓ PersistentVolumeClaim data-db-0  Bound to (pvc-\S+)$/);
  const volume = /Bound to (pvc-\S+)$/.exec(sts[3])![1];
  assert.equal(sts[4], `│     └─ ✓ PersistentVolume ${volume}  Bound 1Gi`);
  assert.match(sts[5], /^└─ ✓ Pod db-1 /);

  const svc = buildXray(cluster, 'Service', 'default').rows.filter((r) => r.depth <= 1).map(xrayLine);
  assert.ok(svc.includes('✓ Service web  ClusterIP ' + cluster.store.get('Service', 'default', 'web')!.spec.clusterIP));
  assert.equal(svc.filter((l) => /Pod web-/.test(l)).length, 3);
  assert.ok(svc.includes('└─ ✓ Endpoints web  3 ready address(es)'));
});

test('a broken reference shows as ✗ missing, and a failing container as ✗, without colour', () => {
  const cluster = demoCluster([]);
  cluster.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'needs-config', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], envFrom: [{ configMapRef: { name: 'app-config' } }] }] },
  });
  cluster.advance(30_000);
  const lines = buildXray(cluster, 'Pod', 'default').rows.map(xrayLine);
  assert.match(lines[0], /^✗ Pod needs-config {2}CreateContainerConfigError 0\/1 on node-\d$/);
  assert.match(lines[1], /^├─ ✗ Container app {2}CreateContainerConfigError \(busybox:1\.36\)$/);
  assert.equal(lines[2], '└─ ✗ ConfigMap app-config  missing');
});

test(':xray deploy opens the tree; j moves, Enter describes the selected object, Esc comes back', async () => {
  const cluster = demoCluster();
  const app = await renderApp(cluster, { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('pods(default)'));
  await command(app.r, 'xray deploy');
  let frame = await waitForFrame(app.r, frameHas('xray deployments(default)[1]'));
  assert.match(frame, /^>✓ Deployment web/m);
  assert.equal(misfit(frame, 80, 24), undefined);
  await step(app.r, 'j', 'j');
  frame = await waitForFrame(app.r, (f) => /^>.*Pod web-6d8878d444-9m2gd/m.test(f));
  await press(app.r, KEYS.enter);
  frame = await waitForFrame(app.r, frameHas('describe Pod default/web-6d8878d444-9m2gd'));
  await press(app.r, KEYS.esc);
  await waitForFrame(app.r, frameHas('xray deployments(default)'));

  // The filter keeps matching lines and the path above them.
  await filter(app.r, 'n2lv5');
  frame = await waitForFrame(app.r, frameHas('</n2lv5>'));
  const tree = screenLines(frame).filter((l) => /[✓…!✗·] /.test(l) && !l.includes('decisions'));
  assert.deepEqual(
    tree.map((l) => l.replace(/^[> ]/, '').replace(/(\S) {2}.*$/, '$1')),
    ['✓ Deployment web', '└─ ✓ ReplicaSet web-6d8878d444', '   └─ ✓ Pod web-6d8878d444-n2lv5', '      └─ ✓ Container web'],
  );
});
