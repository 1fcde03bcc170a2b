// What every write shares: dry-run, the acting user, the field manager, and the object's response.
import { clone, type KObject } from '../api/object.js';
import type { WriteOptions } from '../store/store.js';
import type { ApiRequest } from './context.js';
import { contentTypeOf, readBody, sendJson } from './http.js';
import { warningHeaders } from './list.js';
import { managerFromUserAgent, type Manager } from './managedFields.js';
import { HttpError } from './status.js';
import { partialMetadata, toTable, includeObjectOf } from './table.js';
import { toServedVersion } from './versions.js';
import { parseBody } from './decodeBody.js';
import { decodeProtobufBody } from './protobufBody.js';

export function writeOptions(r: ApiRequest): WriteOptions {
  const dryRun = r.query.getAll('dryRun');
  for (const v of dryRun) if (v !== 'All') throw new HttpError('BadRequest', `dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`);
  return { dryRun: dryRun.length > 0, user: r.user };
}

export function fieldManagerName(r: ApiRequest): string {
  const name = r.query.get('fieldManager');
  if (name !== null && name.length > 128) throw new HttpError('Invalid', `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes`);
  return name || managerFromUserAgent(r.req.headers['user-agent']);
}

export function updateManager(r: ApiRequest, subresource?: string): Manager {
  return { manager: fieldManagerName(r), operation: 'Update', apiVersion: r.route.resource.groupVersion, subresource };
}

/** A create/update body: JSON or YAML, or protobuf for the few kinds kubectl's typed clients send so. */
export async function requestBody(r: ApiRequest): Promise<unknown> {
  const body = await readBody(r.req);
  const type = contentTypeOf(r.req);
  if (type === 'application/vnd.kubernetes.protobuf') return decodeProtobufBody(body);
  if (type !== 'application/json' && !type.includes('yaml')) {
    throw new HttpError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
  }
  return parseBody(body, type);
}

/** The stored object as the client asked to see it (object, Table row, or metadata only). */
export function sendObject(r: ApiRequest, code: number, obj: KObject): void {
  const res = r.route.resource;
  const rep = r.representation;
  let body: unknown;
  if (rep.as === 'Table' && res.stored) {
    body = toTable([obj], {
      kind: res.stored.kind,
      version: rep.version,
      includeObject: includeObjectOf(r.query),
      served: (o) => toServedVersion(o, res),
      store: r.ctx.store,
      now: r.ctx.cluster.clock.now(),
      listMeta: { resourceVersion: obj.metadata.resourceVersion },
    });
  } else if (rep.as === 'PartialObjectMetadata') body = partialMetadata(obj, rep.version);
  else body = res.stored ? toServedVersion(obj, res) : obj;
  sendJson(r.res, code, body, 'application/json', warningHeaders(r));
}

/** Status is the controllers' business: a create through the API starts without one. */
const CLEARS_STATUS_ON_CREATE = new Set(['Pod', 'ReplicationController', 'Service', 'PersistentVolume', 'PersistentVolumeClaim', 'ResourceQuota', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'Ingress', 'Namespace']);

export function prepareForCreate(obj: KObject): KObject {
  const out = clone(obj);
  if (CLEARS_STATUS_ON_CREATE.has(out.kind)) delete out.status;
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'selfLink'] as const) delete (out.metadata as any)[k];
  return out;
}
