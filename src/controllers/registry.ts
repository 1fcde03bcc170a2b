// Every controller the cluster runs, in start order. Each is a class taking the ControlPlane.
import type { ControlPlane } from './controlPlane.js';
import type { Controller } from './controller.js';
import { NodeLifecycleController } from './nodeLifecycleController.js';
import { TaintEvictionController } from './taintEvictionController.js';
import { PodGCController } from './podGCController.js';

export type ControllerClass = new (cp: ControlPlane) => Controller;

export const CONTROLLERS: ControllerClass[] = [
  NodeLifecycleController,
  TaintEvictionController,
  PodGCController,
  // controllers:end
];
