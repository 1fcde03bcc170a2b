// Legacy apiVersions that books and old tutorials still print (`extensions/v1beta1` Deployments,
// `autoscaling/v2beta1` HPAs, ...): accepted, converted to the version kubesim stores, and explained
// in a warning, because a real cluster of today would refuse most of them.
// Facts from the Kubernetes deprecated API migration guide.
import { ApiError } from './errors.js';
import { kindInfo } from './kinds.js';
import { clone, type KObject } from './object.js';

type Json = Record<string, any>;

/**
 * What a conversion changed, for the warning: `fixes` are short imperatives the file needs besides
 * its apiVersion (`add spec.selector`); `notes` are sentences on what kubesim did or what behaves
 * differently.
 */
interface Changes {
  fixes: string[];
  notes: string[];
}

/** Rewrites a deep copy of the legacy object, in place, into the current version's shape. */
type Converter = (obj: KObject, changes: Changes) => void;

interface LegacyVersion {
  apiVersion: string;
  /** The Kubernetes release that stopped serving it; undefined while a real cluster still serves it. */
  removedIn?: string;
  kinds: Record<string, Converter>;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUnset = (v: unknown) => v === undefined || v === null;

// ---- workloads (apps/v1) ----

/** `{app: web, tier: db}`, as a learner would write the labels back into the file. */
function formatLabels(labels: Json): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}}`;
}

// extensions/v1beta1 and apps/v1beta1 defaulted a missing selector to the template's labels; apps/v1
// requires it (and makes it immutable), so the conversion writes down what the old default meant.
const selectorFromTemplate: Converter = (obj, changes) => {
  const spec = obj.spec;
  if (!isObject(spec) || !isUnset(spec.selector)) return;
  const labels = spec.template?.metadata?.labels;
  if (!isObject(labels) || Object.keys(labels).length === 0) return;
  spec.selector = { matchLabels: { ...labels } };
  changes.fixes.push('add spec.selector');
  changes.notes.push(`kubesim took spec.selector from the template labels: matchLabels ${formatLabels(labels)}`);
};

const dropRollbackTo: Converter = (obj, changes) => {
  if (!isObject(obj.spec) || !('rollbackTo' in obj.spec)) return;
  delete obj.spec.rollbackTo;
  changes.fixes.push('remove spec.rollbackTo');
  changes.notes.push('apps/v1 has no spec.rollbackTo: roll back with kubectl rollout undo');
};

function rollingUpdateUnset(spec: Json, field: 'maxSurge' | 'maxUnavailable'): boolean {
  const strategy = spec.strategy;
  if (isObject(strategy) && !isUnset(strategy.type) && strategy.type !== 'RollingUpdate') return false;
  return isUnset(isObject(strategy) && isObject(strategy.rollingUpdate) ? strategy.rollingUpdate[field] : undefined);
}

/** Lists the defaults that changed for the fields the manifest leaves unset. */
function noteDefaults(changes: Changes, differences: string[]): void {
  if (differences.length === 0) return;
  changes.notes.push(`Defaults differ and the apps/v1 ones apply: ${differences.join(', ')}`);
}

const extensionsDeployment: Converter = (obj, changes) => {
  selectorFromTemplate(obj, changes);
  dropRollbackTo(obj, changes);
  const spec = isObject(obj.spec) ? obj.spec : {};
  const differences: string[] = [];
  if (isUnset(spec.revisionHistoryLimit)) differences.push('revisionHistoryLimit 10 (extensions/v1beta1 kept every old ReplicaSet)');
  if (rollingUpdateUnset(spec, 'maxSurge')) differences.push('maxSurge 25% (was 1)');
  if (rollingUpdateUnset(spec, 'maxUnavailable')) differences.push('maxUnavailable 25% (was 1)');
  if (isUnset(spec.progressDeadlineSeconds)) differences.push('progressDeadlineSeconds 600 (was no deadline)');
  noteDefaults(changes, differences);
};

const appsV1beta1Deployment: Converter = (obj, changes) => {
  selectorFromTemplate(obj, changes);
  dropRollbackTo(obj, changes);
  const spec = isObject(obj.spec) ? obj.spec : {};
  if (isUnset(spec.revisionHistoryLimit)) noteDefaults(changes, ['revisionHistoryLimit 10 (was 2)']);
};

/** extensions/v1beta1 DaemonSets and apps/v1beta1 StatefulSets replaced pods only when deleted. */
function noteOnDeleteDefault(obj: KObject, changes: Changes): void {
  const strategy = isObject(obj.spec) ? obj.spec.updateStrategy : undefined;
  if (isObject(strategy) && !isUnset(strategy.type)) return;
  noteDefaults(changes, ['updateStrategy RollingUpdate (was OnDelete: pods were replaced only when deleted)']);
}

const extensionsDaemonSet: Converter = (obj, changes) => {
  selectorFromTemplate(obj, changes);
  if (isObject(obj.spec) && 'templateGeneration' in obj.spec) {
    delete obj.spec.templateGeneration;
    changes.fixes.push('remove spec.templateGeneration');
  }
  noteOnDeleteDefault(obj, changes);
};

const appsV1beta1StatefulSet: Converter = (obj, changes) => {
  selectorFromTemplate(obj, changes);
  noteOnDeleteDefault(obj, changes);
};

const sameShape: Converter = () => {};

// ---- Ingress (networking.k8s.io/v1) ----

/** `{serviceName, servicePort}` → `{service: {name, port: {number} | {name}}}`; true when it changed. */
function convertBackend(backend: unknown): boolean {
  if (!isObject(backend) || !('serviceName' in backend || 'servicePort' in backend)) return false;
  const service: Json = { name: backend.serviceName };
  const port = backend.servicePort;
  // As in Kubernetes: a number is a port number, any string (even "80") a port name.
  if (typeof port === 'number') service.port = { number: port };
  else if (typeof port === 'string') service.port = { name: port };
  delete backend.serviceName;
  delete backend.servicePort;
  backend.service = service;
  return true;
}

const ingressToV1: Converter = (obj, changes) => {
  const spec = obj.spec;
  if (!isObject(spec)) return;
  if ('backend' in spec) {
    if (isUnset(spec.defaultBackend)) spec.defaultBackend = spec.backend;
    delete spec.backend;
    changes.fixes.push('rename spec.backend to spec.defaultBackend');
  }
  let backendsChanged = convertBackend(spec.defaultBackend);
  let pathTypesSet = false;
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    const paths = isObject(rule) && isObject(rule.http) ? rule.http.paths : undefined;
    for (const path of Array.isArray(paths) ? paths : []) {
      if (!isObject(path)) continue;
      backendsChanged = convertBackend(path.backend) || backendsChanged;
      if (isUnset(path.pathType)) {
        path.pathType = 'ImplementationSpecific';
        pathTypesSet = true;
      }
    }
  }
  if (backendsChanged) changes.fixes.push('write each backend as service: {name, port: {number | name}}');
  if (pathTypesSet) {
    changes.fixes.push('give every path a pathType');
    changes.notes.push('Paths without a pathType got ImplementationSpecific, which matches the old behaviour');
  }
};

// ---- HorizontalPodAutoscaler (autoscaling/v2) ----

const autoscalingV1: Converter = (obj, changes) => {
  const spec = obj.spec;
  if (isObject(spec) && 'targetCPUUtilizationPercentage' in spec) {
    const utilization = spec.targetCPUUtilizationPercentage;
    delete spec.targetCPUUtilizationPercentage;
    if (!isUnset(utilization) && isUnset(spec.metrics)) {
      spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } } }];
      changes.notes.push(
        `spec.targetCPUUtilizationPercentage ${utilization} became spec.metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: ${utilization}}}}]`,
      );
    }
  }
  // The v1 status has another shape; the controller writes a fresh one.
  delete obj.status;
};

/** v2beta1 targets (`targetAverageUtilization`, `targetAverageValue`, `targetValue`) → a v2 `target`. */
function target(utilization: unknown, averageValue: unknown, value: unknown): Json {
  const t: Json = {};
  if (!isUnset(utilization)) t.type = 'Utilization';
  else if (!isUnset(averageValue)) t.type = 'AverageValue';
  else t.type = 'Value';
  if (!isUnset(utilization)) t.averageUtilization = utilization;
  if (!isUnset(averageValue)) t.averageValue = averageValue;
  if (!isUnset(value)) t.value = value;
  return t;
}

function metricIdentifier(name: unknown, selector: unknown): Json {
  return isUnset(selector) ? { name } : { name, selector };
}

/** One v2beta1 metric source rewritten to v2; sources it does not recognise are left for strict decoding. */
function convertMetricV2beta1(metric: Json): boolean {
  const r = metric.resource ?? metric.containerResource;
  if (isObject(r) && ('targetAverageUtilization' in r || 'targetAverageValue' in r)) {
    r.target = target(r.targetAverageUtilization, r.targetAverageValue, undefined);
    delete r.targetAverageUtilization;
    delete r.targetAverageValue;
    return true;
  }
  const p = metric.pods;
  if (isObject(p) && 'metricName' in p) {
    metric.pods = { metric: metricIdentifier(p.metricName, p.selector), target: target(undefined, p.targetAverageValue, undefined) };
    return true;
  }
  const o = metric.object;
  if (isObject(o) && 'metricName' in o) {
    metric.object = {
      describedObject: o.target,
      metric: metricIdentifier(o.metricName, o.selector),
      target: target(undefined, o.averageValue, o.targetValue),
    };
    return true;
  }
  const e = metric.external;
  if (isObject(e) && 'metricName' in e) {
    metric.external = {
      metric: metricIdentifier(e.metricName, e.metricSelector),
      target: target(undefined, e.targetAverageValue, e.targetValue),
    };
    return true;
  }
  return false;
}

const autoscalingV2beta1: Converter = (obj, changes) => {
  const metrics = isObject(obj.spec) ? obj.spec.metrics : undefined;
  let changed = false;
  for (const metric of Array.isArray(metrics) ? metrics : []) {
    if (isObject(metric)) changed = convertMetricV2beta1(metric) || changed;
  }
  if (changed) {
    changes.fixes.push('rewrite each metric with target: {type, averageUtilization | averageValue | value} and metric: {name}');
  }
  delete obj.status; // v2beta1 status has another shape; the controller writes a fresh one
};

// ---- EndpointSlice (discovery.k8s.io/v1) ----

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

const discoveryV1beta1: Converter = (obj, changes) => {
  let changed = false;
  for (const endpoint of Array.isArray(obj.endpoints) ? obj.endpoints : []) {
    if (!isObject(endpoint) || !isObject(endpoint.topology)) continue;
    const rest: Json = { ...endpoint.topology };
    if (typeof rest[ZONE_LABEL] === 'string') {
      endpoint.zone ??= rest[ZONE_LABEL];
      delete rest[ZONE_LABEL];
    }
    // kubesim's controllers read nodeName, so an endpoint that only named its node by label gets one.
    if (typeof rest[HOSTNAME_LABEL] === 'string') {
      endpoint.nodeName ??= rest[HOSTNAME_LABEL];
      if (endpoint.nodeName === rest[HOSTNAME_LABEL]) delete rest[HOSTNAME_LABEL];
    }
    delete endpoint.topology;
    if (Object.keys(rest).length > 0) endpoint.deprecatedTopology = rest;
    changed = true;
  }
  if (changed) changes.fixes.push('use endpoints[].nodeName and endpoints[].zone instead of endpoints[].topology');
};

// ---- the table ----

const LEGACY: readonly LegacyVersion[] = [
  {
    apiVersion: 'extensions/v1beta1',
    removedIn: '1.16',
    kinds: { Deployment: extensionsDeployment, ReplicaSet: selectorFromTemplate, DaemonSet: extensionsDaemonSet },
  },
  { apiVersion: 'extensions/v1beta1', removedIn: '1.22', kinds: { Ingress: ingressToV1 } },
  {
    // apps/v1beta1 never served DaemonSet: it arrived in apps with v1beta2.
    apiVersion: 'apps/v1beta1',
    removedIn: '1.16',
    kinds: {
      Deployment: appsV1beta1Deployment,
      StatefulSet: appsV1beta1StatefulSet,
      ReplicaSet: selectorFromTemplate,
      ControllerRevision: sameShape,
    },
  },
  {
    apiVersion: 'apps/v1beta2',
    removedIn: '1.16',
    kinds: { Deployment: sameShape, StatefulSet: sameShape, ReplicaSet: sameShape, DaemonSet: sameShape, ControllerRevision: sameShape },
  },
  { apiVersion: 'networking.k8s.io/v1beta1', removedIn: '1.22', kinds: { Ingress: ingressToV1 } },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    removedIn: '1.22',
    kinds: { Role: sameShape, ClusterRole: sameShape, RoleBinding: sameShape, ClusterRoleBinding: sameShape },
  },
  { apiVersion: 'scheduling.k8s.io/v1beta1', removedIn: '1.22', kinds: { PriorityClass: sameShape } },
  { apiVersion: 'storage.k8s.io/v1beta1', removedIn: '1.22', kinds: { StorageClass: sameShape } },
  { apiVersion: 'batch/v1beta1', removedIn: '1.25', kinds: { CronJob: sameShape } },
  { apiVersion: 'discovery.k8s.io/v1beta1', removedIn: '1.25', kinds: { EndpointSlice: discoveryV1beta1 } },
  { apiVersion: 'autoscaling/v2beta1', removedIn: '1.25', kinds: { HorizontalPodAutoscaler: autoscalingV2beta1 } },
  { apiVersion: 'autoscaling/v2beta2', removedIn: '1.26', kinds: { HorizontalPodAutoscaler: sameShape } },
  // Still served, but kubesim keeps one version per kind, as a real apiserver's storage does.
  { apiVersion: 'autoscaling/v1', kinds: { HorizontalPodAutoscaler: autoscalingV1 } },
];

const byVersionAndKind = new Map<string, { version: LegacyVersion; convert: Converter }>();
for (const version of LEGACY) {
  for (const [kind, convert] of Object.entries(version.kinds)) byVersionAndKind.set(`${version.apiVersion} ${kind}`, { version, convert });
}

/** Every legacy apiVersion kubesim converts for a kind, oldest table entries first. */
export function legacyVersionsOf(kind: string): string[] {
  return LEGACY.filter((v) => Object.hasOwn(v.kinds, kind)).map((v) => v.apiVersion);
}

/** `a`, `a and b`, `a, b and c`. */
function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function warningFor(obj: KObject, version: LegacyVersion, current: string, changes: Changes): string {
  const name = obj.metadata?.name ?? obj.metadata?.generateName ?? '(unnamed)';
  const subject = `${obj.kind} ${name}: apiVersion ${version.apiVersion}`;
  const notes = changes.notes.map((note) => `. ${note}`).join('');
  if (version.removedIn === undefined) {
    return `${subject} is still served, but kubesim stores it as ${current}, as a real cluster shows it with kubectl get -o yaml${notes}`;
  }
  const fixes = [`change the file to apiVersion: ${current}`, ...changes.fixes];
  return `${subject} was removed in Kubernetes ${version.removedIn}; kubesim converted it to ${current} (a real cluster would refuse it: ${joinList(fixes)})${notes}`;
}

function noMatch(kind: string, apiVersion: string, current: string): ApiError {
  const legacy = legacyVersionsOf(kind);
  const also = legacy.length ? ` (kubesim also converts the older ${joinList(legacy)})` : '';
  return new ApiError('BadRequest', `no matches for kind "${kind}" in version "${apiVersion}"; use ${current}${also}`, [], { kind });
}

/**
 * Brings an object to the apiVersion kubesim stores its kind in. Current objects come back as they
 * are; legacy ones as a converted copy with a warning for the user. Throws BadRequest for a kind
 * kubesim does not serve, or an apiVersion that never served the kind.
 */
export function convertToCurrent(obj: KObject): { object: KObject; warning?: string } {
  if (!isObject(obj) || typeof obj.kind !== 'string' || obj.kind === '') {
    throw new ApiError('BadRequest', "Object 'Kind' is missing");
  }
  const info = kindInfo(obj.kind);
  const apiVersion: unknown = obj.apiVersion;
  if (!info) {
    throw new ApiError('BadRequest', `no matches for kind "${obj.kind}" in version "${String(apiVersion ?? '')}"; kubesim does not serve kind ${obj.kind}`, [], {
      kind: obj.kind,
    });
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    throw new ApiError('BadRequest', `apiVersion not set for kind "${obj.kind}"; use ${info.apiVersion}`, [], { kind: obj.kind });
  }
  if (apiVersion === info.apiVersion) return { object: obj };
  const legacy = byVersionAndKind.get(`${apiVersion} ${obj.kind}`);
  if (!legacy) throw noMatch(obj.kind, apiVersion, info.apiVersion);
  const object = clone(obj);
  const changes: Changes = { fixes: [], notes: [] };
  legacy.convert(object, changes);
  object.apiVersion = info.apiVersion;
  return { object, warning: warningFor(obj, legacy.version, info.apiVersion, changes) };
}
