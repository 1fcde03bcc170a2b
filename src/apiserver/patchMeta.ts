// How lists merge, per field of the Kubernetes types: the patch strategy and merge key that
// strategic merge patches use (`containers` merge by `name`), and the list type and keys that
// server-side apply uses (`ports` keyed by containerPort and protocol). Facts from the struct tags
// of k8s.io/api; a list not named here is atomic (replaced whole), as for the real types.
import { fieldsOf, typeForKind, type FieldType } from '../api/schema/schema.js';

export interface ListMeta {
  /** Strategic merge: merge elements (by mergeKey, or primitives by value) instead of replacing the list. */
  strategy?: 'merge' | 'merge,retainKeys';
  mergeKey?: string;
  /** Server-side apply: `map` lists are keyed by `keys`, `set` lists hold unique primitives. */
  listType: 'map' | 'set' | 'atomic';
  keys?: string[];
}

const map = (mergeKey: string, keys: string[] = [mergeKey], strategy: ListMeta['strategy'] = 'merge'): ListMeta => ({ strategy, mergeKey, listType: 'map', keys });
const CONTAINER_LISTS: Record<string, ListMeta> = {
  ports: map('containerPort', ['containerPort', 'protocol']),
  env: map('name'),
  volumeMounts: map('mountPath'),
  volumeDevices: map('devicePath'),
};
const byName = map('name');
const byType = map('type');

/** `type.field` → how that list merges. */
const LISTS: Record<string, ListMeta> = {
  'meta/v1.ObjectMeta.finalizers': { strategy: 'merge', listType: 'set' },
  'meta/v1.ObjectMeta.ownerReferences': map('uid'),
  'core/v1.PodSpec.containers': byName,
  'core/v1.PodSpec.initContainers': byName,
  'core/v1.PodSpec.ephemeralContainers': byName,
  'core/v1.PodSpec.volumes': map('name', ['name'], 'merge,retainKeys'),
  'core/v1.PodSpec.imagePullSecrets': byName,
  'core/v1.PodSpec.hostAliases': map('ip'),
  'core/v1.PodSpec.topologySpreadConstraints': map('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
  'core/v1.PodSpec.schedulingGates': byName,
  'core/v1.PodSpec.resourceClaims': map('name', ['name'], 'merge,retainKeys'),
  'core/v1.ServiceSpec.ports': map('port', ['port', 'protocol']),
  'core/v1.ServiceAccount.secrets': byName,
  'core/v1.PodStatus.conditions': byType,
  'core/v1.PodStatus.podIPs': map('ip'),
  'core/v1.PodStatus.hostIPs': map('ip'),
  'core/v1.NodeStatus.conditions': byType,
  'core/v1.NodeStatus.addresses': byType,
  'core/v1.NamespaceStatus.conditions': byType,
  'core/v1.PersistentVolumeClaimStatus.conditions': byType,
  'core/v1.ReplicationControllerStatus.conditions': byType,
  'core/v1.ServiceStatus.conditions': byType,
  'apps/v1.DeploymentStatus.conditions': byType,
  'apps/v1.ReplicaSetStatus.conditions': byType,
  'apps/v1.StatefulSetStatus.conditions': byType,
  'apps/v1.DaemonSetStatus.conditions': byType,
  'batch/v1.JobStatus.conditions': byType,
  'autoscaling/v2.HorizontalPodAutoscalerStatus.conditions': byType,
};
for (const container of ['core/v1.Container', 'core/v1.EphemeralContainer']) {
  for (const [field, meta] of Object.entries(CONTAINER_LISTS)) LISTS[`${container}.${field}`] = meta;
}

/** Structs whose fields are replaced as one when a patch says which to keep (`$retainKeys`). */
const RETAIN_KEYS = new Set(['apps/v1.DeploymentSpec.strategy']);

/** Structs server-side apply owns as a whole (`+structType=atomic`). */
const ATOMIC_STRUCTS = new Set(['meta/v1.LabelSelector', 'core/v1.NodeSelector', 'core/v1.ObjectReference', 'core/v1.LocalObjectReference']);

const ATOMIC: ListMeta = { listType: 'atomic' };

export function listMeta(typeName: string | undefined, field: string): ListMeta {
  if (!typeName) return ATOMIC;
  return LISTS[`${typeName}.${field}`] ?? ATOMIC;
}

export function hasRetainKeys(typeName: string | undefined, field: string): boolean {
  return !!typeName && RETAIN_KEYS.has(`${typeName}.${field}`);
}

export function isAtomicStruct(typeName: string | undefined): boolean {
  return !!typeName && ATOMIC_STRUCTS.has(typeName);
}

/** The schema type of a field (undefined for unknown fields or free-form values). */
export function fieldTypeOf(typeName: string | undefined, field: string): FieldType | undefined {
  if (!typeName) return undefined;
  return fieldsOf(typeName)?.get(field)?.type;
}

/** The object type a value of this field type holds (for arrays: its elements; for maps: its values). */
export function elementType(type: FieldType | undefined): FieldType | undefined {
  if (!type) return undefined;
  if (type.kind === 'array') return type.items;
  if (type.kind === 'map') return type.values;
  return undefined;
}

export function objectTypeName(type: FieldType | undefined): string | undefined {
  return type?.kind === 'object' ? type.type : undefined;
}

export function rootTypeOf(kind: string): string | undefined {
  return typeForKind(kind);
}

/** The key of a map-list element as SSA writes it (`{"containerPort":80,"protocol":"TCP"}`), defaulting protocol. */
export function elementKey(meta: ListMeta, element: Record<string, unknown>): Record<string, unknown> {
  const key: Record<string, unknown> = {};
  for (const k of meta.keys ?? []) {
    const v = element[k] ?? (k === 'protocol' ? 'TCP' : undefined);
    if (v !== undefined) key[k] = v;
  }
  return key;
}

/** Whether a patch element and a list element are the same entry (by merge key). */
export function sameEntry(meta: ListMeta, a: unknown, b: unknown): boolean {
  if (meta.mergeKey === undefined) return a === b;
  if (!isPlain(a) || !isPlain(b)) return false;
  return a[meta.mergeKey] === b[meta.mergeKey];
}

export function isPlain(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
