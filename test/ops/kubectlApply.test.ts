// Client-side apply as kubectl does it: the last-applied annotation, the three-way merge with it, and
// "unchanged" without a write when the manifest did not change.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import { Cluster } from '../../src/cluster.js';
import { ManifestError } from '../../src/manifests/errors.js';
import { applyFiles } from '../../src/ops/applyFiles.js';
import { LAST_APPLIED } from '../../src/ops/lastApplied.js';
import { createThreeWayMergePatch } from '../../src/ops/threeWayMergePatch.js';

const dir = mkdtempSync(join(tmpdir(), 'kubesim-apply-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: app
    image: nginx:1.25
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: front}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
`;

test('a Pod applied twice: the second apply is "unchanged" and writes nothing, though admission added tolerations', () => {
  const cluster = new Cluster({ nodes: 1 });
  const path = file('pod.yaml', POD);
  assert.deepEqual(applyFiles(cluster.store, [path]).lines, ['pod/web created']);
  cluster.advance(5_000);
  const live = cluster.store.get('Pod', 'default', 'web')!;
  assert.ok(live.spec.tolerations?.some((t: { key?: string }) => t.key === 'node.kubernetes.io/not-ready'), 'admission added the default tolerations');
  const revision = cluster.store.resourceVersion;
  const again = applyFiles(cluster.store, [path]);
  assert.deepEqual(again.lines, ['pod/web unchanged']);
  assert.deepEqual(again.warnings, []);
  assert.equal(cluster.store.resourceVersion, revision, 'no write');
  assert.equal(cluster.store.get('Pod', 'default', 'web'), live);
});

test('the last-applied annotation is what kubectl records: the manifest, sorted, namespace filled in, a newline at the end', () => {
  const cluster = new Cluster({ nodes: 1 });
  applyFiles(cluster.store, [file('pod-note.yaml', POD.replace('  labels: {app: web}', '  labels: {app: web}\n  annotations: {note: "a<b & c"}'))]);
  const annotations = cluster.store.get('Pod', 'default', 'web')!.metadata.annotations!;
  assert.equal(annotations.note, 'a<b & c');
  assert.equal(
    annotations[LAST_APPLIED],
    '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"note":"a\\u003cb \\u0026 c"},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.25","name":"app"}]}}\n',
  );
  applyFiles(cluster.store, [file('pod-plain.yaml', POD.replace('web\n  labels', 'plain\n  labels'))]);
  assert.match(cluster.store.get('Pod', 'default', 'plain')!.metadata.annotations![LAST_APPLIED], /"metadata":\{"annotations":\{\},"labels"/, 'no other annotations: an empty map, as kubectl records it');
});

test('a changed Deployment manifest: the new image is set, the dropped label and env var go, what the server set stays', () => {
  const cluster = new Cluster({ nodes: 2 });
  applyFiles(cluster.store, [file('deploy.yaml', DEPLOYMENT)]);
  cluster.advance(10_000);
  // Others change it too: kubectl scale (the manifest has no replicas) and an annotation of their own.
  cluster.store.modify('Deployment', 'default', 'web', (d: KObject) => {
    d.spec.replicas = 4;
    d.metadata.annotations = { ...d.metadata.annotations, 'example.com/owner': 'team-a' };
  });
  const before = cluster.store.get('Deployment', 'default', 'web')!;
  const changed = DEPLOYMENT.replace('nginx:1.25', 'nginx:1.26').replace('{app: web, tier: front}', '{app: web}').replace('[{name: A, value: "1"}, {name: B, value: "2"}]', '[{name: B, value: "2"}]');
  assert.deepEqual(applyFiles(cluster.store, [file('deploy-changed.yaml', changed)]).lines, ['deployment.apps/web configured']);
  const after = cluster.store.get('Deployment', 'default', 'web')!;
  const container = after.spec.template.spec.containers[0];
  assert.equal(container.image, 'nginx:1.26');
  assert.deepEqual(container.env, [{ name: 'B', value: '2' }]);
  assert.deepEqual(after.metadata.labels, { app: 'web' }, 'the label dropped from the manifest is gone');
  assert.equal(after.spec.replicas, 4, 'replicas set by someone else stay');
  assert.equal(after.metadata.annotations!['example.com/owner'], 'team-a');
  assert.equal(after.metadata.annotations!['deployment.kubernetes.io/revision'], before.metadata.annotations!['deployment.kubernetes.io/revision'], "the controller's annotation stays");
  assert.equal(after.spec.progressDeadlineSeconds, 600, 'defaults stay');
  assert.equal(container.terminationMessagePath, '/dev/termination-log');
  assert.match(after.metadata.annotations![LAST_APPLIED], /"image":"nginx:1.26"/);
});

test('a changed immutable field is still refused with the API server’s message, and nothing changes', () => {
  const cluster = new Cluster({ nodes: 1 });
  applyFiles(cluster.store, [file('pod2.yaml', POD)]);
  const live = cluster.store.get('Pod', 'default', 'web');
  const path = file('pod2-changed.yaml', POD.replace('    image: nginx:1.25\n', '    image: nginx:1.25\n    command: [sleep, "60"]\n'));
  assert.throws(
    () => applyFiles(cluster.store, [path]),
    (e: unknown) => e instanceof ManifestError && /pod2-changed\.yaml:\d+:\d+: Pod default\/web: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/.test(e.message),
  );
  assert.equal(cluster.store.get('Pod', 'default', 'web'), live);
  // The image may change: that patch goes through.
  assert.deepEqual(applyFiles(cluster.store, [file('pod2-image.yaml', POD.replace('nginx:1.25', 'nginx:1.26'))]).lines, ['pod/web configured']);
  assert.equal(cluster.store.get('Pod', 'default', 'web')!.spec.containers[0].image, 'nginx:1.26');
});

test('an object not created by apply is patched, gets its annotation, and kubectl’s warning is given', () => {
  const cluster = new Cluster({ nodes: 1 });
  cluster.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', labels: { keep: 'me' } }, data: { a: '1' } });
  const result = applyFiles(cluster.store, [file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "2"}\n')]);
  assert.deepEqual(result.lines, ['configmap/cfg configured']);
  assert.deepEqual(result.warnings, [
    'resource configmaps/cfg is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.',
  ]);
  const cm = cluster.store.get('ConfigMap', 'default', 'cfg')!;
  assert.deepEqual(cm.data, { a: '2' });
  assert.deepEqual(cm.metadata.labels, { keep: 'me' }, 'without a last-applied configuration nothing is deleted');
  assert.ok(cm.metadata.annotations![LAST_APPLIED]);
});

test('the three-way patch: deletions come from last-applied, changes from live; lists merge by key', () => {
  const original = { metadata: { labels: { a: '1', b: '2' }, finalizers: ['x', 'y'] }, spec: { strategy: { type: 'RollingUpdate' }, template: { spec: { containers: [{ name: 'app', image: 'v1' }, { name: 'side', image: 's' }] } } } };
  const modified = { metadata: { labels: { a: '1' }, finalizers: ['x'] }, spec: { strategy: { type: 'Recreate' }, template: { spec: { containers: [{ name: 'app', image: 'v2' }] } } } };
  const current = {
    metadata: { labels: { a: '1', b: '2', server: 'set' }, finalizers: ['x', 'y', 'z'] },
    spec: { replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } }, template: { spec: { containers: [{ name: 'app', image: 'v1', imagePullPolicy: 'IfNotPresent' }, { name: 'side', image: 's' }] } } },
  };
  assert.deepEqual(createThreeWayMergePatch(original, modified, current, 'apps/v1.Deployment'), {
    metadata: { labels: { b: null }, '$deleteFromPrimitiveList/finalizers': ['y'], '$setElementOrder/finalizers': ['x'] },
    spec: {
      strategy: { type: 'Recreate', $retainKeys: ['type'] },
      template: { spec: { containers: [{ name: 'side', $patch: 'delete' }, { name: 'app', image: 'v2' }], '$setElementOrder/containers': [{ name: 'app' }] } },
    },
  });
  assert.deepEqual(createThreeWayMergePatch(modified, modified, { ...modified, status: { replicas: 1 } }, 'apps/v1.Deployment'), {}, 'nothing to send');
});
