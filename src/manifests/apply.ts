// Applying decoded manifests: all or nothing. Every object is created or patched as `kubectl apply`
// does (src/ops/applyObject: the three-way merge with the last-applied configuration), inside one
// store transaction; the first refusal undoes them all. An edit (`editedFrom`) applies what the user
// changed from the object shown, as `kubectl edit` does (src/ops/applyEdit).
import { ApiError, isApiError } from '../api/errors.js';
import type { KObject } from '../api/object.js';
import { applyEdit } from '../ops/applyEdit.js';
import { applyObject } from '../ops/applyObject.js';
import type { Store, WriteOptions } from '../store/store.js';
import type { DecodedManifest } from './decode.js';
import { ManifestError } from './errors.js';

export interface ApplyResult {
  /** kubectl-style lines: `deployment.apps/web created`, `service/web unchanged`. */
  lines: string[];
  objects: KObject[];
  /** kubectl's warnings (an object that was not created by apply gets its annotation now). */
  warnings: string[];
}

export interface ApplyOptions extends WriteOptions {
  /** `kubectl edit`: the object as the editor showed it; the saved one is applied as the change from it. */
  editedFrom?: KObject;
}

/** Kinds other objects live in or refer to go first, as `kubectl apply` users expect to just work. */
const APPLY_ORDER = ['Namespace', 'PriorityClass', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount', 'Role', 'RoleBinding', 'ResourceQuota', 'LimitRange', 'ConfigMap', 'Secret', 'PersistentVolume', 'PersistentVolumeClaim', 'Service'];

function rank(kind: string): number {
  const i = APPLY_ORDER.indexOf(kind);
  return i < 0 ? APPLY_ORDER.length : i;
}

export function applyManifests(store: Store, manifests: DecodedManifest[], options: ApplyOptions = {}): ApplyResult {
  const { editedFrom, ...writeOptions } = options;
  const ordered = manifests.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m.object.kind) - rank(b.m.object.kind) || a.i - b.i);
  const result: ApplyResult = { lines: [], objects: [], warnings: [] };
  store.transaction(() => {
    for (const { m } of ordered) {
      try {
        const applied: { object: KObject; verb: string; warning?: string } = editedFrom ? applyEdit(store, editedFrom, m.object, writeOptions) : applyObject(store, m.object, writeOptions);
        const { object, verb } = applied;
        if (applied.warning) result.warnings.push(applied.warning);
        result.objects.push(object);
        result.lines.push(`${resourceLabel(object)} ${verb}`);
      } catch (error) {
        if (isApiError(error)) throw located(m, error);
        throw error;
      }
    }
  });
  return result;
}

/**
 * An API refusal, placed in the file: an invalid object at its first bad field with just the field
 * messages (the object is already named), anything else (quota, a terminating namespace) at the
 * document with the API server's whole message.
 */
function located(m: DecodedManifest, error: ApiError): ManifestError {
  const first = error.causes[0];
  if (error.reason === 'NotFound' && error.details.kind === 'namespaces') {
    const hint = 'create it first: add a Namespace to the files you apply (kubesim applies Namespaces before the rest), or remove metadata.namespace';
    return new ManifestError(m.document.locate('metadata.namespace'), m.displayName, `${error.message}: ${hint}`);
  }
  if (error.reason !== 'Invalid' || !first) return new ManifestError(m.document.location, m.displayName, error.message);
  return new ManifestError(m.document.locate(first.field), m.displayName, error.causes.map((c) => c.message).join('; '));
}

/** `deployment.apps/web`, as kubectl prints applied objects. */
export function resourceLabel(obj: KObject): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return `${obj.kind.toLowerCase()}${group ? `.${group}` : ''}/${obj.metadata.name}`;
}

export { ApiError };
