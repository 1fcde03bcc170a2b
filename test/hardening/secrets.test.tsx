// Secret values stay masked everywhere kubesim prints: -o json and -o yaml (unless --show-secrets),
// describe, the dashboard's YAML and describe pages (unless `x`), container logs, the decision log,
// Events and validation messages. One distinctive value is planted and searched for everywhere.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import YAML from 'yaml';
import type { KObject } from '../../src/api/object.js';
import { strictDecode } from '../../src/api/schema/decode.js';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestText } from '../../src/manifests/load.js';
import { describe } from '../../src/printers/describe/index.js';
import { runCli as run } from '../helpers/runCli.js';
import { scratchDir } from '../helpers/scratchDir.js';
import { renderApp, waitForFrame, type Rendered } from '../helpers/ui.js';

afterEach(() => cleanup());

const PASSWORD = 'hunter2-very-secret';
const TOKEN_LINE = 'tok-line-two-of-the-key';
const B64 = Buffer.from(PASSWORD).toString('base64');
const MULTI_B64 = Buffer.from(`-----BEGIN KEY-----\n${TOKEN_LINE}\n-----END KEY-----\n`).toString('base64');

const MANIFESTS = `
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: default}
data: {password: ${B64}, key: ${MULTI_B64}}
---
apiVersion: v1
kind: Secret
metadata: {name: plain, namespace: default}
stringData: {apiToken: ${PASSWORD}-plain}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
      - name: app
        image: busybox
        command: [sh, -c, 'echo "password is $DB_PASSWORD"; echo token=$apiToken; cat /etc/creds/key; sleep 3600']
        env:
        - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
        envFrom:
        - secretRef: {name: plain}
        volumeMounts:
        - {name: creds, mountPath: /etc/creds}
      volumes:
      - {name: creds, secret: {secretName: db}}
`;

const leaks = (text: string) => [PASSWORD, B64, TOKEN_LINE, MULTI_B64].filter((v) => text.includes(v));

const dir = scratchDir('kubesim-secrets-');
const file = join(dir, 'app.yaml');
writeFileSync(file, MANIFESTS);

function runningCluster(): Cluster {
  const cluster = new Cluster({ seed: 4 });
  applyManifests(cluster.store, loadManifestText(MANIFESTS, 'app.yaml').manifests);
  cluster.advance(120_000);
  return cluster;
}

test('run -o json and -o yaml mask Secret values (keys kept) unless --show-secrets', async () => {
  const json = await run('run', '-f', file, '--for', '2m', '-o', 'json');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(leaks(json.stdout), [], 'no value in the JSON');
  const out = JSON.parse(json.stdout) as { items: KObject[]; events: KObject[]; decisions: unknown[] };
  const db = out.items.find((o) => o.kind === 'Secret' && o.metadata.name === 'db')!;
  assert.deepEqual(db.data, { key: `<redacted: ${Buffer.from(MULTI_B64, 'base64').length} bytes>`, password: `<redacted: ${PASSWORD.length} bytes>` });
  const plain = out.items.find((o) => o.kind === 'Secret' && o.metadata.name === 'plain')!;
  assert.deepEqual(Object.keys(plain.data ?? {}), ['apiToken']);
  // The app really used the values: it runs (the masked output is not a broken cluster).
  assert.ok(out.items.some((o) => o.kind === 'Pod' && o.status?.phase === 'Running'));

  const yaml = await run('run', '-f', file, '--for', '2m', '-o', 'yaml');
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.deepEqual(leaks(yaml.stdout), []);
  assert.match(yaml.stdout, /password: "?<redacted: 19 bytes>"?/);

  const shown = await run('run', '-f', file, '--for', '2m', '-o', 'json', '--show-secrets');
  assert.equal(shown.code, 0);
  const shownDb = (JSON.parse(shown.stdout).items as KObject[]).find((o) => o.kind === 'Secret' && o.metadata.name === 'db')!;
  assert.equal(shownDb.data.password, B64);
});

test('a masked Secret applied back is refused, not stored with the mask as its value', async () => {
  const json = await run('run', '-f', file, '-o', 'json');
  const db = (JSON.parse(json.stdout).items as KObject[]).find((o) => o.kind === 'Secret' && o.metadata.name === 'db')!;
  const back = join(dir, 'back.json');
  writeFileSync(back, JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db2' }, data: db.data }));
  const r = await run('run', '-f', back);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /data\[key\]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 0/);
});

