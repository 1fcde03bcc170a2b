// Defaulting, as the apiserver applies it to a freshly decoded object (the SetDefaults_* functions of
// pkg/apis/*/v1/defaults.go, plus the deterministic parts of registry strategies). Anything that needs
// cluster state (uid, cluster IPs, node ports, service accounts, tolerations) is left to admission.
import type { KObject } from '../object.js';
import { canonicalizeQuantities } from '../schema/canonicalQuantities.js';
import { defaultCronJob, defaultJob } from './batch.js';
import {
  defaultBinding,
  defaultHorizontalPodAutoscaler,
  defaultLimitRange,
  defaultNamespace,
  defaultNode,
  defaultPriorityClass,
  defaultSecret,
} from './misc.js';
import { defaultPod } from './podSpec.js';
import { defaultEndpoints, defaultEndpointSlice, defaultService } from './service.js';
import { defaultPersistentVolume, defaultPersistentVolumeClaim, defaultStorageClass } from './storage.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultReplicationController, defaultStatefulSet } from './workloads.js';

const defaulters: Record<string, (obj: Record<string, any>) => void> = {
  Pod: defaultPod,
  ReplicationController: defaultReplicationController,
  ReplicaSet: defaultReplicaSet,
  Deployment: defaultDeployment,
  StatefulSet: defaultStatefulSet,
  DaemonSet: defaultDaemonSet,
  Job: defaultJob,
  CronJob: defaultCronJob,
  HorizontalPodAutoscaler: defaultHorizontalPodAutoscaler,
  Service: defaultService,
  Endpoints: defaultEndpoints,
  EndpointSlice: defaultEndpointSlice,
  Secret: defaultSecret,
  PersistentVolume: defaultPersistentVolume,
  PersistentVolumeClaim: defaultPersistentVolumeClaim,
  StorageClass: defaultStorageClass,
  Namespace: defaultNamespace,
  Node: defaultNode,
  PriorityClass: defaultPriorityClass,
  LimitRange: defaultLimitRange,
  RoleBinding: defaultBinding,
  ClusterRoleBinding: defaultBinding,
};

/** Fills in the real Kubernetes defaults, in place. Idempotent: defaulting twice changes nothing. */
export function applyDefaults(obj: KObject): void {
  obj.metadata ??= {};
  // Decoding into resource.Quantity and encoding again: `0.5` is stored as `500m`, `1024Mi` as `1Gi`.
  canonicalizeQuantities(obj);
  defaulters[obj.kind]?.(obj);
}

export { defaultPullPolicy, imageTag } from './container.js';
