import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const BAD = 'test/fixtures/bad';

test('run -o json prints one object with time, items, events and decisions', async () => {
  const r = await run('run', '-f', 'fixtures/manifests/web', '--for', '2m', '-o', 'json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.time, 120);
  assert.ok(Array.isArray(out.items) && Array.isArray(out.events) && Array.isArray(out.decisions));
  const kinds = new Set(out.items.map((o: { kind: string }) => o.kind));
  for (const k of ['Namespace', 'Node', 'Deployment', 'ReplicaSet', 'Pod', 'Service', 'Endpoints', 'Ingress']) assert.ok(kinds.has(k), `missing ${k}`);
  const pods = out.items.filter((o: { kind: string }) => o.kind === 'Pod');
  assert.equal(pods.length, 3);
  for (const p of pods) assert.equal(p.status.phase, 'Running');
  const nodes = out.items.filter((o: { kind: string }) => o.kind === 'Node');
  assert.deepEqual(nodes.map((n: { metadata: { name: string } }) => n.metadata.name), ['node-1', 'node-2', 'node-3']);
  const namespaces = out.items.filter((o: { kind: string }) => o.kind === 'Namespace').map((n: { metadata: { name: string } }) => n.metadata.name);
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) assert.ok(namespaces.includes(ns));
});

test('same seed, same output; another seed, other names', async () => {
  const a = await run('run', '-f', 'fixtures/manifests/web', '--for', '30s', '-o', 'json', '--seed', '5');
  const b = await run('run', '-f', 'fixtures/manifests/web', '--for', '30s', '-o', 'json', '--seed', '5');
  const c = await run('run', '-f', 'fixtures/manifests/web', '--for', '30s', '-o', 'json', '--seed', '6');
  assert.equal(a.stdout, b.stdout);
  assert.notEqual(a.stdout, c.stdout);
});

test('--nodes sets the worker count', async () => {
  const r = await run('run', '-f', 'fixtures/manifests/book', '--nodes', '5', '-o', 'json');
  const nodes = JSON.parse(r.stdout).items.filter((o: { kind: string }) => o.kind === 'Node');
  assert.equal(nodes.length, 5);
});

test('tables grouped by kind without -o', async () => {
  const r = await run('run', '-f', 'fixtures/manifests/book', '--for', '1m');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^replicationcontrollers:\nNAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE/m);
  assert.match(r.stdout, /myweb\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+8080:30001\/TCP/);
  assert.match(r.stderr, /replicationcontroller\/mysql created/);
});

test('legacy apiVersions are converted with a warning on stderr', async () => {
  const r = await run('run', '-f', `${BAD}/legacy-deployment.yaml`, '-o', 'json');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Warning: .*legacy-deployment\.yaml:1: .*extensions\/v1beta1.*apps\/v1/);
  const d = JSON.parse(r.stdout).items.find((o: { kind: string }) => o.kind === 'Deployment');
  assert.equal(d.apiVersion, 'apps/v1');
  assert.deepEqual(d.spec.selector, { matchLabels: { app: 'legacy' } });
});

