// A hand-made control plane for scheduler tests: the real store with its admission chain, clock,
// seeded randomness, work queue, decision log, event recorder and the Scheduler, with nodes and pods
// the test builds itself (no kubelets: the test finishes graceful deletions when it needs them gone).
import type { KObject } from '../../src/api/object.js';
import type { core, Event, Node, Pod } from '../../src/api/types.js';
import type { Decision } from '../../src/events/decisionLog.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { TestControlPlane } from '../helpers/testControlPlane.js';

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: core.Taint[];
  images?: core.ContainerImage[];
  unschedulable?: boolean;
}

export function nodeObject(name: string, o: NodeOptions = {}): Node {
  const resources = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: String(o.pods ?? 110) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: resources, allocatable: resources, images: o.images ?? [] },
  };
}

export interface PodOptions {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  priority?: number;
  namespace?: string;
  spec?: Partial<core.PodSpec>;
  owner?: KObject;
}

export function podObject(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      labels: o.labels ?? {},
      ...(o.owner
        ? { ownerReferences: [{ apiVersion: o.owner.apiVersion, kind: o.owner.kind, name: o.owner.metadata.name!, uid: o.owner.metadata.uid!, controller: true }] }
        : {}),
    },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.25', ...(Object.keys(requests).length ? { resources: { requests } } : {}) }],
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.spec ?? {}),
    },
  };
}

export class SchedulerHarness extends TestControlPlane {
  readonly scheduler: Scheduler;

  constructor(options: { seed?: number; nodes?: Node[]; admission?: boolean } = {}) {
    super({ seed: options.seed ?? 1, namespaces: ['default', 'kube-system'], admission: options.admission, drainLimit: 1_000_000 });
    this.scheduler = new Scheduler(this.cp);
    this.scheduler.start();
    for (const n of options.nodes ?? []) this.addNode(n);
    this.settle();
  }

  addNode(node: Node): Node {
    return this.store.create(node, { trusted: true });
  }

  createPod(pod: Pod): Pod {
    return this.store.create(pod);
  }

  /** A pod already running on a node, as if scheduled long ago. */
  boundPod(pod: Pod): Pod {
    return this.store.create(pod);
  }

  create<T extends KObject>(obj: T): T {
    return this.store.create(obj);
  }

  pod(name: string, namespace = 'default'): Pod {
    const p = this.store.get<Pod>('Pod', namespace, name);
    if (!p) throw new Error(`pod ${namespace}/${name} not found`);
    return p;
  }

  nodeOf(name: string): string | undefined {
    return this.pod(name).spec?.nodeName;
  }

  /** The kubelet's part of a graceful deletion: the pod is gone. */
  finishDeletion(name: string, namespace = 'default'): void {
    this.store.delete('Pod', namespace, name, { gracePeriodSeconds: 0 });
  }

  eventsFor(name: string, reason?: string): Event[] {
    return this.store
      .list<Event>('Event', { namespace: 'default' })
      .filter((e) => e.involvedObject.name === name && (!reason || e.reason === reason));
  }

  decisionsFor(name: string, namespace = 'default'): Decision[] {
    return this.decisions.query({ object: { kind: 'Pod', namespace, name } });
  }

  lastDecision(name: string): Decision {
    const all = this.decisionsFor(name);
    if (!all.length) throw new Error(`no decision about ${name}`);
    return all[all.length - 1];
  }

  condition(name: string, type = 'PodScheduled'): core.PodCondition | undefined {
    return this.pod(name).status?.conditions?.find((c) => c.type === type);
  }
}
