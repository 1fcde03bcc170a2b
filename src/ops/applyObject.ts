// `kubectl apply` of one object (client-side apply): create it with the last-applied annotation, or
// patch the live object with the three-way strategic merge patch (last-applied, manifest, live) —
// so defaults and admission's additions (a pod's default tolerations) are kept, fields dropped from
// the manifest are removed, and an unchanged manifest sends nothing at all.
import { isDeepStrictEqual } from 'node:util';
import type { KObject } from '../api/object.js';
import { rootTypeOf } from '../apiserver/patchMeta.js';
import { strategicMergePatch } from '../apiserver/strategicMerge.js';
import { mustKind } from '../api/kinds.js';
import type { Store, WriteOptions } from '../store/store.js';
import { LAST_APPLIED, lastAppliedOf, withLastApplied } from './lastApplied.js';
import { createThreeWayMergePatch } from './threeWayMergePatch.js';

export type ApplyVerb = 'created' | 'configured' | 'unchanged';

export interface AppliedObject {
  object: KObject;
  verb: ApplyVerb;
  /** kubectl's warning when the live object was not created by apply (no last-applied annotation). */
  warning?: string;
  /** The patch computed (undefined on create): `{}` when unchanged. */
  patch?: Record<string, unknown>;
}

/** Applies one decoded manifest; throws the API's error (Invalid, Forbidden, ...) when refused. */
export function applyObject(store: Store, manifest: KObject, options: WriteOptions = {}): AppliedObject {
  const modified = withLastApplied(manifest);
  const meta = modified.metadata;
  const live = meta.name ? store.get(modified.kind, meta.namespace, meta.name) : undefined;
  if (!live) return { object: store.create(modified, options), verb: 'created' };

  const original = lastAppliedOf(live);
  const warning = original ? undefined : missingAnnotationWarning(live);
  const typeName = rootTypeOf(live.kind);
  const current = asJson(live);
  const patch = createThreeWayMergePatch(original, asJson(modified), current, typeName);
  // kubectl sends nothing for an empty patch and prints "unchanged".
  if (!Object.keys(patch).length) return { object: live, verb: 'unchanged', warning, patch };

  // kubectl, which sent a patch, says "configured" even when the server found nothing to write.
  return { object: patchLive(store, live, patch, typeName, options, current).object, verb: 'configured', warning, patch };
}

/**
 * A strategic merge patch applied to the live object as the API server applies it: a patch that
 * changes nothing is not written (no new resourceVersion, nobody woken).
 */
export function patchLive(store: Store, live: KObject, patch: Record<string, unknown>, typeName: string | undefined, options: WriteOptions, current = asJson(live)): { object: KObject; written: boolean } {
  const next = strategicMergePatch(current, patch, typeName) as KObject;
  next.metadata.resourceVersion = live.metadata.resourceVersion;
  const preview = store.update(next, { ...options, dryRun: true });
  if (sameContent(live, preview)) return { object: live, written: false };
  return { object: store.update(next, options), written: true };
}

export function asJson(obj: KObject): Record<string, unknown> {
  return JSON.parse(JSON.stringify(obj)) as Record<string, unknown>;
}

/** The same object but for bookkeeping, whatever the order of its keys. */
function sameContent(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => JSON.parse(JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, generation: undefined, managedFields: undefined }, status: undefined })) as unknown;
  return isDeepStrictEqual(strip(a), strip(b));
}

function missingAnnotationWarning(live: KObject): string {
  return (
    `resource ${mustKind(live.kind).plural}/${live.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. ` +
    'kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. ' +
    'The missing annotation will be patched automatically.'
  );
}
