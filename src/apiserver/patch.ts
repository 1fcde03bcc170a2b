// PATCH: JSON patch, merge patch and strategic merge patch apply to the object as the client sees it
// (its served version) and the result is stored like an update; an apply patch
// (application/apply-patch+yaml) goes through server-side apply and may create the object.
import type { KObject } from '../api/object.js';
import { applyMergePatch } from '../store/mergePatch.js';
import type { ApiRequest } from './context.js';
import { decodeObject, fieldValidationOf, parseBody } from './decodeBody.js';
import { boolParam, contentTypeOf, readBody } from './http.js';
import { applyJsonPatch } from './jsonPatch.js';
import { recordUpdate } from './managedFields.js';
import { rootTypeOf } from './patchMeta.js';
import { getLive } from './resources.js';
import { serverSideApply } from './serverSideApply.js';
import { HttpError } from './status.js';
import { strategicMergePatch } from './strategicMerge.js';
import { toServedVersion } from './versions.js';
import { fieldManagerName, prepareForCreate, sendObject, updateManager, writeOptions } from './writes.js';

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

/** Applies a non-apply patch of `contentType` to a plain JSON document of schema type `typeName`. */
export function applyPatchDocument(contentType: string, doc: unknown, patch: unknown, typeName: string | undefined): unknown {
  switch (contentType) {
    case 'application/json-patch+json':
      return applyJsonPatch(doc, patch);
    case 'application/merge-patch+json':
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new HttpError('BadRequest', 'invalid JSON merge patch: the patch must be a JSON object');
      return applyMergePatch(doc, patch);
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(doc, patch, typeName);
    default:
      throw new HttpError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`);
  }
}

export function patchContentType(r: ApiRequest): string {
  const type = contentTypeOf(r.req);
  if (!PATCH_TYPES.includes(type)) {
    throw new HttpError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`);
  }
  return type;
}

export async function handlePatch(r: ApiRequest): Promise<void> {
  const type = patchContentType(r);
  const raw = await readBody(r.req);
  const patch = parseBody(raw, type === 'application/apply-patch+yaml' ? 'yaml' : 'json');
  if (type === 'application/apply-patch+yaml') return apply(r, patch);
  const res = r.route.resource;
  const live = getLive(r);
  const kind = res.stored!.kind;
  const served = toServedVersion(live, res);
  const patched = applyPatchDocument(type, structuredClone(served), patch, res.version === res.stored!.version ? rootTypeOf(kind) : undefined);
  const next = decodeObject(patched, { resource: res, namespace: r.route.namespace, name: r.route.name, validation: fieldValidationOf(r.query), warnings: r.warnings });
  // A patch that leaves resourceVersion alone is unconditional; one that sets it is a precondition.
  next.metadata.resourceVersion ??= live.metadata.resourceVersion;
  recordUpdate(live, next, updateManager(r), r.ctx.cluster.clock.iso());
  sendObject(r, 200, r.ctx.store.update(next, writeOptions(r)));
}

async function apply(r: ApiRequest, patch: unknown): Promise<void> {
  if (!r.query.get('fieldManager')) {
    throw new HttpError('Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', {
      kind: 'PatchOptions',
      group: 'meta.k8s.io',
      causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }],
    });
  }
  const res = r.route.resource;
  const kind = res.stored!.kind;
  const applied = decodeObject(patch, { resource: res, namespace: r.route.namespace, name: r.route.name, validation: fieldValidationOf(r.query), warnings: r.warnings });
  const live = r.ctx.store.get(kind, r.route.namespace, r.route.name!);
  const result = serverSideApply(live, applied, {
    manager: fieldManagerName(r),
    apiVersion: res.groupVersion,
    force: boolParam(r.query, 'force'),
    now: r.ctx.cluster.clock.iso(),
  });
  if (!live) {
    const created = r.ctx.store.create(prepareForCreate(result as KObject), writeOptions(r));
    sendObject(r, 201, created);
    return;
  }
  result.metadata.resourceVersion = live.metadata.resourceVersion;
  sendObject(r, 200, r.ctx.store.update(result, writeOptions(r)));
}
