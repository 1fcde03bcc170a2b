// `kubectl edit` of one object: what the user changed between the text shown and the text saved is a
// two-way strategic merge patch, applied to the live object as it is now. A field the cluster changed
// meanwhile (an HPA's replicas, a controller's annotation) stays as the cluster left it unless the
// user edited that very field; a field the user deleted is deleted.
import type { KObject } from '../api/object.js';
import { rootTypeOf } from '../apiserver/patchMeta.js';
import type { Store, WriteOptions } from '../store/store.js';
import { asJson, patchLive, type ApplyVerb } from './applyObject.js';
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
  const { object, written } = patchLive(store, live, patch, typeName, options);
  return { object, verb: written ? 'configured' : 'unchanged' };
}
