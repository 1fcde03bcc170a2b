// A cluster with nothing but the kubelets: a store, the virtual clock, the work queue and a
// KubeletFleet, with Nodes built as the real cluster builds them. Pods are created already bound
// (spec.nodeName), so kubelet tests depend on no scheduler or controller. run(ms) drives the same
// loop as Cluster.runUntil: drain the queue, then jump to the next timer.
import type { KObject } from '../../src/api/object.js';
import type { core, Event, Pod } from '../../src/api/types.js';
import { KubeletFleet } from '../../src/kubelet/kubeletFleet.js';
import { buildNodeObject } from '../../src/kubelet/nodeObject.js';
import { summarizePod } from '../../src/printers/podStatus.js';
import { DEFAULT_NODE, type NodeSpec } from '../../src/sim/nodeSpec.js';
import { TestControlPlane } from './testControlPlane.js';

export interface MiniClusterOptions {
  nodes?: number | Array<Partial<NodeSpec> & { name: string }>;
  seed?: number;
}

export interface PodInput {
  name: string;
  namespace?: string;
  node?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  spec: Partial<core.PodSpec> & { containers: core.Container[] };
}

/** One observed moment of a pod: the time, kubectl's STATUS and the phase. */
export interface PodMoment {
  t: number;
  status: string;
  phase: string;
  ready: boolean;
}

export class MiniCluster extends TestControlPlane {
  readonly kubelets: KubeletFleet;
  readonly start: number;

  constructor(options: MiniClusterOptions = {}) {
    // No admission chain: pods are created as the test writes them.
    super({ seed: options.seed ?? 1, namespaces: ['default', 'kube-system', 'kube-node-lease'], admission: false });
    this.kubelets = new KubeletFleet(this.cp);
    this.kubelets.start();
    const nodes = options.nodes ?? 1;
    const specs = typeof nodes === 'number' ? Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}` })) : nodes;
    for (const s of specs) this.addNode({ ...DEFAULT_NODE, ...s });
    this.start = this.clock.now();
    this.settle();
  }

  addNode(spec: NodeSpec): void {
    this.store.create(buildNodeObject(spec, this.clock.iso()), { trusted: true });
  }

  /** Seconds since the mini cluster started. */
  get seconds(): number {
    return (this.clock.now() - this.start) / 1000;
  }

  createPod(input: PodInput): Pod {
    return this.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: input.name, namespace: input.namespace ?? 'default', ...(input.annotations ? { annotations: input.annotations } : {}), ...(input.labels ? { labels: input.labels } : {}) },
      spec: { nodeName: input.node ?? 'node-1', ...input.spec } as core.PodSpec,
    });
  }

  create<T extends KObject>(obj: T): T {
    return this.store.create(obj);
  }

  pod(name: string, namespace = 'default'): Pod | undefined {
    return this.store.get<Pod>('Pod', namespace, name);
  }

  mustPod(name: string, namespace = 'default'): Pod {
    const p = this.pod(name, namespace);
    if (!p) throw new Error(`pod ${namespace}/${name} is gone`);
    return p;
  }

  /** kubectl's STATUS column. */
  statusOf(name: string, namespace = 'default'): string {
    return summarizePod(this.mustPod(name, namespace)).status;
  }

  /** Runs the simulation for `ms` of virtual time. */
  run(ms: number): void {
    this.advance(ms);
  }

  /** Runs until the predicate holds (checked after every step), failing after `limitMs`. */
  runUntil(predicate: () => boolean, limitMs = 600_000): void {
    const target = this.clock.now() + limitMs;
    for (;;) {
      this.settle();
      if (predicate()) return;
      const next = this.clock.nextAt();
      if (next === undefined || next > target) throw new Error(`condition not reached within ${limitMs / 1000}s (t=${this.seconds}s)`);
      if (next > this.clock.now()) this.clock.setNow(next);
      this.clock.runOneDue();
    }
  }

  /** Records the pod's STATUS each time its status changes. */
  recordMoments(name: string, namespace = 'default'): PodMoment[] {
    const out: PodMoment[] = [];
    this.store.watch({ kind: 'Pod', namespace }, (e) => {
      if (e.object.metadata.name !== name || e.type === 'DELETED') return;
      const pod = e.object as Pod;
      const m = { t: (this.clock.now() - this.start) / 1000, status: summarizePod(pod).status, phase: pod.status?.phase ?? '', ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false };
      const last = out[out.length - 1];
      if (!last || last.status !== m.status || last.phase !== m.phase || last.ready !== m.ready) out.push(m);
    });
    return out;
  }

  /** Events about an object, oldest first, as `Reason: message`. */
  eventsFor(name: string, kind = 'Pod'): string[] {
    return this.eventObjects(name, kind).map((e) => `${e.reason}: ${e.message}`);
  }

  eventObjects(name: string, kind = 'Pod'): Event[] {
    return this.store
      .list<Event>('Event')
      .filter((e) => e.involvedObject.name === name && e.involvedObject.kind === kind)
      .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }

  /** Kubelet decisions about a pod, as `action | reason`. */
  decisionsFor(name: string): string[] {
    return this.decisions.query({ component: 'kubelet' }).filter((d) => d.object.name === name).map((d) => `${d.action} | ${d.reason}`);
  }
}
