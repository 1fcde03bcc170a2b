// What the API server serves: every group/version/resource, with its kind, scope, verbs, short
// names, categories and subresources. Discovery, OpenAPI, routing and RBAC all read this one table.
import { KINDS, type KindInfo } from '../api/kinds.js';

export const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface SubresourceInfo {
  name: string; // `status`, `scale`, `log`, `eviction`, `binding`
  /** The kind the subresource takes and returns (Scale for scale, the parent's kind for status). */
  kind: GroupVersionKind;
  verbs: string[];
}

export interface ResourceInfo {
  group: string;
  version: string;
  /** `group/version`, or just the version for the core group. */
  groupVersion: string;
  resource: string; // plural
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: SubresourceInfo[];
  /** The stored kind behind it (undefined for virtual resources: metrics, reviews). */
  stored?: KindInfo;
}

const IN_ALL = new Set(['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs']);
const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);
const WITH_STATUS = new Set([
  'pods', 'replicationcontrollers', 'services', 'nodes', 'namespaces', 'persistentvolumes', 'persistentvolumeclaims', 'resourcequotas',
  'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'horizontalpodautoscalers', 'ingresses',
]);
const NO_DELETE_COLLECTION = new Set(['namespaces']);
const SCALE_KIND: GroupVersionKind = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

function gvk(info: { group: string; version: string; kind: string }): GroupVersionKind {
  return { group: info.group, version: info.version, kind: info.kind };
}

function storedResource(k: KindInfo, version = k.version): ResourceInfo {
  const self = { group: k.group, version, kind: k.kind };
  const subresources: SubresourceInfo[] = [];
  if (WITH_STATUS.has(k.plural)) subresources.push({ name: 'status', kind: self, verbs: ['get', 'patch', 'update'] });
  if (SCALABLE.has(k.plural)) subresources.push({ name: 'scale', kind: SCALE_KIND, verbs: ['get', 'patch', 'update'] });
  if (k.plural === 'pods') {
    subresources.push(
      { name: 'log', kind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] },
      { name: 'eviction', kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
      { name: 'binding', kind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
    );
  }
  if (k.plural === 'namespaces') subresources.push({ name: 'finalize', kind: self, verbs: ['update'] });
  return {
    group: k.group,
    version,
    groupVersion: k.group ? `${k.group}/${version}` : version,
    resource: k.plural,
    singular: k.singular,
    kind: k.kind,
    namespaced: k.namespaced,
    verbs: NO_DELETE_COLLECTION.has(k.plural) ? STANDARD_VERBS.filter((v) => v !== 'deletecollection') : STANDARD_VERBS,
    shortNames: k.shortNames,
    categories: IN_ALL.has(k.plural) ? ['all'] : [],
    subresources,
    stored: k,
  };
}

function virtualResource(group: string, version: string, resource: string, kind: string, namespaced: boolean, verbs: string[]): ResourceInfo {
  return {
    group,
    version,
    groupVersion: `${group}/${version}`,
    resource,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    verbs,
    shortNames: [],
    categories: [],
    subresources: [],
  };
}

const hpa = KINDS.find((k) => k.kind === 'HorizontalPodAutoscaler')!;

export const RESOURCES: readonly ResourceInfo[] = [
  ...KINDS.map((k) => storedResource(k)),
  // autoscaling/v1 is still served beside v2 (kubectl autoscale may create through it).
  storedResource(hpa, 'v1'),
  virtualResource('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false, ['get', 'list']),
  virtualResource('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true, ['get', 'list']),
  virtualResource('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, ['create']),
  virtualResource('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, ['create']),
  virtualResource('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false, ['create']),
];

export interface GroupInfo {
  name: string; // '' for core
  versions: string[]; // preferred first
}

/** Groups in the order discovery lists them: core, then the rest as a real server orders them. */
export function apiGroups(): GroupInfo[] {
  const order: string[] = [];
  const versions = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (!versions.has(r.group)) {
      versions.set(r.group, []);
      order.push(r.group);
    }
    const list = versions.get(r.group)!;
    if (!list.includes(r.version)) list.push(r.version);
  }
  return order.map((name) => ({ name, versions: versions.get(name)!.sort(compareVersions) }));
}

/** Kubernetes version priority: GA over beta over alpha, higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return [level, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [la, ma, na] = parse(a);
  const [lb, mb, nb] = parse(b);
  return lb - la || mb - ma || nb - na;
}

const byPath = new Map<string, ResourceInfo>();
for (const r of RESOURCES) byPath.set(`${r.groupVersion}/${r.resource}`, r);

export function findResource(groupVersion: string, resource: string): ResourceInfo | undefined {
  return byPath.get(`${groupVersion}/${resource}`);
}

export function resourcesOf(groupVersion: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.groupVersion === groupVersion);
}

/** The resource a stored kind is served as in its storage version. */
export function resourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.stored?.kind === kind && r.version === r.stored.version);
}

export function gvkOf(r: ResourceInfo): GroupVersionKind {
  return gvk(r);
}
