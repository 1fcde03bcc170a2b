// A hand-built control plane for admission and namespace/quota controller tests: the store with the
// admission chain, the clock, seeded randomness, the work queue, decisions and events, and only the
// controllers a test names (the full Cluster also needs the scheduler and kubelets).
import type { KObject } from '../../src/api/object.js';
import { SYSTEM_NAMESPACES } from '../../src/cluster.js';
import type { Controller } from '../../src/controllers/controller.js';
import type { ControllerClass } from '../../src/controllers/registry.js';
import { TestControlPlane } from '../helpers/testControlPlane.js';

export const NAMESPACES = SYSTEM_NAMESPACES;

export class Harness extends TestControlPlane {
  readonly controllers: Controller[];

  constructor(controllers: ControllerClass[] = [], options: { seed?: number; serviceAccounts?: boolean } = {}) {
    super({ seed: options.seed ?? 7, namespaces: NAMESPACES });
    if (options.serviceAccounts !== false) {
      for (const namespace of NAMESPACES) {
        this.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
      }
    }
    this.controllers = controllers.map((C) => new C(this.cp));
    for (const c of this.controllers) c.start();
    this.settle();
  }

  namespace(name: string): KObject {
    return this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
}

export function pod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  };
}

export function container(name: string, requests?: Record<string, string>, limits?: Record<string, string>): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  if (requests) resources.requests = requests;
  if (limits) resources.limits = limits;
  return { name, image: 'nginx:1.27', resources };
}

/** The message an ApiError carries, for assert.throws. */
export function message(text: string): { message: string } {
  return { message: text };
}
