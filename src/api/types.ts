// Named kinds as the rest of kubesim uses them: kubernetes-types shapes narrowed to stored objects
// (metadata always present, apiVersion and kind always set).
import type * as core from 'kubernetes-types/core/v1.js';
import type * as apps from 'kubernetes-types/apps/v1.js';
import type * as batch from 'kubernetes-types/batch/v1.js';
import type * as autoscaling from 'kubernetes-types/autoscaling/v2.js';
import type * as networking from 'kubernetes-types/networking/v1.js';
import type * as discovery from 'kubernetes-types/discovery/v1.js';
import type * as storage from 'kubernetes-types/storage/v1.js';
import type * as rbac from 'kubernetes-types/rbac/v1.js';
import type * as scheduling from 'kubernetes-types/scheduling/v1.js';
import type { ObjectMeta as ReadonlyObjectMeta } from 'kubernetes-types/meta/v1.js';

export type ObjectMeta = Writable<ReadonlyObjectMeta>;

/**
 * kubernetes-types marks server-populated fields (status, uid, resourceVersion) readonly, as a client
 * sees them; kubesim *is* the server, so its objects are writable all the way down.
 */
export type Writable<T> = T extends (infer U)[] ? Writable<U>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;

type Stored<T> = Writable<Omit<T, 'metadata' | 'apiVersion' | 'kind'>> & { apiVersion: string; kind: string; metadata: ObjectMeta };

export type Namespace = Stored<core.Namespace>;
export type Node = Stored<core.Node>;
export type Pod = Stored<core.Pod>;
export type ReplicationController = Stored<core.ReplicationController>;
export type ReplicaSet = Stored<apps.ReplicaSet>;
export type Deployment = Stored<apps.Deployment>;
export type StatefulSet = Stored<apps.StatefulSet>;
export type DaemonSet = Stored<apps.DaemonSet>;
export type ControllerRevision = Stored<apps.ControllerRevision>;
export type Job = Stored<batch.Job>;
export type CronJob = Stored<batch.CronJob>;
export type HorizontalPodAutoscaler = Stored<autoscaling.HorizontalPodAutoscaler>;
export type Service = Stored<core.Service>;
export type Endpoints = Stored<core.Endpoints>;
export type EndpointSlice = Stored<discovery.EndpointSlice>;
export type Ingress = Stored<networking.Ingress>;
export type ConfigMap = Stored<core.ConfigMap>;
export type Secret = Stored<core.Secret>;
export type PersistentVolume = Stored<core.PersistentVolume>;
export type PersistentVolumeClaim = Stored<core.PersistentVolumeClaim>;
export type StorageClass = Stored<storage.StorageClass>;
export type ServiceAccount = Stored<core.ServiceAccount>;
export type Role = Stored<rbac.Role>;
export type ClusterRole = Stored<rbac.ClusterRole>;
export type RoleBinding = Stored<rbac.RoleBinding>;
export type ClusterRoleBinding = Stored<rbac.ClusterRoleBinding>;
export type ResourceQuota = Stored<core.ResourceQuota>;
export type LimitRange = Stored<core.LimitRange>;
export type PriorityClass = Stored<scheduling.PriorityClass>;
export type Event = Stored<core.Event>;
export type Lease = Stored<import('kubernetes-types/coordination/v1.js').Lease>;

export type { core, apps, batch, autoscaling, networking, discovery, storage, rbac, scheduling };
export type PodSpec = Writable<core.PodSpec>;
export type PodTemplateSpec = Writable<core.PodTemplateSpec>;
export type Container = Writable<core.Container>;
export type PodStatus = Writable<core.PodStatus>;
export type ContainerStatus = Writable<core.ContainerStatus>;
export type Toleration = Writable<core.Toleration>;
export type Taint = Writable<core.Taint>;
export type LabelSelector = Writable<import('kubernetes-types/meta/v1.js').LabelSelector>;
