import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManifestError } from '../../src/manifests/errors.js';
import { parseManifestText } from '../../src/manifests/parse.js';

test('multi-document YAML keeps each document and its line', () => {
  const docs = parseManifestText('a: 1\n---\n# comment\nb: 2\n---\n---\nc: 3\n', 'x.yaml');
  assert.deepEqual(docs.map((d) => [d.object, d.location.line]), [[{ a: 1 }, 1], [{ b: 2 }, 4], [{ c: 3 }, 7]]);
});

test('kind: List is unpacked into its items', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n  - kind: ConfigMap\n    metadata: {name: a}\n  - kind: ConfigMap\n    metadata: {name: b}\n';
  const docs = parseManifestText(text, 'list.yaml');
  assert.deepEqual(docs.map((d) => [(d.object.metadata as { name: string }).name, d.location.line]), [['a', 4], ['b', 6]]);
});

test('JSON documents are read too', () => {
  const docs = parseManifestText('{"kind": "ConfigMap", "metadata": {"name": "j"}}', 'x.json');
  assert.equal(docs[0].object.kind, 'ConfigMap');
});

test('locate finds the line and column of a field path', () => {
  const text = [
    'kind: Deployment',
    'metadata:',
    '  labels:',
    '    app.kubernetes.io/name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx',
    '        - name: side',
    '          image: busybox',
    'data:',
    '  tls.key: abc',
  ].join('\n');
  const [doc] = parseManifestText(text, 'd.yaml');
  assert.deepEqual(doc.locate('spec.template.spec.containers[1].image'), { file: 'd.yaml', line: 12, column: 11 });
  assert.equal(doc.locate('metadata.labels.app.kubernetes.io/name').line, 4);
  assert.equal(doc.locate('data[tls.key]').line, 14);
  // A field that is missing points at the deepest part that exists.
  assert.equal(doc.locate('spec.template.spec.containers[0].resources.limits').line, 9);
});

test('duplicate keys are refused with their location', () => {
  assert.throws(() => parseManifestText('a: 1\nb: 2\na: 3\n', 'dup.yaml'), (e) => e instanceof ManifestError && e.location?.line === 3 && /invalid YAML/.test(e.message));
});

test('a billion-laughs alias bomb is stopped with a message', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const started = Date.now();
  assert.throws(() => parseManifestText(lines.join('\n'), 'bomb.yaml'), (e) => e instanceof ManifestError && /alias/.test(e.message));
  assert.ok(Date.now() - started < 5000);
});

test('a document that is not a mapping is refused', () => {
  assert.throws(() => parseManifestText('- a\n- b\n', 'seq.yaml'), (e) => e instanceof ManifestError && /must be a mapping/.test(e.message));
});
