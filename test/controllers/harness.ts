// A hand-made control plane for controller tests: store (with the real admission chain), clock,
// randomness, work queue, decision log, event recorder and the controllers under test, plus the pod
// simulator standing in for scheduler and kubelets.
import type { KObject } from '../../src/api/object.js';
import type { Deployment, Event, ReplicaSet } from '../../src/api/types.js';
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
import { PodSimulator, type PodSimulatorOptions } from '../helpers/podSimulator.js';

export interface HarnessOptions {
  controllers: ControllerClass[];
  seed?: number;
  /** Pod simulator settings; `false` for none (pods stay as created). */
  pods?: PodSimulatorOptions | false;
}

export class Harness {
  readonly clock = new VirtualClock();
  readonly random: SeededRandom;
  readonly store: Store;
  readonly queue = new WorkQueue();
  readonly decisions: DecisionLog;
  readonly events: EventRecorder;
  readonly cp: ControlPlane;
  readonly controllers: Controller[];
  readonly pods: PodSimulator | undefined;
  /** Called after every reconcile (and every timer), e.g. to record the replica counts of each step. */
  onStep: (() => void) | undefined;

  constructor(options: HarnessOptions) {
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
    this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    this.controllers = options.controllers.map((C) => new C(this.cp));
    for (const c of this.controllers) c.start();
    this.pods = options.pods === false ? undefined : new PodSimulator(this.store, this.clock, options.pods ?? {}).start();
    this.settle();
  }

  settle(): number {
    let n = 0;
    for (let item = this.queue.take(); item; item = this.queue.take()) {
      (item.owner as Controller).run(item.key);
      this.onStep?.();
      if (++n > 100_000) throw new Error('the work queue never drains');
    }
    return n;
  }

  /** Runs timers and reconciles for `ms` of virtual time. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    this.settle();
    for (;;) {
      const next = this.clock.nextAt();
      if (next === undefined || next > target) break;
      if (next > this.clock.now()) this.clock.setNow(next);
      while (this.clock.runOneDue()) this.onStep?.();
      this.settle();
    }
    if (target > this.clock.now()) this.clock.setNow(target);
    this.settle();
  }

  /** Advances in 1 s slices until `done` holds (or fails after `limitMs`). */
  until(done: () => boolean, limitMs = 30 * 60 * 1000): void {
    const stop = this.clock.now() + limitMs;
    while (!done()) {
      if (this.clock.now() >= stop) throw new Error(`condition not reached within ${limitMs / 1000}s of virtual time`);
      this.advance(1000);
    }
  }

  get<T extends KObject>(kind: string, name: string, namespace = 'default'): T {
    const obj = this.store.get<T>(kind, namespace, name);
    if (!obj) throw new Error(`${kind} ${namespace}/${name} not found`);
    return obj;
  }

  replicaSetsOf(deployment: string): ReplicaSet[] {
    const d = this.get<Deployment>('Deployment', deployment);
    return this.store.list<ReplicaSet>('ReplicaSet', { namespace: 'default', ownerUid: d.metadata.uid });
  }

  /** Events about one object, oldest first, as `Reason: message`. */
  eventsFor(kind: string, name: string): string[] {
    return this.store
      .list<Event>('Event', { namespace: 'default' })
      .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
      .map((e) => `${e.reason}: ${e.message}`);
  }

  decisionsOf(component: string): string[] {
    return this.decisions.query({ component }).map((d) => `${d.action} (${d.reason})`);
  }
}

export function podTemplate(app: string, image = 'nginx:1.25'): KObject['spec'] {
  return {
    metadata: { labels: { app } },
    spec: { containers: [{ name: app, image }] },
  };
}

export function deployment(name: string, replicas: number, extra: Record<string, unknown> = {}, image = 'nginx:1.25'): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(name, image), ...extra },
  } as Deployment;
}

/** The Deployment's rollout has finished: every replica updated and available, condition NewReplicaSetAvailable. */
export function rolloutComplete(h: Harness, name = 'web'): boolean {
  const d = h.get<Deployment>('Deployment', name);
  const st = d.status ?? {};
  const n = d.spec?.replicas ?? 1;
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  return (
    st.observedGeneration === d.metadata.generation &&
    st.updatedReplicas === n &&
    st.replicas === n &&
    st.availableReplicas === n &&
    progressing?.reason === 'NewReplicaSetAvailable'
  );
}
