// A hand-made control plane for controller tests: store (with the real admission chain), clock,
// randomness, work queue, decision log, event recorder and the controllers under test, plus the pod
// simulator standing in for scheduler and kubelets.
import type { KObject } from '../../src/api/object.js';
import type { Deployment, Event, ReplicaSet } from '../../src/api/types.js';
import type { Controller } from '../../src/controllers/controller.js';
import type { ControllerClass } from '../../src/controllers/registry.js';
import { PodSimulator, type PodSimulatorOptions } from '../helpers/podSimulator.js';
import { TestControlPlane } from '../helpers/testControlPlane.js';

export interface HarnessOptions {
  controllers: ControllerClass[];
  seed?: number;
  /** Pod simulator settings; `false` for none (pods stay as created). */
  pods?: PodSimulatorOptions | false;
}

export class Harness extends TestControlPlane {
  readonly controllers: Controller[];
  readonly pods: PodSimulator | undefined;

  constructor(options: HarnessOptions) {
    super({ seed: options.seed ?? 7, namespaces: ['default'], drainLimit: 100_000 });
    this.controllers = options.controllers.map((C) => new C(this.cp));
    for (const c of this.controllers) c.start();
    this.pods = options.pods === false ? undefined : new PodSimulator(this.store, this.clock, options.pods ?? {}).start();
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
