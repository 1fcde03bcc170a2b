// Collection and item handlers: GET (one object, a list, or a watch), POST (create), PUT (update),
// DELETE (one object with propagationPolicy, gracePeriodSeconds and preconditions, or a collection).
// Every write goes through the store, so defaulting, validation, admission and the watch stream are
// the same as for manifests and the dashboard.
import { notFound } from '../api/errors.js';
import type { KObject } from '../api/object.js';
import { resourceName, type DeleteOptions, type PropagationPolicy } from '../store/store.js';
import { selectObjects, selectionOf, type ApiRequest } from './context.js';
import { decodeObject, fieldValidationOf } from './decodeBody.js';
import { boolParam, contentTypeOf, intParam, readBody, sendJson } from './http.js';
import { byKey, handleList, warningHeaders } from './list.js';
import { recordUpdate } from './managedFields.js';
import { handlePatch } from './patch.js';
import { HttpError, success } from './status.js';
import { handleWatch } from './watch.js';
import { prepareForCreate, requestBody, sendObject, updateManager, writeOptions } from './writes.js';
import { toServedVersion } from './versions.js';
import { parseBody } from './decodeBody.js';

export function storedKind(r: ApiRequest): string {
  return r.route.resource.stored!.kind;
}

export function getLive(r: ApiRequest): KObject {
  const kind = storedKind(r);
  const obj = r.ctx.store.get(kind, r.route.namespace, r.route.name!);
  if (!obj) throw notFound(resourceName(kind), r.route.name!);
  return obj;
}

export async function handleResource(r: ApiRequest): Promise<void> {
  const { method, route } = r;
  const item = route.name !== undefined;
  const watch = route.watchPrefix || boolParam(r.query, 'watch');
  switch (method) {
    case 'GET':
      if (watch) return handleWatch(r);
      if (!item) return handleList(r);
      return sendObject(r, 200, getLive(r));
    case 'POST':
      if (item) throw new HttpError('MethodNotAllowed', `the server does not allow this method on the requested resource`);
      return create(r);
    case 'PUT':
      if (!item) throw new HttpError('MethodNotAllowed', `the server does not allow this method on the requested resource`);
      return update(r);
    case 'PATCH':
      if (!item) throw new HttpError('MethodNotAllowed', `the server does not allow this method on the requested resource`);
      return handlePatch(r);
    case 'DELETE':
      return item ? deleteOne(r) : deleteCollection(r);
    default:
      throw new HttpError('MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }
}

async function create(r: ApiRequest): Promise<void> {
  const res = r.route.resource;
  const body = await requestBody(r);
  const decoded = decodeObject(body, { resource: res, namespace: r.route.namespace, validation: fieldValidationOf(r.query), warnings: r.warnings });
  if (res.namespaced && !decoded.metadata.namespace) decoded.metadata.namespace = 'default';
  const obj = prepareForCreate(decoded);
  recordUpdate(undefined, obj, updateManager(r), r.ctx.cluster.clock.iso());
  const created = r.ctx.store.create(obj, writeOptions(r));
  sendObject(r, 201, created);
}

async function update(r: ApiRequest): Promise<void> {
  const res = r.route.resource;
  const body = await requestBody(r);
  const obj = decodeObject(body, { resource: res, namespace: r.route.namespace, name: r.route.name, validation: fieldValidationOf(r.query), warnings: r.warnings });
  const live = getLive(r);
  recordUpdate(live, obj, updateManager(r), r.ctx.cluster.clock.iso());
  const updated = r.ctx.store.update(obj, writeOptions(r));
  sendObject(r, 200, updated);
}

const POLICIES = ['Orphan', 'Background', 'Foreground'];

/** DeleteOptions from the body (kubectl sends one) and the query (curl users do). */
async function deleteOptions(r: ApiRequest): Promise<DeleteOptions> {
  const raw = await readBody(r.req);
  const body: Record<string, any> = raw.length && raw.toString().trim() ? (parseBody(raw, contentTypeOf(r.req)) as Record<string, any>) ?? {} : {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError('BadRequest', 'the body of a delete must be a DeleteOptions object');
  const opts: DeleteOptions = { ...writeOptions(r) };
  if (Array.isArray(body.dryRun) && body.dryRun.includes('All')) opts.dryRun = true;
  const grace = body.gracePeriodSeconds ?? intParam(r.query, 'gracePeriodSeconds');
  if (grace !== undefined && grace !== null) {
    if (typeof grace !== 'number' || !Number.isInteger(grace)) throw new HttpError('BadRequest', 'gracePeriodSeconds must be an integer');
    opts.gracePeriodSeconds = grace < 0 ? undefined : grace;
  }
  let policy = body.propagationPolicy ?? r.query.get('propagationPolicy') ?? undefined;
  const orphan = body.orphanDependents ?? (r.query.has('orphanDependents') ? boolParam(r.query, 'orphanDependents') : undefined);
  if (policy === undefined && orphan !== undefined) policy = orphan ? 'Orphan' : 'Background';
  if (policy !== undefined && policy !== null) {
    if (!POLICIES.includes(policy)) {
      throw new HttpError('Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    if (orphan !== undefined && body.propagationPolicy !== undefined) {
      throw new HttpError('Invalid', 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "' + policy + '": orphanDependents and deletionPropagation cannot be both set');
    }
    opts.propagationPolicy = policy as PropagationPolicy;
  }
  if (body.preconditions && typeof body.preconditions === 'object') opts.preconditions = { uid: body.preconditions.uid, resourceVersion: body.preconditions.resourceVersion };
  return opts;
}

/** Pods come back as objects; other kinds as a Status naming what was deleted, as the apiserver answers. */
function deletedResponse(r: ApiRequest, kind: string, gone: KObject): { code: number; body: unknown } {
  const still = r.ctx.store.get(kind, gone.metadata.namespace, gone.metadata.name!);
  if (still && !r.query.has('dryRun')) return { code: 200, body: toServedVersion(still, r.route.resource) };
  if (kind === 'Pod' || r.query.has('dryRun')) return { code: 200, body: toServedVersion(gone, r.route.resource) };
  const res = r.route.resource;
  return { code: 200, body: success({ name: gone.metadata.name, group: res.group, kind: res.resource, uid: gone.metadata.uid }) };
}

async function deleteOne(r: ApiRequest): Promise<void> {
  const kind = storedKind(r);
  const opts = await deleteOptions(r);
  getLive(r);
  const gone = r.ctx.store.delete(kind, r.route.namespace, r.route.name!, opts)!;
  const { code, body } = deletedResponse(r, kind, gone);
  sendJson(r.res, code, body, 'application/json', warningHeaders(r));
}

async function deleteCollection(r: ApiRequest): Promise<void> {
  const kind = storedKind(r);
  const opts = await deleteOptions(r);
  const targets = selectObjects(r.ctx.store, kind, selectionOf(r)).sort(byKey);
  const deleted: KObject[] = [];
  for (const obj of targets) {
    if (obj.metadata.deletionTimestamp) continue;
    deleted.push(r.ctx.store.delete(kind, obj.metadata.namespace, obj.metadata.name!, opts) ?? obj);
  }
  const res = r.route.resource;
  const items = deleted.map((o) => {
    const { kind: _k, apiVersion: _a, ...rest } = toServedVersion(o, res);
    return rest;
  });
  sendJson(r.res, 200, { kind: `${res.kind}List`, apiVersion: res.groupVersion, metadata: { resourceVersion: String(r.ctx.store.resourceVersion) }, items }, 'application/json', warningHeaders(r));
}