const badCases: Array<[string, RegExp]> = [
  ['unknown-field.yaml', /unknown-field\.yaml:17:11: Deployment default\/web: .*unknown field "spec\.template\.spec\.containers\[0\]\.volumes"/],
  ['negative-replicas.yaml', /negative-replicas\.yaml:13:3: Deployment default\/web: spec\.replicas: Invalid value: -1: must be greater than or equal to 0/],
  ['selector-mismatch.yaml', /selector-mismatch\.yaml:\d+:\d+: Deployment default\/web: spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`/],
  ['bad-name.yaml', /bad-name\.yaml:4:3: ConfigMap default\/Web_Config: metadata\.name: Invalid value: "Web_Config": a lowercase RFC 1123 subdomain/],
  ['not-base64.yaml', /not-base64\.yaml:6:3: Secret default\/db: data\[password\]: Invalid value/],
  ['nodeport-range.yaml', /nodeport-range\.yaml:\d+:\d+: Service default\/web: spec\.ports\[0\]\.nodePort: Invalid value: 40000: provided port is not in the valid range\. The range of valid ports is 30000-32767/],
  ['bad-quantity.yaml', /bad-quantity\.yaml:11:11: Pod default\/p: spec\.containers\[0\]\.resources\.limits\[memory\]: Invalid value: "1GB"/],
  ['invalid-yaml.yaml', /invalid-yaml\.yaml:\d+:\d+: invalid YAML/],
  ['missing-kind.yaml', /missing-kind\.yaml:1:1: .*kind: Required value/],
  ['missing-image.yaml', /missing-image\.yaml:7:5: Pod default\/p: spec\.containers\[0\]\.image: Required value/],
  // Found when the second Service is stored, and placed at its field all the same.
  ['missing-namespace.yaml', /missing-namespace\.yaml:3:21: Pod nope\/p: namespaces "nope" not found: create it first/],
  ['nodeport-allocated.yaml', /nodeport-allocated\.yaml:21:5: Service default\/s2: spec\.ports\[0\]\.nodePort: Invalid value: 30001: provided port is already allocated\n/],
];

for (const [file, expected] of badCases) {
  test(`bad input ${file}: exit 1, located message, nothing applied`, async () => {
    const r = await run('run', '-f', `${BAD}/${file}`, '-o', 'json');
    assert.equal(r.code, 1);
    assert.match(r.stderr, expected);
    assert.match(r.stderr, /nothing was applied/);
    assert.equal(r.stdout, '');
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('ConfigMap and Secret data over 1 MiB are refused with the API server message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-big-'));
  const big = 'x'.repeat(1_048_577);
  writeFileSync(join(dir, 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: ${big}\n`);
  writeFileSync(join(dir, 'secret.yaml'), `apiVersion: v1\nkind: Secret\nmetadata:\n  name: big\ndata:\n  a: ${Buffer.from(big).toString('base64')}\n`);
  try {
    const cm = await run('run', '-f', join(dir, 'cm.yaml'), '-o', 'json');
    assert.equal(cm.code, 1);
    assert.match(cm.stderr, /cm\.yaml:\d+:\d+: ConfigMap default\/big: \[\]: Too long: must have at most 1048576 bytes/);
    const secret = await run('run', '-f', join(dir, 'secret.yaml'), '-o', 'json');
    assert.equal(secret.code, 1);
    assert.match(secret.stderr, /secret\.yaml:\d+:\d+: Secret default\/big: data: Too long: must have at most 1048576 bytes/);
    for (const r of [cm, secret]) {
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /nothing was applied/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one bad document stores none of the others', async () => {
  const r = await run('run', '-f', 'fixtures/manifests/web', '-f', `${BAD}/negative-replicas.yaml`, '-o', 'json');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
});

test('usage errors exit 2 with the usage text', async () => {
  for (const args of [['run'], ['run', '-f', 'x', '--for', 'soon'], ['run', '-f', 'x', '-o', 'xml'], ['run', '--bogus'], ['frobnicate'], ['run', '-f', 'x', '--nodes', '-3']]) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^error: /);
    assert.match(r.stderr, /Usage:/);
  }
});

test('a missing file is a located, non-zero error', async () => {
  const r = await run('run', '-f', 'does/not/exist.yaml');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /does\/not\/exist\.yaml: no such file or directory/);
});

test('the bin runs as a process with the right exit codes', () => {
  const ok = spawnSync(process.execPath, ['bin/kubesim.js', 'run', '-f', 'fixtures/manifests/book', '-o', 'json'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).time, 0);
  const bad = spawnSync(process.execPath, ['bin/kubesim.js', 'run', '-f', `${BAD}/unknown-field.yaml`], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /unknown field/);
});
