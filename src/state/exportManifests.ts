// A saved cluster as manifests `kubesim run -f` or `kubectl apply -f` can take back: the objects
// people make, without what the cluster makes for itself (pods of a ReplicaSet, ReplicaSets of a
// Deployment, Events, Leases, endpoints, the default service accounts and RBAC policy, dynamically
// provisioned volumes) and without what the server owns (uid, resourceVersion, status, timestamps).
import { KINDS } from '../api/kinds.js';
import { clone, controllerOf, type KObject } from '../api/object.js';
import type { ClusterState } from './format.js';

/** Kinds the control plane keeps up by itself. */
const MADE_BY_CLUSTER = new Set(['Event', 'Lease', 'Node', 'Endpoints', 'EndpointSlice', 'ControllerRevision']);
const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
/** Applied first so what others refer to exists (the same order `kubesim run -f` applies in). */
const ORDER = ['Namespace', 'PriorityClass', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount', 'Role', 'RoleBinding', 'ResourceQuota', 'LimitRange', 'ConfigMap', 'Secret', 'PersistentVolume', 'PersistentVolumeClaim', 'Service'];
const SERVER_ANNOTATIONS = /^(deployment\.kubernetes\.io\/|pv\.kubernetes\.io\/|volume\.kubernetes\.io\/|volume\.beta\.kubernetes\.io\/|kubectl\.kubernetes\.io\/last-applied-configuration$|autoscaling\.alpha\.kubernetes\.io\/)/;

export interface ExportedManifests {
  objects: KObject[];
  /** What the export leaves out that a reader should know (the nodes, for one). */
  notes: string[];
}

export function exportManifests(state: ClusterState): ExportedManifests {
  const provisioned = new Set(state.store.objects.filter((o) => o.kind === 'PersistentVolume' && o.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).map((o) => o.metadata.name ?? ''));
  const objects = state.store.objects.filter(isUserObject).map((o) => strip(o, provisioned));
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length + KINDS.findIndex((i) => i.kind === k));
  objects.sort((a, b) => rank(a.kind) - rank(b.kind) || (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const nodes = state.store.objects.filter((o) => o.kind === 'Node').sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const notes = [
    `${objects.length} objects of a cluster saved at ${Math.round((state.cluster.now - state.cluster.startedAt) / 1000)}s of simulated time.`,
    `Nodes are machines, not manifests: the saved cluster had ${nodes.length} (${nodes.map((n) => `${n.metadata.name} cpu ${n.status?.capacity?.cpu} memory ${n.status?.capacity?.memory}`).join(', ')}).`,
    'Pods, ReplicaSets and Jobs made by controllers, Events, Leases, endpoints and dynamically provisioned volumes are left out: the cluster makes them again.',
  ];
  return { objects, notes };
}

function isUserObject(obj: KObject): boolean {
  const meta = obj.metadata;
  if (MADE_BY_CLUSTER.has(obj.kind)) return false;
  if (meta.deletionTimestamp) return false;
  // Made by a controller (pods of a ReplicaSet, ReplicaSets of a Deployment, Jobs of a CronJob).
  if (controllerOf(obj)) return false;
  if (obj.kind === 'Namespace' && BUILT_IN_NAMESPACES.has(meta.name ?? '')) return false;
  if (obj.kind === 'Service' && meta.namespace === 'default' && meta.name === 'kubernetes') return false;
  if (obj.kind === 'ConfigMap' && meta.name === 'kube-root-ca.crt') return false;
  if (obj.kind === 'ServiceAccount' && meta.name === 'default') return false;
  if (obj.kind === 'Secret' && obj.type === 'kubernetes.io/service-account-token') return false;
  if ((obj.kind === 'ClusterRole' || obj.kind === 'ClusterRoleBinding' || obj.kind === 'Role' || obj.kind === 'RoleBinding') && meta.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults') return false;
  if (obj.kind === 'PriorityClass' && (meta.name ?? '').startsWith('system-')) return false;
  if (obj.kind === 'PersistentVolume' && meta.annotations?.['pv.kubernetes.io/provisioned-by']) return false;
  return true;
}

function strip(input: KObject, provisionedVolumes: Set<string>): KObject {
  const obj = clone(input);
  const meta = obj.metadata;
  for (const key of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'ownerReferences', 'selfLink'] as const) delete meta[key];
  if (meta.finalizers) {
    // The server's own finalizers come back by themselves.
    meta.finalizers = meta.finalizers.filter((f) => !f.startsWith('kubernetes.io/') && f !== 'kubernetes');
    if (!meta.finalizers.length) delete meta.finalizers;
  }
  if (meta.annotations) {
    for (const key of Object.keys(meta.annotations)) if (SERVER_ANNOTATIONS.test(key)) delete meta.annotations[key];
    if (!Object.keys(meta.annotations).length) delete meta.annotations;
  }
  delete obj.status;
  if (obj.kind === 'Namespace') delete obj.spec;
  if (obj.kind === 'Service') {
    // Addresses are the allocator's to hand out again.
    delete obj.spec?.clusterIP;
    delete obj.spec?.clusterIPs;
  }
  if (obj.kind === 'Pod') delete obj.spec?.nodeName;
  // A claim bound to a provisioned volume gets a new one; bound to a static volume it keeps its name.
  if (obj.kind === 'PersistentVolumeClaim' && provisionedVolumes.has(obj.spec?.volumeName ?? '')) delete obj.spec.volumeName;
  if (obj.kind === 'Job') {
    // The selector and labels the server generated from the old uid: the new Job gets its own.
    if (!obj.spec?.manualSelector) delete obj.spec?.selector;
    const labels = obj.spec?.template?.metadata?.labels;
    if (labels && !obj.spec?.manualSelector) {
      for (const key of ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name']) delete labels[key];
    }
  }
  if (obj.kind === 'PersistentVolume' && obj.spec?.claimRef) {
    const { namespace, name } = obj.spec.claimRef;
    obj.spec.claimRef = { namespace, name };
  }
  return obj;
}
