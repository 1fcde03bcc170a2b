// A small control plane for the operations' tests: ReplicaSet, Deployment and garbage collector
// controllers with the pod simulator standing in for scheduler and kubelets.
import { DeploymentController } from '../../src/controllers/deploymentController.js';
import { GarbageCollector } from '../../src/controllers/garbageCollector.js';
import { ReplicaSetController } from '../../src/controllers/replicaSetController.js';
import { deployment, Harness, rolloutComplete } from '../controllers/harness.js';

export { deployment, Harness, rolloutComplete };

/** A cluster with Deployment `web` (3 replicas of nginx:1.25) rolled out. */
export function withWeb(replicas = 3): Harness {
  const h = new Harness({ controllers: [ReplicaSetController, DeploymentController, GarbageCollector] });
  h.store.create(deployment('web', replicas));
  h.until(() => rolloutComplete(h));
  return h;
}
