// Every controller the cluster runs, in start order. Each is a class taking the ControlPlane.
import type { ControlPlane } from './controlPlane.js';
import type { Controller } from './controller.js';
import { NodeLifecycleController } from './nodeLifecycleController.js';
import { TaintEvictionController } from './taintEvictionController.js';
import { PodGCController } from './podGCController.js';
import { ServiceAccountController } from './serviceAccountController.js';
import { NamespaceController } from './namespaceController.js';
import { ResourceQuotaController } from './resourceQuotaController.js';
import { RootCACertPublisher } from './rootCACertPublisher.js';
import { ReplicaSetController, ReplicationManager } from './replicaSetController.js';
import { DeploymentController } from './deploymentController.js';
import { GarbageCollector } from './garbageCollector.js';
import { EndpointsController } from './endpointsController.js';
import { EndpointSliceController } from './endpointSliceController.js';
import { ServiceController } from './serviceController.js';
import { IngressController } from './ingressController.js';
import { PersistentVolumeController } from './persistentVolumeController.js';
import { PvcProtectionController } from './pvcProtectionController.js';
import { PvProtectionController } from './volume/pvProtectionController.js';
import { StatefulSetController } from './statefulSetController.js';
import { DaemonSetController } from './daemonSetController.js';
import { JobController } from './jobController.js';
import { TTLAfterFinishedController } from './ttlAfterFinishedController.js';
import { CronJobController } from './cronJobController.js';
import { HorizontalPodAutoscalerController } from './hpaController.js';

export type ControllerClass = new (cp: ControlPlane) => Controller;

export const CONTROLLERS: ControllerClass[] = [
  NodeLifecycleController,
  TaintEvictionController,
  PodGCController,
  ServiceAccountController,
  NamespaceController,
  ResourceQuotaController,
  ReplicaSetController,
  ReplicationManager,
  DeploymentController,
  GarbageCollector,
  EndpointsController,
  EndpointSliceController,
  ServiceController,
  IngressController,
  PersistentVolumeController,
  PvcProtectionController,
  PvProtectionController,
  RootCACertPublisher,
  StatefulSetController,
  DaemonSetController,
  JobController,
  TTLAfterFinishedController,
  CronJobController,
  HorizontalPodAutoscalerController,
  // controllers:end
];
