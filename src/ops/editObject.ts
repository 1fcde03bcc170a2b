// kubectl edit, without the editor: the text a user edits (the object without status and
// managedFields, under a header saying what to do), and applying what they saved through the same
// decoder and apply as `kubesim run -f` — a bad edit is refused with file, line and field and changes
// nothing.
import { isDeepStrictEqual } from 'node:util';
import YAML from 'yaml';
import { clone, type KObject } from '../api/object.js';
import { applyManifests } from '../manifests/apply.js';
import { describeObject } from '../manifests/decode.js';
import { ManifestError, ManifestErrors } from '../manifests/errors.js';
import { loadManifestText } from '../manifests/load.js';
import type { Store } from '../store/store.js';
import { kubectlRef } from './names.js';

export const EDIT_CANCELLED = 'edit cancelled, no changes made';

/** The YAML a user edits: apiVersion, kind, metadata (without managedFields), spec and the rest; no status. */
export function editableYaml(obj: KObject): string {
  const copy = clone(obj) as KObject & Record<string, unknown>;
  delete copy.status;
  delete (copy.metadata as Record<string, unknown>).managedFields;
  const ordered: Record<string, unknown> = { apiVersion: copy.apiVersion, kind: copy.kind, metadata: copy.metadata };
  for (const [k, v] of Object.entries(copy)) if (!(k in ordered)) ordered[k] = v;
  return YAML.stringify(ordered, { lineWidth: 0 });
}

/** The editor's file: a comment header, then the object. Line numbers in errors count the header. */
export function editFileText(obj: KObject): string {
  const header = [
    `# Editing ${kubectlRef(obj.kind, obj.metadata.name ?? '')}${obj.metadata.namespace ? ` in namespace ${obj.metadata.namespace}` : ''}.`,
    '# Change what you want, save and quit the editor: kubesim validates the object like',
    '# `kubectl apply` and applies it. A bad edit is refused with the reason and changes nothing.',
    '# Quit without saving, or empty the file, to cancel. status is not shown: the cluster writes it.',
  ];
  return `${header.join('\n')}\n${editableYaml(obj)}`;
}

/** Applies the text a user saved for `original`; returns kubectl's line; throws a located error when refused. */
export function applyEditedText(store: Store, original: KObject, before: string, after: string, fileName: string): string {
  if (after === before || sameDocument(before, after)) return EDIT_CANCELLED;
  if (!after.split('\n').some((line) => line.trim() && !line.trim().startsWith('#'))) return `${EDIT_CANCELLED}: the file was empty`;
  const loaded = loadManifestText(after, fileName); // throws ManifestErrors, each located
  if (loaded.manifests.length !== 1) {
    throw new ManifestError({ file: fileName, line: 1, column: 1 }, undefined, `the file must hold exactly one object (found ${loaded.manifests.length})`);
  }
  const [manifest] = loaded.manifests;
  const edited = manifest.object;
  const sameTarget =
    edited.kind === original.kind &&
    (edited.metadata.name ?? '') === (original.metadata.name ?? '') &&
    (edited.metadata.namespace ?? original.metadata.namespace) === original.metadata.namespace;
  if (!sameTarget) {
    throw new ManifestError(
      manifest.document.location,
      describeObject(edited),
      `the kind, name and namespace cannot be edited (this file edits ${describeObject(original)})`,
    );
  }
  // A namespace left out means the object's own, not `default`.
  if (original.metadata.namespace) edited.metadata.namespace = original.metadata.namespace;
  // The text shown, read the same way: the user's change is the difference between the two.
  const shown = loadManifestText(before, fileName).manifests[0]?.object ?? original;
  if (original.metadata.namespace) shown.metadata.namespace = original.metadata.namespace;
  const result = applyManifests(store, loaded.manifests, { editedFrom: shown }); // ApiError → ManifestError with the location
  const line = result.lines[0] ?? '';
  return line.endsWith(' unchanged') ? EDIT_CANCELLED : `${kubectlRef(original.kind, original.metadata.name ?? '')} edited`;
}

/** Only comments or formatting changed: the same object, so nothing to write. */
function sameDocument(before: string, after: string): boolean {
  try {
    return isDeepStrictEqual(YAML.parse(before), YAML.parse(after));
  } catch {
    return false; // the loader reports what is wrong with it
  }
}

export { ManifestError, ManifestErrors };
