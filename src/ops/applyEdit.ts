// `kubectl edit` of one object: what the user changed between the text shown and the text saved is a
// two-way strategic merge patch, applied to the live object as it is now. A field the cluster changed
// meanwhile (an HPA's replicas, a controller's annotation) stays as the cluster left it unless the
// user edited that very field; a field the user deleted is deleted.
import { isDeepStrictEqual } from 'node:util';
import type { KObject } from '../api/object.js';
import { rootTypeOf } from '../apiserver/patchMeta.js';
import { strategicMergePatch } from '../apiserver/strategicMerge.js';
import type { Store, WriteOptions } from '../store/store.js';
import type { ApplyVerb } from './applyObject.js';
import { createThreeWayMergePatch } from './threeWayMergePatch.js';

/** Applies `edited` as the change from `shown`; throws the API's error when refused. */
export function applyEdit(store: Store, shown: KObject, edited: KObject, options: WriteOptions = {}): { object: KObject; verb: ApplyVerb } {
  const meta = edited.metadata;
  const live = meta.name ? store.get(edited.kind, meta.namespace ?? 'default', meta.name) : undefined;
  // Deleted while in the editor: what was saved is created again, as before this object existed.
  if (!live) return { object: store.create(edited, options), verb: 'created' };
  const typeName = rootTypeOf(live.kind);
  const before = asJson(shown);
  // Two-way: the three-way patch with the shown object as both the original and the current.
  const patch = createThreeWayMergePatch(before, asJson(edited), before, typeName);
  if (!Object.keys(patch).length) return { object: live, verb: 'unchanged' };
  const next = strategicMergePatch(asJson(live), patch, typeName) as KObject;
  next.metadata.resourceVersion = live.metadata.resourceVersion;
  // A patch the server finds changes nothing is not written (no new resourceVersion, nobody woken).
  const preview = store.update(next, { ...options, dryRun: true });
  if (sameContent(live, preview)) return { object: live, verb: 'unchanged' };
  return { object: store.update(next, options), verb: 'configured' };
}

function asJson(obj: KObject): Record<string, unknown> {
  return JSON.parse(JSON.stringify(obj)) as Record<string, unknown>;
}

function sameContent(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => JSON.parse(JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, generation: undefined, managedFields: undefined }, status: undefined })) as unknown;
  return isDeepStrictEqual(strip(a), strip(b));
}
