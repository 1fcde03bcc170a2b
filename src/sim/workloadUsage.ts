// What metrics-server would report for each running pod, derived (there are no processes) from:
//   - `sim.kubesim.dev/cpu` and `sim.kubesim.dev/memory` annotations on the pod: a fixed usage
//     (`250m`, `96Mi`) or a range that drifts over time (`100m-400m`);
//   - otherwise a steady default: 30 % of the container's cpu request and 60 % of its memory
//     request (5m and 16Mi without requests),
//     with a small deterministic wobble so graphs are alive;
//   - plus load injected on a workload (`load: {deployment/php-apache: {cpu: 900m}}` in a scenario,
//     or the dashboard's fault menu), spread evenly over the workload's ready pods, as a load
//     generator hitting its Service would be.
import type { KObject } from '../api/object.js';
import { cachedBytes, cachedMilli } from '../api/quantityCache.js';
import { selectorFromLabelSelector, selectorFromSet } from '../api/labels.js';
import type { Pod } from '../api/types.js';
import type { Store } from '../store/store.js';
import type { VirtualClock } from './clock.js';
import type { PodUsage, UsageModel } from './usage.js';

const ANNOTATION_CPU = 'sim.kubesim.dev/cpu';
const ANNOTATION_MEMORY = 'sim.kubesim.dev/memory';
const DEFAULT_FRACTION = 0.3;
const IDLE_CPU_MILLI = 5;
const IDLE_MEMORY_BYTES = 16 * 1024 * 1024;
const WOBBLE_PERIOD_MS = 5 * 60 * 1000;

export interface InjectedLoad {
  /** `Deployment`, `StatefulSet`, `ReplicaSet`, `ReplicationController`, `DaemonSet`. */
  kind: string;
  namespace: string;
  name: string;
  cpuMilli: number;
  memoryBytes: number;
}

export class WorkloadUsage implements UsageModel {
  private readonly loads = new Map<string, InjectedLoad>();

  constructor(
    private readonly store: Store,
    private readonly clock: VirtualClock,
  ) {}

  /** Push (or with 0, remove) extra load onto a workload's pods. */
  setLoad(load: InjectedLoad): void {
    const key = `${load.kind}/${load.namespace}/${load.name}`;
    if (load.cpuMilli <= 0 && load.memoryBytes <= 0) this.loads.delete(key);
    else this.loads.set(key, load);
  }

  injectedLoads(): InjectedLoad[] {
    return [...this.loads.values()];
  }

  podUsage(obj: KObject): PodUsage | undefined {
    const pod = obj as Pod;
    if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return undefined;
    const running = (pod.status.containerStatuses ?? []).filter((c) => c.state?.running);
    if (!running.length) return undefined;
    const annotations = pod.metadata.annotations ?? {};
    const phase = hashPhase(pod.metadata.uid ?? pod.metadata.name ?? '');
    let cpuMilli = 0;
    let memoryBytes = 0;
    for (const c of pod.spec?.containers ?? []) {
      if (!running.some((s) => s.name === c.name)) continue;
      const cpuRequest = cachedMilli(c.resources?.requests?.cpu);
      const memRequest = cachedBytes(c.resources?.requests?.memory);
      cpuMilli += cpuRequest ? cpuRequest * DEFAULT_FRACTION : IDLE_CPU_MILLI;
      memoryBytes += memRequest ? memRequest * DEFAULT_FRACTION * 2 : IDLE_MEMORY_BYTES;
    }
    const wobble = 1 + 0.08 * Math.sin((2 * Math.PI * this.clock.now()) / WOBBLE_PERIOD_MS + phase);
    cpuMilli = annotatedUsage(annotations[ANNOTATION_CPU], cachedMilli, this.clock.now(), phase) ?? cpuMilli * wobble;
    memoryBytes = annotatedUsage(annotations[ANNOTATION_MEMORY], cachedBytes, this.clock.now(), phase) ?? memoryBytes;
    for (const load of this.loads.values()) {
      if (load.namespace !== pod.metadata.namespace || !this.selects(load, pod)) continue;
      const share = this.readyPodCount(load);
      if (!share) continue;
      if (pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) {
        cpuMilli += load.cpuMilli / share;
        memoryBytes += load.memoryBytes / share;
      }
    }
    return { cpuMilli: Math.round(cpuMilli), memoryBytes: Math.round(memoryBytes) };
  }

  /** Sum over the pods bound to a node (what `kubectl top nodes` shows, less system overhead). */
  nodeUsage(nodeName: string): PodUsage {
    let cpuMilli = 0;
    let memoryBytes = 0;
    for (const pod of this.store.list('Pod', { nodeName })) {
      const u = this.podUsage(pod);
      if (!u) continue;
      cpuMilli += u.cpuMilli;
      memoryBytes += u.memoryBytes;
    }
    return { cpuMilli, memoryBytes };
  }

  private workloadSelector(load: InjectedLoad) {
    const workload = this.store.get(load.kind, load.namespace, load.name);
    if (!workload) return undefined;
    const sel = workload.spec?.selector;
    if (!sel) return undefined;
    return load.kind === 'ReplicationController' ? selectorFromSet(sel) : selectorFromLabelSelector(sel);
  }

  private selects(load: InjectedLoad, pod: Pod): boolean {
    return this.workloadSelector(load)?.matches(pod.metadata.labels) ?? false;
  }

  private readyPodCount(load: InjectedLoad): number {
    const selector = this.workloadSelector(load);
    if (!selector) return 0;
    return this.store
      .list<Pod>('Pod', { namespace: load.namespace, labelSelector: selector })
      .filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
  }
}

/** `250m` → 250; `100m-400m` → drifts between the two over the wobble period. */
function annotatedUsage(text: string | undefined, parse: (q: string) => number, now: number, phase: number): number | undefined {
  if (!text) return undefined;
  const range = /^\s*([^-\s]+)\s*-\s*([^-\s]+)\s*$/.exec(text);
  if (!range) {
    const v = parse(text.trim());
    return v || undefined;
  }
  const low = parse(range[1]);
  const high = parse(range[2]);
  const t = (1 + Math.sin((2 * Math.PI * now) / WOBBLE_PERIOD_MS + phase)) / 2;
  return low + (high - low) * t;
}

function hashPhase(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) / 4294967296) * 2 * Math.PI;
}
