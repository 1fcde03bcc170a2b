// The named hostile inputs, one by one, with the exact refusal each gets: the limits on alias
// expansion, nesting, document size and document count, and the YAML Kubernetes objects cannot hold.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestPaths, loadManifestText } from '../../src/manifests/load.js';
import { MAX_ALIAS_COUNT, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from '../../src/manifests/parse.js';
import { MAX_NESTING_DEPTH } from '../../src/manifests/nesting.js';
import { assertLocated } from './outcome.js';

/** The one message a refused text gets (asserting it is located in `f.yaml`). */
function refusal(text: string): string {
  try {
    loadManifestText(text, 'f.yaml');
  } catch (error) {
    const problems = assertLocated(error, 'f.yaml');
    return problems.map((p) => p.message).join('\n');
  }
  assert.fail('expected a refusal');
}

const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n${extra}`;

test('the limits are what the messages say', () => {
  assert.equal(MAX_ALIAS_COUNT, 1000);
  assert.equal(MAX_NESTING_DEPTH, 100);
  assert.equal(MAX_DOCUMENT_BYTES, 3 * 1024 * 1024);
  assert.equal(MAX_DOCUMENTS, 10_000);
});

test('a billion-laughs alias bomb is refused before it expands', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [i, c] of [...'bcdefghi'].entries()) lines.push(`${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
  assert.equal(refusal(lines.join('\n')), 'f.yaml:1:1: YAML aliases expand too far (more than 1000 alias expansions): the document looks like an alias bomb and was not read');
  // A few aliases are fine, and `<<` merge keys work as in Go's YAML reader.
  const merged = loadManifestText(`base: &b {app: web}\n---\n${cm('x', 'data: &d {a: "1"}\nbinaryData: {}\n')}`.replace('base: &b {app: web}\n---\n', ''), 'f.yaml');
  assert.equal(merged.manifests.length, 1);
  const withMerge = loadManifestText(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n  labels: &l {app: web}\n  annotations:\n    <<: *l\n    extra: "1"\n`, 'f.yaml');
  assert.deepEqual(withMerge.manifests[0]!.object.metadata.annotations, { app: 'web', extra: '1' });
});

test('nesting deeper than 100 levels is refused where it crosses the line, however deep it goes', () => {
  for (const depth of [101, 5000, 1_000_000]) {
    assert.match(refusal(`${cm('x')}deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`), /^f\.yaml:4:\d+: the document nests too deep: lists and mappings may nest at most 100 levels$/);
  }
  assert.match(refusal(`a:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n`), /^f\.yaml:\d+:\d+: the document nests too deep/);
  assert.match(refusal(`a:\n${'- '.repeat(500)}x\n`), /^f\.yaml:2:\d+: the document nests too deep/);
  // Aliases can stack shallow structures into a deep one.
  const shallow = `a: &a ${'['.repeat(60)}${']'.repeat(60)}\nb: ${'['.repeat(60)}*a${']'.repeat(60)}\n`;
  assert.equal(refusal(shallow), 'f.yaml:1:1: the document nests too deep once its aliases are expanded: lists and mappings may nest at most 100 levels');
});

test('a document over 3 MiB is refused before it is parsed, at the line where it starts', () => {
  const big = `${cm('small')}---\n# a comment\n---\n${cm('big', `data:\n  a: "${'é'.repeat(2 * 1024 * 1024)}"\n`)}`;
  const t = process.cpuUsage();
  assert.match(refusal(big), /^f\.yaml:6:1: document is 41943\d\d bytes; the API server accepts at most 3145728 bytes per object$/);
  const used = process.cpuUsage(t);
  assert.ok((used.user + used.system) / 1000 < 2000, 'refused without parsing 4 MB');
  assert.equal(refusal(cm('ten', `data:\n  a: "${'x'.repeat(10 * 1024 * 1024)}"\n`)), 'f.yaml:1:1: document is 10485827 bytes; the API server accepts at most 3145728 bytes per object');
});

test('thousands of documents in one file are read; more than 10,000 are refused', () => {
  const many = Array.from({ length: 3000 }, (_, i) => cm(`c${i}`, 'data: {a: "1"}\n')).join('---\n');
  const loaded = loadManifestText(many, 'f.yaml');
  assert.equal(loaded.manifests.length, 3000);
  const cluster = new Cluster({ seed: 1, nodes: 1 });
  assert.equal(applyManifests(cluster.store, loaded.manifests).lines.length, 3000);
  assert.equal(cluster.store.count('ConfigMap', 'default'), 3000 + 1); // and kube-root-ca.crt
  assert.equal(refusal('---\n'.repeat(10_002)), 'f.yaml:10001:1: the file holds more than 10000 YAML documents; kubesim reads at most 10000 from one file (split it into several)');
});

test('duplicate keys (also 1 and "1"), collection keys and tags Kubernetes YAML does not have', () => {
  assert.equal(refusal(`${cm('x')}data:\n  a: "1"\n  a: "2"\n`), 'f.yaml:6:3: invalid YAML: Map keys must be unique');
  assert.equal(refusal(`${cm('x')}data:\n  1: "1"\n  "1": "2"\n`), 'f.yaml:6:3: invalid YAML: Map keys must be unique');
  assert.equal(refusal(`${cm('x')}data: {? [a, b] : c}\n`), 'f.yaml:4:10: invalid YAML: a mapping key must be a string, not a list or a mapping');
  // Tags of YAML 1.1 are not resolved: `!!binary` text stays text (and must then be base64 itself).
  const binary = loadManifestText(`${cm('x')}binaryData: {a: !!binary aGVsbG8=}\n`, 'f.yaml');
  assert.deepEqual(binary.manifests[0]!.object.binaryData, { a: 'aGVsbG8=' });
  // Thousands of stray commas: the first problem, found without making thousands more.
  assert.equal(refusal(`a: [${','.repeat(100_000)}]`), 'f.yaml:1:6: invalid YAML: Unexpected , in flow sequence');
});

test('numbers a double cannot hold exactly, keys named like Object.prototype, and status, are handled', () => {
  assert.equal(
    refusal(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1e300\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: nginx}]}\n`),
    'f.yaml:5:3: Deployment default/d: spec.replicas: Invalid value: 1e+300: spec.replicas in body should be less than or equal to 9007199254740991',
  );
  assert.match(refusal(`${cm('x')}data: {a: "1"}\nbinaryData: {n: 5}\nimmutable: -99999999999999999999\n`), /immutable: Invalid value: -100000000000000000000: immutable in body must be of type boolean: "integer"/);
  const protoKeys = loadManifestText(`${cm('x')}data: {constructor: a, toString: b, __proto__: c, hasOwnProperty: d}\n`, 'f.yaml');
  const cluster = new Cluster({ seed: 1, nodes: 1 });
  applyManifests(cluster.store, protoKeys.manifests);
  assert.deepEqual(Object.keys(cluster.store.get('ConfigMap', 'default', 'x')!.data), ['constructor', 'toString', '__proto__', 'hasOwnProperty']);
  // status belongs to the cluster, whatever its type in the manifest.
  const withStatus = loadManifestText(`apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\nstatus: .inf\n`, 'f.yaml');
  assert.equal(withStatus.manifests[0]!.object.status, undefined);
  applyManifests(cluster.store, withStatus.manifests);
  cluster.advance(20_000);
  assert.ok(cluster.store.get('PersistentVolumeClaim', 'default', 'c')?.status?.phase);
});

test('a file that is not UTF-8 is refused at its first bad byte; a real U+FFFD is fine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-utf8-'));
  try {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9, 0x0a])]));
    try {
      loadManifestPaths([bad]);
      assert.fail('invalid UTF-8 accepted');
    } catch (error) {
      const [p] = assertLocated(error, bad);
      assert.equal(p!.detail, 'the file is not valid UTF-8 text (byte 0xe9 at offset 52); Kubernetes manifests must be UTF-8');
      assert.deepEqual([p!.location!.line, p!.location!.column], [4, 12]);
    }
    for (const [name, bytes] of [['overlong', [0xc0, 0xaf]], ['surrogate', [0xed, 0xa0, 0x80]], ['cut', [0xe2, 0x82]], ['too big', [0xf4, 0x90, 0x80, 0x80]]] as const) {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, Buffer.concat([Buffer.from('a: '), Buffer.from(bytes)]));
      assert.throws(() => loadManifestPaths([file]), /is not valid UTF-8 text \(byte 0x[0-9a-f]{2} at offset 3\)/, name);
    }
    const ok = join(dir, 'ok.yaml');
    writeFileSync(ok, `${cm('ok')}data: {a: "\uFFFD é 💥"}\n`);
    assert.equal(loadManifestPaths([ok]).manifests[0]!.object.data.a, '\uFFFD é 💥');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