test('container logs, describe, the decision log and Events never show a value', () => {
  const cluster = runningCluster();
  const pod = cluster.store.list('Pod', { namespace: 'default' }).find((p) => p.metadata.labels?.app === 'app')!;
  const logs = cluster.kubelets.logs('default', pod.metadata.name!, 'app');
  assert.ok(logs.includes('password is <redacted>'), logs.join('\n'));
  assert.ok(logs.includes('token=<redacted>'), 'an envFrom value is masked');
  assert.ok(logs.includes('<redacted>'), 'a line of a multi-line value read from a secret volume is masked');
  assert.deepEqual(leaks(logs.join('\n')), []);

  const ctx = { now: cluster.clock.now(), store: cluster.store };
  const describeObject = (obj: KObject, c: typeof ctx & { decoded?: boolean }) => describe(obj, c).join('\n');
  for (const obj of [pod, cluster.store.get('Secret', 'default', 'db')!, cluster.store.get('Secret', 'default', 'plain')!]) {
    assert.deepEqual(leaks(describeObject(obj, ctx)), [], `describe ${obj.kind} ${obj.metadata.name}`);
  }
  assert.match(describeObject(pod, ctx), /DB_PASSWORD:\s+<set to the key 'password' in secret 'db'>/);
  assert.match(describeObject(cluster.store.get('Secret', 'default', 'db')!, ctx), /password:\s+19 bytes/);
  assert.match(describeObject(cluster.store.get('Secret', 'default', 'db')!, { ...ctx, decoded: true }), new RegExp(`password:\\s+${PASSWORD}`), 'decoding on purpose shows it');

  assert.deepEqual(leaks(JSON.stringify(cluster.decisions.query())), [], 'decision log');
  assert.deepEqual(leaks(JSON.stringify(cluster.store.list('Event'))), [], 'events');
});

test('validation and decoding errors about a Secret never echo its value', async () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, `apiVersion: v1\nkind: Secret\nmetadata: {name: x}\ndata:\n  password: ${PASSWORD}!\n`);
  const r = await run('run', '-f', bad);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad\.yaml:5:3: Secret default\/x: data\[password\]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 7/);
  assert.deepEqual(leaks(r.stderr), []);

  const typed = strictDecode({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, data: { password: 12345 }, stringData: { token: ['a'] } }, 'Secret');
  assert.deepEqual(
    typed.map((p) => p.message),
    [
      'data.password: Invalid value: "<secret contents redacted>": data.password in body must be of type string: "integer"',
      'stringData.token: Invalid value: "<secret contents redacted>": stringData.token in body must be of type string: "array"',
    ],
  );
  // Other kinds still show what was wrong.
  assert.match(strictDecode({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 12345 } }, 'ConfigMap')[0]!.message, /Invalid value: 12345/);
});

const waitFor = (r: Rendered, done: (frame: string) => boolean, what: string) => waitForFrame(r, done, 6000, what);

test('the dashboard masks values on the YAML and describe pages until x decodes them', async () => {
  const { r } = await renderApp(runningCluster(), { kind: 'Secret' });
  await waitFor(r, (f) => f.includes('plain'), 'the secrets table');
  // db is the first row: its YAML, masked.
  r.stdin.write('y');
  const masked = await waitFor(r, (f) => f.includes('password:'), 'the YAML page');
  assert.match(masked, /password: "?\*\*\*"?/);
  r.stdin.write('x');
  await waitFor(r, (f) => f.includes(PASSWORD), 'the decoded YAML');
  r.stdin.write('x');
  await waitFor(r, (f) => !f.includes(PASSWORD) && f.includes('password:'), 'masked again');
  r.stdin.write('d');
  const described = await waitFor(r, (f) => f.includes('19 bytes'), 'describe');
  assert.deepEqual(leaks(described), []);
  // Nothing shown before the decode had a value in it.
  const before = r.frames.slice(0, r.frames.findIndex((f) => f.includes(PASSWORD)));
  assert.deepEqual(leaks(before.join('\n')), []);
});

test('-o yaml output parses back and keeps every key of a masked Secret', async () => {
  const yaml = await run('run', '-f', file, '-o', 'yaml');
  const doc = YAML.parse(yaml.stdout) as { items: KObject[] };
  const db = doc.items.find((o) => o.kind === 'Secret' && o.metadata.name === 'db')!;
  assert.deepEqual(Object.keys(db.data).sort(), ['key', 'password']);
});
