// OpenAPI documents: v3 per group/version (/openapi/v3 lists them; kubectl explain, kubectl apply's
// patch computation and its field-validation check read them) and the v2 document (/openapi/v2, as
// JSON or, for the protobuf kubectl asks for, in gnostic's wire format).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { typeForKind } from '../api/schema/schema.js';
import { KUBELET_VERSION } from '../kubelet/nodeObject.js';
import { RESOURCES, type ResourceInfo } from './apiResources.js';
import { parseMediaTypes } from './http.js';
import { definitionName, definitionsFor, refTo, registerKind, type Dialect, type Schema } from './openapiSchemas.js';
import { encodeOpenApiV2 } from './openapiProto.js';
import { HttpError } from './status.js';

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** What kube-openapi answers with: `@` is not valid in a media type, so the reply spells it with a dot. */
const V2_PROTOBUF_REPLY = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

for (const r of RESOURCES) if (r.stored && r.version === r.stored.version) registerKind(r.kind, r.group, r.version);

/** autoscaling/v1 HorizontalPodAutoscaler is served by conversion; its schema is small enough to write down. */
const HPA_V1 = 'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler';
function hpaV1Definitions(dialect: Dialect): Record<string, Schema> {
  const ref = (name: string) => (dialect === 'v3' ? { allOf: [{ $ref: refTo(name, dialect) }] } : { $ref: refTo(name, dialect) });
  return {
    [HPA_V1]: {
      description: 'configuration of a horizontal pod autoscaler.',
      type: 'object',
      properties: {
        apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
        kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
        metadata: { ...ref(definitionName('meta/v1.ObjectMeta')), description: "Standard object's metadata." },
        spec: { ...ref('io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec'), description: 'spec defines the behaviour of autoscaler.' },
        status: { type: 'object', description: 'status is the current information about the autoscaler.' },
      },
      'x-kubernetes-group-version-kind': [{ group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' }],
    },
    'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec': {
      description: 'specification of a horizontal pod autoscaler.',
      type: 'object',
      required: ['scaleTargetRef', 'maxReplicas'],
      properties: {
        scaleTargetRef: { ...ref(definitionName('autoscaling/v2.CrossVersionObjectReference')), description: 'reference to scaled resource.' },
        minReplicas: { type: 'integer', format: 'int32', description: 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.' },
        maxReplicas: { type: 'integer', format: 'int32', description: 'maxReplicas is the upper limit for the number of pods that can be set by the autoscaler.' },
        targetCPUUtilizationPercentage: { type: 'integer', format: 'int32', description: 'targetCPUUtilizationPercentage is the target average CPU utilization over all the pods.' },
      },
    },
  };
}

function schemaNameOf(r: ResourceInfo): string | undefined {
  if (r.kind === 'HorizontalPodAutoscaler' && r.version === 'v1') return HPA_V1;
  const type = r.stored ? typeForKind(r.kind) : undefined;
  return type ? definitionName(type) : undefined;
}

function query(name: string, description: string, type = 'string'): Schema {
  return { name, in: 'query', description, uniqueItems: true, schema: { type } };
}

const DRY_RUN = query('dryRun', 'When present, indicates that modifications should not be persisted. The only valid value is All.');
const FIELD_MANAGER = query('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.');
const FIELD_VALIDATION = query('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields: Ignore, Warn or Strict.');
const FORCE = query('force', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.', 'boolean');
const LIST_PARAMS = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'].map((n) =>
  query(n, `${n} of a list or watch.`, ['allowWatchBookmarks', 'watch', 'sendInitialEvents'].includes(n) ? 'boolean' : n === 'limit' || n === 'timeoutSeconds' ? 'integer' : 'string'),
);
const PATH_NAME: Schema = { name: 'name', in: 'path', description: 'name of the resource', required: true, schema: { type: 'string' } };
const PATH_NAMESPACE: Schema = { name: 'namespace', in: 'path', description: 'object name and auth scope, such as for teams and projects', required: true, schema: { type: 'string' } };

interface Op {
  action: string;
  operationId: string;
  parameters: Schema[];
  gvk: { group: string; version: string; kind: string };
  body?: string[]; // request content types
  schema?: string; // response/request schema name
}

function operation(op: Op, dialect: Dialect): Schema {
  const out: Schema = {
    description: `${op.action} ${op.gvk.kind}`,
    operationId: op.operationId,
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': op.gvk,
  };
  const parameters = op.parameters.map((p) => (dialect === 'v3' ? p : v2Parameter(p)));
  const schemaRef = op.schema ? { $ref: refTo(op.schema, dialect) } : { type: 'object' };
  if (dialect === 'v3') {
    if (op.body) out.requestBody = { content: Object.fromEntries(op.body.map((t) => [t, { schema: schemaRef }])), required: true };
    out.responses = { '200': { description: 'OK', content: { 'application/json': { schema: schemaRef } } }, '401': { description: 'Unauthorized' } };
  } else {
    if (op.body) {
      parameters.unshift({ name: 'body', in: 'body', required: true, schema: schemaRef });
      out.consumes = op.body;
    }
    out.produces = ['application/json'];
    out.schemes = ['https'];
    out.responses = { '200': { description: 'OK', schema: schemaRef }, '401': { description: 'Unauthorized' } };
  }
  out.parameters = parameters;
  return out;
}

function v2Parameter(p: Schema): Schema {
  const { schema, ...rest } = p as { schema?: Schema };
  return { ...rest, ...(schema ?? {}) };
}

function opId(verb: string, r: ResourceInfo, namespaced: boolean, sub?: string): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const gv = (r.group ? r.group.split('.')[0] : 'core') + cap(r.version);
  return `${verb}${cap(gv)}${namespaced ? 'Namespaced' : ''}${r.kind}${sub ? cap(sub) : ''}`;
}

/** Every path of one resource: collection, item, all-namespaces list, and subresources. */
function resourcePaths(r: ResourceInfo, dialect: Dialect): Record<string, Schema> {
  const prefix = r.group ? `/apis/${r.groupVersion}` : `/api/${r.version}`;
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const schema = schemaNameOf(r);
  const base = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.resource}` : `${prefix}/${r.resource}`;
  const scope = r.namespaced ? [PATH_NAMESPACE] : [];
  const paths: Record<string, Schema> = {};
  const writeParams = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
  const ns = r.namespaced;
  paths[base] = {
    get: operation({ action: 'list', operationId: opId('list', r, ns), parameters: LIST_PARAMS, gvk }, dialect),
    post: operation({ action: 'post', operationId: opId('create', r, ns), parameters: writeParams, gvk, body: ['application/json'], schema }, dialect),
    delete: operation({ action: 'deletecollection', operationId: opId('deleteCollection', r, ns), parameters: [DRY_RUN, ...LIST_PARAMS], gvk }, dialect),
    parameters: scope,
  };
  paths[`${base}/{name}`] = {
    get: operation({ action: 'get', operationId: opId('read', r, ns), parameters: [], gvk, schema }, dialect),
    put: operation({ action: 'put', operationId: opId('replace', r, ns), parameters: writeParams, gvk, body: ['application/json'], schema }, dialect),
    patch: operation({ action: 'patch', operationId: opId('patch', r, ns), parameters: [...writeParams, FORCE], gvk, body: PATCH_TYPES, schema }, dialect),
    delete: operation({ action: 'delete', operationId: opId('delete', r, ns), parameters: [DRY_RUN, query('gracePeriodSeconds', 'The duration in seconds before the object should be deleted.', 'integer'), query('propagationPolicy', 'Whether and how garbage collection will be performed.')], gvk }, dialect),
    parameters: [PATH_NAME, ...scope],
  };
  if (ns) paths[`${prefix}/${r.resource}`] = { get: operation({ action: 'list', operationId: `${opId('list', r, false)}ForAllNamespaces`, parameters: LIST_PARAMS, gvk }, dialect) };
  for (const s of r.subresources) {
    if (s.name !== 'status' && s.name !== 'scale') continue;
    const subGvk = s.kind;
    const subSchema = s.name === 'status' ? schema : undefined;
    paths[`${base}/{name}/${s.name}`] = {
      get: operation({ action: 'get', operationId: opId('read', r, ns, s.name), parameters: [], gvk: subGvk, schema: subSchema }, dialect),
      put: operation({ action: 'put', operationId: opId('replace', r, ns, s.name), parameters: writeParams, gvk: subGvk, body: ['application/json'], schema: subSchema }, dialect),
      patch: operation({ action: 'patch', operationId: opId('patch', r, ns, s.name), parameters: [...writeParams, FORCE], gvk: subGvk, body: PATCH_TYPES, schema: subSchema }, dialect),
      parameters: [PATH_NAME, ...scope],
    };
  }
  return paths;
}

function servedInOpenApi(r: ResourceInfo): boolean {
  return !!schemaNameOf(r);
}

function definitions(resources: ResourceInfo[], dialect: Dialect): Record<string, Schema> {
  const roots = resources.filter((r) => r.version === r.stored?.version).map((r) => typeForKind(r.kind)!);
  const defs = definitionsFor(roots, dialect);
  if (resources.some((r) => r.kind === 'HorizontalPodAutoscaler' && r.version === 'v1')) {
    Object.assign(defs, definitionsFor(['meta/v1.ObjectMeta', 'autoscaling/v2.CrossVersionObjectReference'], dialect), hpaV1Definitions(dialect));
  }
  return defs;
}

// ---- v3 --------------------------------------------------------------------------------

const v3Cache = new Map<string, { text: string; hash: string }>();

function v3Document(groupVersion: string): { text: string; hash: string } | undefined {
  const cached = v3Cache.get(groupVersion);
  if (cached) return cached;
  const resources = RESOURCES.filter((r) => r.groupVersion === groupVersion && servedInOpenApi(r));
  if (!resources.length) return undefined;
  const paths: Record<string, Schema> = {};
  for (const r of resources) Object.assign(paths, resourcePaths(r, 'v3'));
  const doc = { openapi: '3.0.0', info: { title: 'Kubernetes', version: KUBELET_VERSION }, paths, components: { schemas: definitions(resources, 'v3') } };
  const text = JSON.stringify(doc);
  const entry = { text, hash: createHash('sha512').update(text).digest('hex').toUpperCase() };
  v3Cache.set(groupVersion, entry);
  return entry;
}

function servedGroupVersions(): string[] {
  return [...new Set(RESOURCES.filter(servedInOpenApi).map((r) => r.groupVersion))];
}

export function openApiV3Index() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of servedGroupVersions()) {
    const key = gv.includes('/') ? `apis/${gv}` : `api/${gv}`;
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${v3Document(gv)!.hash}` };
  }
  return { paths };
}

