// Subresources: status (the controllers' half of an object), scale (autoscaling/v1 Scale for the
// workloads kubectl scale and the HPA act on), log (the synthetic container logs, optionally
// followed), eviction (policy/v1, what kubectl drain posts) and binding (what a scheduler posts).
import { ApiError, notFound } from '../api/errors.js';
import { selectorFromLabelSelector, selectorFromSet, selectorToString } from '../api/labels.js';
import type { KObject } from '../api/object.js';
import type { Pod } from '../api/types.js';
import { evictPod } from '../sim/nodeOperations.js';
import { resourceName } from '../store/store.js';
import type { ApiRequest } from './context.js';
import { decodeObject, fieldValidationOf } from './decodeBody.js';
import { boolParam, intParam, readBody, sendJson } from './http.js';
import { warningHeaders } from './list.js';
import { recordUpdate } from './managedFields.js';
import { applyPatchDocument, patchContentType } from './patch.js';
import { parseBody } from './decodeBody.js';
import { rootTypeOf } from './patchMeta.js';
import { getLive, storedKind } from './resources.js';
import { HttpError, success } from './status.js';
import { requestBody, sendObject, updateManager, writeOptions } from './writes.js';

/** What needs a running process: a simulated container has none. */
const PROCESS_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);

const notAllowed = () => new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');

export async function handleSubresource(r: ApiRequest): Promise<void> {
  const sub = r.route.subresource!;
  if (r.route.resource.resource === 'pods' && PROCESS_SUBRESOURCES.has(sub)) {
    throw new HttpError('BadRequest', `kubesim simulates containers without processes, so pods/${sub} (kubectl exec, attach, port-forward) is not available; kubectl logs shows what a container prints`);
  }
  const known = r.route.resource.subresources.find((s) => s.name === sub);
  if (!known) throw new HttpError('NotFound', 'the server could not find the requested resource');
  switch (sub) {
    case 'status':
    case 'finalize':
      return status(r);
    case 'scale':
      return scale(r);
    case 'log':
      if (r.method !== 'GET') throw notAllowed();
      return logs(r);
    case 'eviction':
      if (r.method !== 'POST') throw notAllowed();
      return eviction(r);
    case 'binding':
      if (r.method !== 'POST') throw notAllowed();
      return binding(r);
    default:
      throw new HttpError('NotFound', 'the server could not find the requested resource');
  }
}

// ---- status ------------------------------------------------------------------------------

async function status(r: ApiRequest): Promise<void> {
  const live = getLive(r);
  if (r.method === 'GET') return sendObject(r, 200, live);
  let next: KObject;
  if (r.method === 'PUT') {
    next = decodeObject(await requestBody(r), { resource: r.route.resource, namespace: r.route.namespace, name: r.route.name, validation: fieldValidationOf(r.query), warnings: r.warnings });
  } else if (r.method === 'PATCH') {
    const type = patchContentType(r);
    if (type === 'application/apply-patch+yaml') throw new HttpError('UnsupportedMediaType', 'server-side apply of a status subresource is not supported by kubesim');
    const patch = parseBody(await readBody(r.req), 'json');
    const patched = applyPatchDocument(type, structuredClone(live), patch, rootTypeOf(live.kind));
    next = decodeObject(patched, { resource: r.route.resource, namespace: r.route.namespace, name: r.route.name, validation: fieldValidationOf(r.query), warnings: r.warnings });
    next.metadata.resourceVersion ??= live.metadata.resourceVersion;
  } else throw notAllowed();
  if (r.route.subresource === 'finalize') {
    // Namespace finalize: only spec.finalizers may change.
    const updated = r.ctx.store.modify(live.kind, undefined, live.metadata.name!, (d) => void ((d.spec ??= {}).finalizers = next.spec?.finalizers ?? []), { ...writeOptions(r), trusted: true });
    return sendObject(r, 200, updated);
  }
  // The store keeps the parent's metadata on status writes (controllers write status the same way),
  // so status ownership is not recorded in managedFields.
  const draft = { ...live, metadata: { ...live.metadata }, status: next.status };
  if (next.metadata.resourceVersion) draft.metadata.resourceVersion = next.metadata.resourceVersion;
  sendObject(r, 200, r.ctx.store.updateStatus(draft, writeOptions(r)));
}

// ---- scale -------------------------------------------------------------------------------

function scaleSelector(obj: KObject): string {
  if (obj.kind === 'ReplicationController') return selectorToString(selectorFromSet(obj.spec?.selector ?? {}));
  try {
    return selectorToString(selectorFromLabelSelector(obj.spec?.selector));
  } catch {
    return '';
  }
}

function scaleOf(obj: KObject): KObject {
  const meta = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion, creationTimestamp: meta.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 1 },
    status: { replicas: obj.status?.replicas ?? 0, selector: scaleSelector(obj) },
  };
}

