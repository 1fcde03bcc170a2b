// Semantic validation of every kind, run after defaulting: the rules a real API server applies on
// create (and, given the stored object, on update), with its messages.
import type { FieldCause } from '../errors.js';
import { kindInfo } from '../kinds.js';
import type { KObject } from '../object.js';
import { validateCronJob, validateJob } from './batch.js';
import { validateConfigMap, validateSecret } from './config.js';
import { dedupe } from './fieldPath.js';
import { validateHorizontalPodAutoscaler } from './hpa.js';
import { validateIngress } from './ingress.js';
import {
  metadataOnly,
  validateControllerRevision,
  validateLimitRange,
  validateNamespace,
  validateNode,
  validatePriorityClass,
  validateResourceQuota,
} from './misc.js';
import { validatePod, validatePodUpdate } from './pod.js';
import { validateClusterRole, validateClusterRoleBinding, validateRole, validateRoleBinding } from './rbac.js';
import { validateService } from './service.js';
import { validateStatefulSet } from './statefulset.js';
import { validatePersistentVolume, validatePersistentVolumeClaim, validateStorageClass } from './storage.js';
import { validateDaemonSet, validateDeployment, validateReplicaSet, validateReplicationController } from './workloads.js';

type Validator = (obj: any, old?: any) => FieldCause[];

const validators: Record<string, Validator> = {
  Namespace: validateNamespace,
  Node: validateNode,
  Pod: (obj, old) => (old ? validatePodUpdate(obj, old) : validatePod(obj)),
  ReplicationController: validateReplicationController,
  ReplicaSet: validateReplicaSet,
  Deployment: validateDeployment,
  StatefulSet: validateStatefulSet,
  DaemonSet: validateDaemonSet,
  ControllerRevision: validateControllerRevision,
  Job: validateJob,
  CronJob: validateCronJob,
  HorizontalPodAutoscaler: validateHorizontalPodAutoscaler,
  Service: validateService,
  Endpoints: metadataOnly(true),
  EndpointSlice: metadataOnly(true),
  Ingress: validateIngress,
  ConfigMap: validateConfigMap,
  Secret: validateSecret,
  PersistentVolume: validatePersistentVolume,
  PersistentVolumeClaim: validatePersistentVolumeClaim,
  StorageClass: validateStorageClass,
  ServiceAccount: metadataOnly(true),
  Role: validateRole,
  ClusterRole: validateClusterRole,
  RoleBinding: validateRoleBinding,
  ClusterRoleBinding: validateClusterRoleBinding,
  ResourceQuota: validateResourceQuota,
  LimitRange: validateLimitRange,
  PriorityClass: validatePriorityClass,
  Event: metadataOnly(true),
  Lease: metadataOnly(true),
};

/**
 * Every problem the apiserver would report for this object (empty when it is valid). With `old`,
 * the update rules apply too: immutable selectors, pod spec changes, roleRef, and so on.
 */
export function validateObject(obj: KObject, old?: KObject): FieldCause[] {
  const validate = validators[obj.kind] ?? metadataOnly(kindInfo(obj.kind)?.namespaced ?? true);
  return dedupe(validate(obj, old));
}

/** The name the apiserver gives a kind in `X "name" is invalid`: `Deployment.apps`, `Pod`, `Ingress.networking.k8s.io`. */
export function qualifiedKind(kind: string): string {
  const group = kindInfo(kind)?.group ?? '';
  return group ? `${kind}.${group}` : kind;
}
