// Running totals the pulse history keeps up to date from the store's watch stream, so that a sample
// costs nothing proportional to the cluster: pods by phase, requested CPU and memory, ready nodes and
// allocatable capacity, container restarts and Warning events seen, and the HPAs.
import { milliValue, tryParseQuantity, value } from '../../api/quantity.js';
import type { KObject } from '../../api/object.js';
import type { Event, HorizontalPodAutoscaler, Node, Pod } from '../../api/types.js';
import type { WatchEvent } from '../../store/watch.js';

type Phase = 'running' | 'pending' | 'failed' | 'succeeded';

interface PodEntry {
  phase: Phase;
  restarts: number;
  cpuMilli: number;
  memory: number;
}

interface NodeEntry {
  ready: boolean;
  cpuMilli: number;
  memory: number;
}

const milli = (q: unknown) => {
  const parsed = tryParseQuantity(q as string | undefined);
  return parsed ? milliValue(parsed) : 0;
};
const units = (q: unknown) => {
  const parsed = tryParseQuantity(q as string | undefined);
  return parsed ? value(parsed) : 0;
};

function podPhase(pod: Pod): Phase {
  const phase = pod.status?.phase;
  if (phase === 'Running') return 'running';
  if (phase === 'Failed') return 'failed';
  if (phase === 'Succeeded') return 'succeeded';
  return 'pending';
}

function podEntry(pod: Pod): PodEntry {
  const phase = podPhase(pod);
  let restarts = 0;
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
  let cpuMilli = 0;
  let memory = 0;
  // Requests count while a pod holds a place on a node, as the scheduler counts them.
  if (pod.spec?.nodeName && phase !== 'failed' && phase !== 'succeeded') {
    for (const c of pod.spec.containers ?? []) {
      cpuMilli += milli(c.resources?.requests?.cpu);
      memory += units(c.resources?.requests?.memory);
    }
  }
  return { phase, restarts, cpuMilli, memory };
}

function nodeEntry(node: Node): NodeEntry {
  return {
    ready: !!node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    cpuMilli: milli(node.status?.allocatable?.cpu),
    memory: units(node.status?.allocatable?.memory),
  };
}

export class PulseCounters {
  readonly phases: Record<Phase, number> = { running: 0, pending: 0, failed: 0, succeeded: 0 };
  cpuRequestedMilli = 0;
  memoryRequested = 0;
  nodes = 0;
  readyNodes = 0;
  cpuAllocatableMilli = 0;
  memoryAllocatable = 0;
  /** Ever-growing counts; the history turns their differences into rates. */
  restartsSeen = 0;
  warningsSeen = 0;
  /** Running pods, for the usage sum at sample time. */
  readonly runningPods = new Map<string, Pod>();
  readonly hpas = new Map<string, HorizontalPodAutoscaler>();
  private readonly pods = new Map<string, PodEntry>();
  private readonly nodeEntries = new Map<string, NodeEntry>();
  private readonly warningCounts = new Map<string, number>();

  /** Counts what already exists, once, when the history starts. */
  seed(list: (kind: string) => KObject[]): void {
    for (const kind of ['Node', 'Pod', 'HorizontalPodAutoscaler', 'Event']) {
      for (const obj of list(kind)) this.apply({ type: 'ADDED', object: obj }, true);
    }
  }

  apply(event: WatchEvent, seeding = false): void {
    const obj = event.object;
    const uid = obj.metadata.uid ?? `${obj.metadata.namespace}/${obj.metadata.name}`;
    const gone = event.type === 'DELETED';
    switch (obj.kind) {
      case 'Pod':
        return this.applyPod(uid, gone ? undefined : (obj as Pod), seeding);
      case 'Node':
        return this.applyNode(uid, gone ? undefined : (obj as Node));
      case 'HorizontalPodAutoscaler':
        if (gone) this.hpas.delete(uid);
        else this.hpas.set(uid, obj as HorizontalPodAutoscaler);
        return;
      case 'Event':
        return this.applyEvent(uid, gone ? undefined : (obj as Event), seeding);
    }
  }

  private applyPod(uid: string, pod: Pod | undefined, seeding: boolean): void {
    const before = this.pods.get(uid);
    if (before) {
      this.phases[before.phase]--;
      this.cpuRequestedMilli -= before.cpuMilli;
      this.memoryRequested -= before.memory;
    }
    if (!pod) {
      this.pods.delete(uid);
      this.runningPods.delete(uid);
      return;
    }
    const after = podEntry(pod);
    this.pods.set(uid, after);
    this.phases[after.phase]++;
    this.cpuRequestedMilli += after.cpuMilli;
    this.memoryRequested += after.memory;
    if (!seeding && before && after.restarts > before.restarts) this.restartsSeen += after.restarts - before.restarts;
    if (after.phase === 'running') this.runningPods.set(uid, pod);
    else this.runningPods.delete(uid);
  }

  private applyNode(uid: string, node: Node | undefined): void {
    const before = this.nodeEntries.get(uid);
    if (before) {
      this.nodes--;
      if (before.ready) this.readyNodes--;
      this.cpuAllocatableMilli -= before.cpuMilli;
      this.memoryAllocatable -= before.memory;
    }
    if (!node) {
      this.nodeEntries.delete(uid);
      return;
    }
    const after = nodeEntry(node);
    this.nodeEntries.set(uid, after);
    this.nodes++;
    if (after.ready) this.readyNodes++;
    this.cpuAllocatableMilli += after.cpuMilli;
    this.memoryAllocatable += after.memory;
  }

  private applyEvent(uid: string, event: Event | undefined, seeding: boolean): void {
    if (!event) {
      this.warningCounts.delete(uid);
      return;
    }
    if (event.type !== 'Warning') return;
    const count = event.count ?? 1;
    const before = this.warningCounts.get(uid) ?? 0;
    this.warningCounts.set(uid, count);
    if (!seeding && count > before) this.warningsSeen += count - before;
  }
}