export function openApiV3Document(groupVersion: string, url: URL, res: ServerResponse): void {
  const doc = v3Document(groupVersion);
  if (!doc) throw new HttpError('NotFound', 'the server could not find the requested resource');
  const hash = url.searchParams.get('hash');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ETag: `"${doc.hash}"`, 'Content-Length': String(Buffer.byteLength(doc.text)) };
  if (hash === doc.hash) headers['Cache-Control'] = 'public, immutable';
  else headers['Cache-Control'] = 'no-cache, private';
  res.writeHead(200, headers);
  res.end(doc.text);
}

// ---- v2 --------------------------------------------------------------------------------

let v2Json: string | undefined;
let v2Proto: Buffer | undefined;

export function openApiV2Document(): Schema {
  const resources = RESOURCES.filter(servedInOpenApi);
  const paths: Record<string, Schema> = {};
  for (const r of resources) Object.assign(paths, resourcePaths(r, 'v2'));
  return { swagger: '2.0', info: { title: 'Kubernetes', version: KUBELET_VERSION }, paths, definitions: definitions(resources, 'v2') };
}

export function openApiV2(req: IncomingMessage, res: ServerResponse): void {
  const wantsProto = parseMediaTypes(req.headers.accept).some((m) => m.type === V2_PROTOBUF);
  if (wantsProto) {
    v2Proto ??= encodeOpenApiV2(openApiV2Document());
    res.writeHead(200, { 'Content-Type': V2_PROTOBUF_REPLY, 'Content-Length': v2Proto.length });
    res.end(v2Proto);
    return;
  }
  v2Json ??= JSON.stringify(openApiV2Document());
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(v2Json) });
  res.end(v2Json);
}

