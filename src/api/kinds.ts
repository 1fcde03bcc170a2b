// The registry of every kind kubesim serves: registered once, looked up by kind, plural, singular or
// short name (what `:po`, `kubectl get deploy` and manifests use).

export interface KindInfo {
  kind: string;
  group: string; // '' for the core group
  version: string;
  apiVersion: string; // `group/version`, or `version` for core
  plural: string;
  singular: string;
  /** kubectl's short names, as discovery (`kubectl api-resources`) lists them. */
  shortNames: string[];
  /** Further names k9s users type (`dp`, `sec`); accepted by resolveKind, never advertised. */
  aliases: string[];
  namespaced: boolean;
}

function kind(kind: string, apiVersion: string, plural: string, shortNames: string[], namespaced: boolean, aliases: string[] = []): KindInfo {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return { kind, group, version, apiVersion, plural, singular: kind.toLowerCase(), shortNames, aliases, namespaced };
}

export const KINDS: readonly KindInfo[] = [
  kind('Namespace', 'v1', 'namespaces', ['ns'], false),
  kind('Node', 'v1', 'nodes', ['no'], false),
  kind('Pod', 'v1', 'pods', ['po'], true),
  kind('ReplicationController', 'v1', 'replicationcontrollers', ['rc'], true),
  kind('ReplicaSet', 'apps/v1', 'replicasets', ['rs'], true),
  kind('Deployment', 'apps/v1', 'deployments', ['deploy'], true, ['dp']),
  kind('StatefulSet', 'apps/v1', 'statefulsets', ['sts'], true),
  kind('DaemonSet', 'apps/v1', 'daemonsets', ['ds'], true),
  kind('ControllerRevision', 'apps/v1', 'controllerrevisions', [], true),
  kind('Job', 'batch/v1', 'jobs', [], true),
  kind('CronJob', 'batch/v1', 'cronjobs', ['cj'], true),
  kind('HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers', ['hpa'], true),
  kind('Service', 'v1', 'services', ['svc'], true),
  kind('Endpoints', 'v1', 'endpoints', ['ep'], true),
  kind('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', [], true),
  kind('Ingress', 'networking.k8s.io/v1', 'ingresses', ['ing'], true),
  kind('ConfigMap', 'v1', 'configmaps', ['cm'], true),
  kind('Secret', 'v1', 'secrets', [], true, ['sec']),
  kind('PersistentVolume', 'v1', 'persistentvolumes', ['pv'], false),
  kind('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', ['pvc'], true),
  kind('StorageClass', 'storage.k8s.io/v1', 'storageclasses', ['sc'], false),
  kind('ServiceAccount', 'v1', 'serviceaccounts', ['sa'], true),
  kind('Role', 'rbac.authorization.k8s.io/v1', 'roles', [], true),
  kind('ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', [], false, ['crole']),
  kind('RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings', [], true, ['rb']),
  kind('ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', [], false, ['crb']),
  kind('ResourceQuota', 'v1', 'resourcequotas', ['quota'], true),
  kind('LimitRange', 'v1', 'limitranges', ['limits'], true),
  kind('PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', ['pc'], false),
  kind('Event', 'v1', 'events', ['ev'], true),
  kind('Lease', 'coordination.k8s.io/v1', 'leases', [], true),
];

const byKind = new Map<string, KindInfo>();
const byAlias = new Map<string, KindInfo>();
for (const k of KINDS) {
  byKind.set(k.kind, k);
  for (const alias of [k.kind.toLowerCase(), k.plural, k.singular, ...k.shortNames, ...k.aliases]) byAlias.set(alias, k);
  // kubectl also accepts `deployments.apps` and `deployments.apps/v1`.
  if (k.group) byAlias.set(`${k.plural}.${k.group}`, k);
}

/** The registered kind, by its exact Kind name (`Deployment`). */
export function kindInfo(kindName: string): KindInfo | undefined {
  return byKind.get(kindName);
}

/** Must-succeed lookup, for code that only ever names registered kinds. */
export function mustKind(kindName: string): KindInfo {
  const info = byKind.get(kindName);
  if (!info) throw new Error(`kind ${kindName} is not registered`);
  return info;
}

/** A kind by any name a user may type: `po`, `pods`, `pod`, `Pod`, `deployments.apps`. */
export function resolveKind(name: string): KindInfo | undefined {
  return byKind.get(name) ?? byAlias.get(name.toLowerCase());
}

export function isNamespaced(kindName: string): boolean {
  return byKind.get(kindName)?.namespaced ?? true;
}

/** Every alias a user may type, for completion. */
export function allAliases(): string[] {
  return [...byAlias.keys()].sort();
}
