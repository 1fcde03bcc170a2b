import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import YAML from 'yaml';
import { runCli as run } from '../helpers/runCli.js';
import { scratchDir } from '../helpers/scratchDir.js';

const dir = scratchDir('kubesim-export-');

const key = (o: { kind: string; metadata: { namespace?: string; name: string } }) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

test('export -o yaml prints a saved cluster as manifests that kubesim run -f takes back', async () => {
  const state = join(dir, 'default.state');
  const saved = await run('run', '--scenario', 'default', '--for', '6m', '--state', state);
  assert.equal(saved.code, 0, saved.stderr);

  const exported = await run('export', '-o', 'yaml', '--state', state);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /^# kubesim export of .*default\.state\n# \d+ objects of a cluster saved at 360s of simulated time\.\n# Nodes are machines, not manifests: the saved cluster had 4 \(control-plane cpu 2 memory 4Gi, /);
  const objects = YAML.parseAllDocuments(exported.stdout).map((d) => d.toJS()).filter(Boolean);
  const keys = objects.map(key);
  for (const expected of [
    'StorageClass//standard',
    'ConfigMap/kube-system/coredns',
    'Deployment/kube-system/coredns',
    'Service/kube-system/kube-dns',
    'DaemonSet/kube-system/kube-proxy',
    'Deployment/default/web',
    'Service/default/web',
    'Ingress/default/web',
    'Secret/default/db',
    'StatefulSet/default/db',
    'PersistentVolumeClaim/default/data-db-0',
    'CronJob/default/report',
    'HorizontalPodAutoscaler/default/php-apache',
  ]) {
    assert.ok(keys.includes(expected), `${expected} is exported`);
  }
  // What the cluster makes by itself is left out.
  for (const kind of ['Pod', 'ReplicaSet', 'Job', 'Event', 'Lease', 'Node', 'Endpoints', 'EndpointSlice', 'ControllerRevision', 'PersistentVolume']) {
    assert.ok(!objects.some((o) => o.kind === kind), `no ${kind}`);
  }
  assert.ok(!keys.includes('Namespace//default') && !keys.includes('Service/default/kubernetes') && !keys.some((k) => k.endsWith('/kube-root-ca.crt')));
  // Nothing the server owns.
  for (const o of objects) {
    assert.equal(o.status, undefined, key(o));
    for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'ownerReferences']) assert.equal(o.metadata[field], undefined, `${key(o)} ${field}`);
  }
  assert.equal(objects.find((o) => key(o) === 'Service/kube-system/kube-dns').spec.clusterIP, undefined);
  assert.equal(objects.find((o) => key(o) === 'PersistentVolumeClaim/default/data-db-0').spec.volumeName, undefined, 'its provisioned volume is not exported');

  // Back into a cluster: everything applies and runs.
  const file = join(dir, 'exported.yaml');
  writeFileSync(file, exported.stdout);
  const again = await run('run', '-f', file, '--for', '3m', '-o', 'json');
  assert.equal(again.code, 0, again.stderr);
  const items = JSON.parse(again.stdout).items;
  const againKeys = new Set(items.map(key));
  for (const k of keys) assert.ok(againKeys.has(k), `${k} came back`);
  const web = items.filter((o: { kind: string; metadata: { name: string }; status: { phase: string } }) => o.kind === 'Pod' && o.metadata.name.startsWith('web-'));
  assert.equal(web.length, 3);
  assert.equal(items.find((o: { kind: string; metadata: { name: string } }) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === 'data-db-0').status.phase, 'Bound');

  const json = await run('export', '-o', 'json', '--state', state);
  const list = JSON.parse(json.stdout);
  assert.equal(list.kind, 'List');
  assert.deepEqual(list.items.map(key), keys);
});

test('export needs a state file that exists', async () => {
  const none = await run('export', '-o', 'yaml');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^error: kubesim export: name the saved cluster with --state FILE/);
  const missing = await run('export', '--state', join(dir, 'nothing.state'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot load the cluster state from .*nothing\.state: there is no such file/);
});