async function scale(r: ApiRequest): Promise<void> {
  const live = getLive(r);
  const current = scaleOf(live);
  if (r.method === 'GET') return sendJson(r.res, 200, current);
  let wanted: KObject;
  if (r.method === 'PUT') wanted = (await requestBody(r)) as KObject;
  else if (r.method === 'PATCH') {
    const type = patchContentType(r);
    if (type === 'application/apply-patch+yaml') throw new HttpError('UnsupportedMediaType', 'server-side apply of the scale subresource is not supported by kubesim');
    wanted = applyPatchDocument(type, structuredClone(current), parseBody(await readBody(r.req), 'json'), undefined) as KObject;
  } else throw notAllowed();
  if (typeof wanted !== 'object' || wanted === null || wanted.kind !== 'Scale') throw new HttpError('BadRequest', `Scale in version "v1" cannot be handled: the body must be an autoscaling/v1 Scale`);
  const replicas = wanted.spec?.replicas;
  if (!Number.isInteger(replicas)) throw new HttpError('BadRequest', 'Scale.autoscaling "" is invalid: spec.replicas: Required value: must be an integer');
  if (replicas < 0) {
    throw new ApiError('Invalid', `Scale.autoscaling "${live.metadata.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`, [
      { field: 'spec.replicas', type: 'FieldValueInvalid', message: `spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0` },
    ], { kind: 'Scale.autoscaling', name: live.metadata.name });
  }
  const precondition = wanted.metadata?.resourceVersion;
  if (precondition && precondition !== live.metadata.resourceVersion) {
    throw new ApiError('Conflict', `Operation cannot be fulfilled on ${resourceName(live.kind)} "${live.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, [], { kind: resourceName(live.kind), name: live.metadata.name });
  }
  const next = structuredClone(live);
  next.spec = { ...(next.spec ?? {}), replicas };
  recordUpdate(live, next, updateManager(r, 'scale'), r.ctx.cluster.clock.iso());
  const updated = r.ctx.store.update(next, writeOptions(r));
  sendJson(r.res, 200, scaleOf(updated), 'application/json', warningHeaders(r));
}

// ---- log ---------------------------------------------------------------------------------

async function logs(r: ApiRequest): Promise<void> {
  const { namespace, name } = r.route;
  const q = r.query;
  const container = q.get('container') || undefined;
  const tailLines = intParam(q, 'tailLines');
  const sinceSeconds = intParam(q, 'sinceSeconds');
  const sinceTime = q.get('sinceTime');
  const options = {
    previous: boolParam(q, 'previous'),
    timestamps: boolParam(q, 'timestamps'),
    tailLines: tailLines !== undefined && tailLines >= 0 ? tailLines : undefined,
    sinceMs: sinceSeconds !== undefined ? sinceSeconds * 1000 : undefined,
    sinceTime: sinceTime ? Date.parse(sinceTime) : undefined,
  };
  if (options.sinceTime !== undefined && Number.isNaN(options.sinceTime)) throw new HttpError('BadRequest', `sinceTime: Invalid value: ${JSON.stringify(sinceTime)}: must be an RFC3339 time`);
  const limitBytes = intParam(q, 'limitBytes');
  const kubelets = r.ctx.cluster.kubelets;
  if (!boolParam(q, 'follow')) {
    const lines = kubelets.logs(namespace!, name!, container, options);
    let text = lines.map((l) => `${l}\n`).join('');
    if (limitBytes !== undefined && limitBytes > 0) text = Buffer.from(text).subarray(0, limitBytes).toString();
    r.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
    r.res.end(text);
    return;
  }
  // Follow: lines as the simulated container prints them, until it ends or the client leaves.
  const out = r.res;
  let stop: (() => void) | undefined;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    stop?.();
    r.ctx.streams.delete(end);
    if (!out.destroyed) out.end();
  };
  let headerWritten = false;
  const ensureHeader = () => {
    if (headerWritten) return;
    headerWritten = true;
    out.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    out.flushHeaders?.();
  };
  stop = kubelets.followLogs(namespace!, name!, container, options, (line) => {
    ensureHeader();
    if (!ended) out.write(`${line}\n`);
  }, () => end());
  ensureHeader();
  r.ctx.streams.add(end);
  out.on('close', end);
  if (ended) stop();
}

// ---- eviction ----------------------------------------------------------------------------

async function eviction(r: ApiRequest): Promise<void> {
  const body = (await requestBody(r)) as Record<string, any>;
  if (typeof body !== 'object' || body === null || body.kind !== 'Eviction') throw new HttpError('BadRequest', 'the body must be a policy/v1 Eviction');
  if (body.metadata?.name && body.metadata.name !== r.route.name) throw new HttpError('BadRequest', 'name in URL does not match name in Eviction object');
  const pod = getLive(r) as Pod;
  const grace = body.deleteOptions?.gracePeriodSeconds;
  const opts = writeOptions(r);
  if (!opts.dryRun && !pod.metadata.deletionTimestamp) evictPod(r.ctx.store, pod, typeof grace === 'number' ? grace : undefined);
  sendJson(r.res, 201, success(), 'application/json', warningHeaders(r));
}

// ---- binding -----------------------------------------------------------------------------

async function binding(r: ApiRequest): Promise<void> {
  const body = (await requestBody(r)) as Record<string, any>;
  const target = body?.target;
  if (!target?.name) throw new HttpError('Invalid', `Binding "${r.route.name}" is invalid: target.name: Required value`);
  if (target.kind && target.kind !== 'Node') throw new HttpError('Invalid', `Binding "${r.route.name}" is invalid: target.kind: Unsupported value: ${JSON.stringify(target.kind)}: supported values: "Node"`);
  const kind = storedKind(r);
  const pod = r.ctx.store.get<Pod>(kind, r.route.namespace, r.route.name!);
  if (!pod) throw notFound('pods', r.route.name!);
  if (pod.metadata.deletionTimestamp) throw new HttpError('Conflict', `pod ${pod.metadata.name} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName) throw new HttpError('Conflict', `pod ${pod.metadata.name} is already assigned to node "${pod.spec.nodeName}"`);
  if (!writeOptions(r).dryRun) {
    r.ctx.store.modify<Pod>(kind, r.route.namespace, r.route.name!, (d) => void ((d.spec ??= { containers: [] }).nodeName = target.name), { trusted: true, user: r.user });
  }
  sendJson(r.res, 201, success(), 'application/json', warningHeaders(r));
}

