import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment } from '../../src/api/types.js';
import { ManifestErrors } from '../../src/manifests/errors.js';
import { applyEditedText, EDIT_CANCELLED, editableYaml, editFileText } from '../../src/ops/editObject.js';
import { withWeb } from './opsHarness.js';

const FILE = 'deployment-web.yaml';

function setup() {
  const h = withWeb();
  const original = h.get<Deployment>('Deployment', 'web');
  const text = editFileText(original);
  return { h, original, text };
}

/** The 1-based line of the first line of `text` that starts (after indentation) with `prefix`. */
function lineOf(text: string, prefix: string): number {
  return text.split('\n').findIndex((l) => l.trimStart().startsWith(prefix)) + 1;
}

test('the editable text has a header, the object without status or managedFields', () => {
  const { original, text } = setup();
  assert.ok(original.status, 'the stored object has a status');
  assert.match(text, /^# Editing deployment\.apps\/web in namespace default\.\n/);
  assert.match(text, /\napiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
  assert.doesNotMatch(text, /^status:/m);
  assert.doesNotMatch(text, /managedFields/);
  assert.doesNotMatch(editableYaml(original), /^#/m);
});

test('saving unchanged text (or an empty file) cancels and writes nothing', () => {
  const { h, original, text } = setup();
  const rv = h.store.resourceVersion;
  assert.equal(applyEditedText(h.store, original, text, text, FILE), EDIT_CANCELLED);
  assert.equal(applyEditedText(h.store, original, text, '# nothing\n\n', FILE), `${EDIT_CANCELLED}: the file was empty`);
  // A change to a comment only: the object is the same.
  assert.equal(applyEditedText(h.store, original, text, text.replace('# Editing', '# Still editing'), FILE), EDIT_CANCELLED);
  assert.equal(h.store.resourceVersion, rv);
});

test('a good edit is applied and reported as kubectl edit does', () => {
  const { h, original, text } = setup();
  const edited = text.replace(/replicas: 3/, 'replicas: 5').replace('image: nginx:1.25', 'image: nginx:1.27');
  assert.equal(applyEditedText(h.store, original, text, edited, FILE), 'deployment.apps/web edited');
  const d = h.get<Deployment>('Deployment', 'web');
  assert.equal(d.spec?.replicas, 5);
  assert.equal(d.spec?.template?.spec?.containers[0].image, 'nginx:1.27');
  assert.ok(d.status, 'status is kept: the cluster writes it');
});

test('what the cluster changed while the editor was open stays; only what the user edited is applied (kubectl edit patches)', () => {
  const { h, original, text } = setup();
  // While the file is open, something else scales the Deployment and labels it.
  h.store.modify<Deployment>('Deployment', 'default', 'web', (d) => {
    d.spec!.replicas = 4;
    d.metadata.labels = { ...d.metadata.labels, team: 'blue' };
  });
  const edited = text.replace('image: nginx:1.25', 'image: nginx:1.27');
  assert.equal(applyEditedText(h.store, original, text, edited, FILE), 'deployment.apps/web edited');
  const d = h.get<Deployment>('Deployment', 'web');
  assert.equal(d.spec?.template?.spec?.containers[0].image, 'nginx:1.27', 'the edit is applied');
  assert.equal(d.spec?.replicas, 4, 'the scale made meanwhile is not reverted to the 3 the editor showed');
  assert.equal(d.metadata.labels?.team, 'blue', 'the label added meanwhile stays');
});

test('a label the user deletes in the editor is deleted', () => {
  const h = withWeb();
  h.store.modify<Deployment>('Deployment', 'default', 'web', (d) => {
    d.metadata.labels = { ...d.metadata.labels, tier: 'frontend', owner: 'shop' };
  });
  const original = h.get<Deployment>('Deployment', 'web');
  const text = editFileText(original);
  const edited = text.replace(/\n\s*tier: frontend/, '');
  assert.notEqual(edited, text);
  assert.equal(applyEditedText(h.store, original, text, edited, FILE), 'deployment.apps/web edited');
  const d = h.get<Deployment>('Deployment', 'web');
  assert.equal(d.metadata.labels?.tier, undefined);
  assert.equal(d.metadata.labels?.owner, 'shop', 'the other labels stay');
});

test('an invalid value is refused with file, line and field, and nothing changes', () => {
  const { h, original, text } = setup();
  const rv = h.store.resourceVersion;
  const edited = text.replace(/replicas: 3/, 'replicas: -1');
  assert.throws(
    () => applyEditedText(h.store, original, text, edited, FILE),
    (e: unknown) => {
      assert.ok(e instanceof ManifestErrors);
      const line = lineOf(edited, 'replicas: -1');
      assert.match(e.message, new RegExp(`^${FILE}:${line}:\\d+: Deployment default/web: spec.replicas: Invalid value: -1: must be greater than or equal to 0`));
      return true;
    },
  );
  assert.equal(h.store.resourceVersion, rv);
  assert.equal(h.get<Deployment>('Deployment', 'web').spec?.replicas, 3);
});

test('an unknown field, broken YAML and a renamed object are refused too', () => {
  const { h, original, text } = setup();
  const rv = h.store.resourceVersion;
  const unknown = text.replace(/replicas: 3/, 'replicas: 3\n  replica: 4');
  assert.throws(() => applyEditedText(h.store, original, text, unknown, FILE), (e: unknown) => e instanceof Error && e.message.includes(`${FILE}:${lineOf(unknown, 'replica: 4')}:`) && /replica/.test(e.message));
  assert.throws(() => applyEditedText(h.store, original, text, `${text}\n  : : [`, FILE), (e: unknown) => e instanceof Error && e.message.startsWith(`${FILE}:`));
  const renamed = text.replace(/\n {2}name: web\n/, '\n  name: web2\n');
  assert.throws(() => applyEditedText(h.store, original, text, renamed, FILE), /the kind, name and namespace cannot be edited \(this file edits Deployment default\/web\)/);
  assert.equal(h.store.resourceVersion, rv);
  assert.equal(h.store.get('Deployment', 'default', 'web2'), undefined);
});

test('an update the API refuses (a selector change) is reported with its message and location', () => {
  const { h, original, text } = setup();
  const rv = h.store.resourceVersion;
  const edited = text.replace(/matchLabels:\n(\s+)app: web/, 'matchLabels:\n$1app: other').replace(/labels:\n(\s+)app: web\n(\s+)spec:/, 'labels:\n$1app: other\n$2spec:');
  assert.notEqual(edited, text);
  assert.throws(() => applyEditedText(h.store, original, text, edited, FILE), (e: unknown) => e instanceof Error && e.message.startsWith(`${FILE}:`) && /field is immutable/.test(e.message));
  assert.equal(h.store.resourceVersion, rv);
});
