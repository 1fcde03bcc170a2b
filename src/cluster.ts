// The cluster: composes the store, the clock, the control plane and the kubelets, and runs the
// simulation loop. The UI and the CLI hold one of these and nothing else.
import type { KObject } from './api/object.js';
import { CONTROLLERS, type ControllerClass } from './controllers/registry.js';
import type { ControlPlane } from './controllers/controlPlane.js';
import type { Controller } from './controllers/controller.js';
import { ApiServerEndpointsReconciler, kubernetesService } from './controllers/endpoints/apiServerEndpoints.js';
import { WorkQueue } from './controllers/workQueue.js';
import { DecisionLog } from './events/decisionLog.js';
import { EventRecorder } from './events/eventRecorder.js';
import { KubeletFleet } from './kubelet/kubeletFleet.js';
import { buildNodeObject } from './kubelet/nodeObject.js';
import { Scheduler } from './scheduler/scheduler.js';
import { VirtualClock } from './sim/clock.js';
import { workerNodes, type NodeSpec } from './sim/nodeSpec.js';
import { SeededRandom } from './sim/random.js';
import { WorkloadUsage } from './sim/workloadUsage.js';
import { installAdmission } from './store/admission/index.js';
import { Store } from './store/store.js';
import { bootstrapRbacObjects } from './rbac/bootstrapPolicy.js';
import { builtinPriorityClasses } from './store/admission/priority.js';

export interface ClusterOptions {
  name?: string;
  seed?: number;
  /** A node count (workers `node-1`…) or explicit node specs. Default: 3 workers. */
  nodes?: number | NodeSpec[];
  /** Controllers to run; all of them by default (tests may run a subset). */
  controllers?: ControllerClass[];
  startTime?: number;
}

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export class Cluster {
  readonly name: string;
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly store: Store;
  readonly queue = new WorkQueue();
  readonly decisions: DecisionLog;
  readonly events: EventRecorder;
  readonly usage: WorkloadUsage;
  readonly controlPlane: ControlPlane;
  readonly controllers: Controller[];
  readonly scheduler: Scheduler;
  readonly kubelets: KubeletFleet;
  /** kube-apiserver's reconciler of Service, Endpoints and EndpointSlice default/kubernetes. */
  readonly apiServerEndpoints: ApiServerEndpointsReconciler;
  /** Reconciles processed since start: how much work the simulation did. */
  reconciles = 0;
  private readonly settledListeners = new Set<() => void>();

  constructor(options: ClusterOptions = {}) {
    this.name = options.name ?? 'kubesim';
    this.clock = new VirtualClock(options.startTime);
    this.random = new SeededRandom(options.seed ?? 1);
    this.store = new Store(this.clock, this.random);
    installAdmission(this.store);
    this.decisions = new DecisionLog(() => this.clock.now());
    this.events = new EventRecorder(this.store);
    this.usage = new WorkloadUsage(this.store, this.clock);
    this.controlPlane = {
      store: this.store,
      clock: this.clock,
      random: this.random,
      queue: this.queue,
      decisions: this.decisions,
      events: this.events,
      usage: this.usage,
    };
    for (const name of SYSTEM_NAMESPACES) this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    // What kubeadm and the apiserver create at start: the default RBAC policy, the built-in
    // priority classes and the `kubernetes` Service in default.
    for (const obj of [...bootstrapRbacObjects(), ...builtinPriorityClasses()]) this.store.create(obj, { trusted: true });
    this.store.create(kubernetesService());
    this.controllers = (options.controllers ?? CONTROLLERS).map((C) => new C(this.controlPlane));
    this.scheduler = new Scheduler(this.controlPlane);
    this.kubelets = new KubeletFleet(this.controlPlane);
    // The API server's own loop keeps that Service and its endpoints, whichever controllers run.
    this.apiServerEndpoints = new ApiServerEndpointsReconciler(this.controlPlane);
    for (const c of [...this.controllers, this.scheduler, this.kubelets, this.apiServerEndpoints]) c.start();
    const nodes = typeof options.nodes === 'number' || options.nodes === undefined ? workerNodes(options.nodes ?? 3) : options.nodes;
    for (const spec of nodes) this.addNode(spec);
    this.settle();
  }

  addNode(spec: NodeSpec): KObject {
    return this.store.create(buildNodeObject(spec, this.clock.iso()), { trusted: true });
  }

  /** Processes queued reconciles at the current instant; returns how many ran. */
  settle(maxItems = Number.POSITIVE_INFINITY): number {
    let n = 0;
    while (n < maxItems) {
      const item = this.queue.take();
      if (!item) break;
      (item.owner as Controller).run(item.key);
      n++;
    }
    this.reconciles += n;
    return n;
  }

  /** Runs the simulation for `ms` of virtual time, as fast as the CPU allows. */
  advance(ms: number): void {
    this.runUntil(this.clock.now() + ms);
  }

  /**
   * Runs until virtual time `target`, or until `wallBudgetMs` of real time has passed (the dashboard
   * runs the cluster in slices so a key is answered within a frame). Returns true when it got there.
   */
  runUntil(target: number, wallBudgetMs = Number.POSITIVE_INFINITY): boolean {
    const deadline = wallBudgetMs === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : performance.now() + wallBudgetMs;
    for (;;) {
      while (this.settle(256) === 256) if (performance.now() > deadline) return false;
      if (performance.now() > deadline) return false;
      const next = this.clock.nextAt();
      if (next === undefined || next > this.clock.now()) this.notifySettled();
      if (next === undefined || next > target) {
        if (target > this.clock.now()) {
          this.clock.setNow(target);
          this.settle();
          this.notifySettled();
        }
        return true;
      }
      if (next > this.clock.now()) this.clock.setNow(next);
      while (this.clock.runOneDue()) {
        // Timers at the same instant run together; their reconciles settle on the next pass.
      }
    }
  }

  /**
   * Calls `listener` each time runUntil has done everything due at an instant (every reconcile and
   * every timer), before time moves on: where invariant checks hook in. Returns the unsubscribe.
   */
  onSettled(listener: () => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  private notifySettled(): void {
    for (const listener of this.settledListeners) listener();
  }

  /** One unit of work: a queued reconcile if there is one, else jump to the next timer. */
  step(): { ran: 'reconcile' | 'timer' | 'idle'; label?: string } {
    const item = this.queue.take();
    if (item) {
      (item.owner as Controller).run(item.key);
      this.reconciles++;
      return { ran: 'reconcile', label: `${item.owner.name} ${item.key}` };
    }
    const next = this.clock.nextAt();
    if (next === undefined) return { ran: 'idle' };
    if (next > this.clock.now()) this.clock.setNow(next);
    this.clock.runOneDue();
    return { ran: 'timer' };
  }
}
