// A hand-built control plane for admission and namespace/quota controller tests: the store with the
// admission chain, the clock, seeded randomness, the work queue, decisions and events, and only the
// controllers a test names (the full Cluster also needs the scheduler and kubelets).
import type { KObject } from '../../src/api/object.js';
import type { ControlPlane } from '../../src/controllers/controlPlane.js';
import type { Controller } from '../../src/controllers/controller.js';
import type { ControllerClass } from '../../src/controllers/registry.js';
import { WorkQueue } from '../../src/controllers/workQueue.js';
import { DecisionLog } from '../../src/events/decisionLog.js';
import { EventRecorder } from '../../src/events/eventRecorder.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { installAdmission } from '../../src/store/admission/index.js';
import { Store } from '../../src/store/store.js';

export const NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export class Harness {
  readonly clock = new VirtualClock();
  readonly random: SeededRandom;
  readonly store: Store;
  readonly queue = new WorkQueue();
  readonly decisions: DecisionLog;
  readonly events: EventRecorder;
  readonly cp: ControlPlane;
  readonly controllers: Controller[];

  constructor(controllers: ControllerClass[] = [], options: { seed?: number; serviceAccounts?: boolean } = {}) {
    this.random = new SeededRandom(options.seed ?? 7);
    this.store = new Store(this.clock, this.random);
    installAdmission(this.store);
    this.decisions = new DecisionLog(() => this.clock.now());
    this.events = new EventRecorder(this.store);
    this.cp = {
      store: this.store,
      clock: this.clock,
      random: this.random,
      queue: this.queue,
      decisions: this.decisions,
      events: this.events,
      usage: { podUsage: () => undefined },
    };
    for (const name of NAMESPACES) this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    if (options.serviceAccounts !== false) {
      for (const namespace of NAMESPACES) {
        this.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
      }
    }
    this.controllers = controllers.map((C) => new C(this.cp));
    for (const c of this.controllers) c.start();
    this.settle();
  }

  settle(): number {
    let n = 0;
    for (let item = this.queue.take(); item; item = this.queue.take()) {
      (item.owner as Controller).run(item.key);
      n++;
    }
    return n;
  }

  /** Runs timers and reconciles for `ms` of virtual time. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    for (;;) {
      this.settle();
      const next = this.clock.nextAt();
      if (next === undefined || next > target) break;
      if (next > this.clock.now()) this.clock.setNow(next);
      while (this.clock.runOneDue()) {
        // timers due at the same instant
      }
    }
    this.clock.setNow(target);
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
