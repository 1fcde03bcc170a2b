// The scheduling queue: activeQ ordered by priority (higher first) then by when the pod was queued;
// a back-off per pod (1 s doubling to 10 s per attempt); a pool of unschedulable pods that wait until
// a cluster event that could help them (by the plugins that rejected them) or 5 minutes; gated pods
// kept out until their schedulingGates are gone.
import type { Timer, VirtualClock } from '../sim/clock.js';
import { BinaryHeap } from '../util/binaryHeap.js';
import type { ClusterEvent } from './schedulerCache.js';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_UNSCHEDULABLE_MS = 5 * 60 * 1000;

export type QueueState = 'active' | 'inFlight' | 'backoff' | 'unschedulable' | 'gated';

export interface QueuedPod {
  key: string;
  priority: number;
  state: QueueState;
  /** Scheduling attempts so far. */
  attempts: number;
  /** When the last attempt failed (back-off counts from here). */
  failedAt?: number;
  /** Plugins that rejected it last time; empty means any event may help. */
  plugins: Set<string>;
  /** Why it was last put back in the active queue, for the decision log. */
  trigger?: string;
  /** When it entered the active queue: ties in priority go first come, first served. */
  seq: number;
  timer?: Timer;
  heapEntry?: HeapEntry;
}

interface HeapEntry {
  pod: QueuedPod;
  priority: number;
  seq: number;
  live: boolean;
}

/** Which plugins' rejections an event may undo (a coarse form of kube-scheduler's QueueingHints). */
const EVENT_PLUGINS: Record<ClusterEvent, readonly string[] | 'all'> = {
  NodeAdd: 'all',
  NodeDelete: ['PodTopologySpread'],
  NodeAllocatable: ['NodeResourcesFit'],
  NodeLabel: ['NodeAffinity', 'PodTopologySpread', 'InterPodAffinity', 'VolumeBinding'],
  NodeTaint: ['TaintToleration', 'PodTopologySpread'],
  NodeSchedulable: ['NodeUnschedulable'],
  AssignedPodAdd: ['PodTopologySpread', 'InterPodAffinity'],
  AssignedPodUpdate: ['PodTopologySpread', 'InterPodAffinity', 'NodeResourcesFit'],
  AssignedPodDelete: ['NodeResourcesFit', 'NodePorts', 'VolumeRestrictions', 'PodTopologySpread', 'InterPodAffinity'],
  PvcChange: ['VolumeBinding', 'VolumeRestrictions'],
  PvChange: ['VolumeBinding'],
  StorageClassChange: ['VolumeBinding'],
};

/** Back-off after `attempts` failed attempts: 1 s, 2 s, 4 s, 8 s, then 10 s. */
export function backoffMs(attempts: number): number {
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    d *= 2;
    if (d > MAX_BACKOFF_MS) return MAX_BACKOFF_MS;
  }
  return d;
}

export class SchedulingQueue {
  private readonly pods = new Map<string, QueuedPod>();
  /** The active queue: higher priority first, then earlier queued; entries of pods that left are dead. */
  private readonly heap = new BinaryHeap<HeapEntry>((a, b) => a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq));
  private readonly unschedulableByPlugin = new Map<string, Set<QueuedPod>>();
  /** Unschedulable pods with no rejecting plugin on record: every event may help. */
  private readonly unschedulableAny = new Set<QueuedPod>();
  private seq = 0;

  constructor(
    private readonly clock: VirtualClock,
    /** Called whenever a pod becomes active, so the owner can start an attempt. */
    private readonly onActive: () => void,
  ) {}

  get(key: string): QueuedPod | undefined {
    return this.pods.get(key);
  }

  counts(): Record<QueueState, number> {
    const out: Record<QueueState, number> = { active: 0, inFlight: 0, backoff: 0, unschedulable: 0, gated: 0 };
    for (const p of this.pods.values()) out[p.state]++;
    return out;
  }

  /** A pending pod appeared (or changed): queue it, or keep it out while gated. */
  add(key: string, priority: number, gated: boolean, trigger = 'pod created'): QueuedPod {
    let p = this.pods.get(key);
    if (!p) {
      p = { key, priority, state: gated ? 'gated' : 'active', attempts: 0, plugins: new Set(), seq: this.seq++ };
      this.pods.set(key, p);
      if (!gated) this.activate(p, trigger);
      return p;
    }
    p.priority = priority;
    if (gated) {
      if (p.state !== 'gated') {
        this.leave(p);
        p.state = 'gated';
      }
    } else if (p.state === 'gated') {
      this.activate(p, 'scheduling gates removed');
    }
    return p;
  }

  /** The pod's spec or labels changed: it may fit now, after its back-off. */
  podChanged(key: string): void {
    const p = this.pods.get(key);
    if (p && (p.state === 'unschedulable' || p.state === 'backoff')) this.moveToActiveOrBackoff(p, 'pod updated');
  }

  remove(key: string): void {
    const p = this.pods.get(key);
    if (!p) return;
    this.leave(p);
    this.pods.delete(key);
  }

  /** The highest-priority active pod, now in flight. */
  pop(): QueuedPod | undefined {
    for (let top = this.heap.pop(); top; top = this.heap.pop()) {
      if (!top.live) continue;
      top.pod.heapEntry = undefined;
      top.pod.state = 'inFlight';
      return top.pod;
    }
    return undefined;
  }

  /** The active pod with the highest priority, without taking it. */
  peek(): QueuedPod | undefined {
    while (this.heap.peek()?.live === false) this.heap.pop();
    return this.heap.peek()?.pod;
  }

  /** Puts a popped pod back in its old place (a more urgent pod arrived before its turn came). */
  unpop(key: string): void {
    const p = this.pods.get(key);
    if (!p || p.state !== 'inFlight') return;
    p.state = 'active';
    this.enqueue(p);
  }

  /** Marks the pod as being attempted now, wherever it was waiting; counts the attempt. */
  beginAttempt(key: string, priority: number): QueuedPod {
    let p = this.pods.get(key);
    if (!p) {
      p = { key, priority, state: 'inFlight', attempts: 0, plugins: new Set(), seq: this.seq++ };
      this.pods.set(key, p);
    } else if (p.state !== 'inFlight') {
      this.leave(p);
      p.state = 'inFlight';
    }
    p.priority = priority;
    p.attempts++;
    return p;
  }

  /** The pod is bound (or gone): forget it. */
  done(key: string): void {
    this.remove(key);
  }

  /**
   * The attempt found no node. The pod waits for an event relevant to the plugins that rejected it,
   * at most 5 minutes; `retryAfterBackoff` (errors) sends it straight to back-off instead.
   */
  failed(key: string, plugins: Iterable<string>, retryAfterBackoff = false): void {
    const p = this.pods.get(key);
    if (!p) return;
    this.leave(p);
    p.failedAt = this.clock.now();
    p.plugins = new Set(plugins);
    if (retryAfterBackoff) {
      this.moveToActiveOrBackoff(p, 'retry after an error');
      return;
    }
    p.state = 'unschedulable';
    if (p.plugins.size === 0) this.unschedulableAny.add(p);
    for (const name of p.plugins) {
      let set = this.unschedulableByPlugin.get(name);
      if (!set) this.unschedulableByPlugin.set(name, (set = new Set()));
      set.add(p);
    }
    p.timer = this.clock.after(MAX_UNSCHEDULABLE_MS, () => this.moveToActiveOrBackoff(p, 'waited 5m in the unschedulable queue'), `scheduler flush ${key}`);
  }

  /** A cluster event: wake the unschedulable pods it may help. */
  onClusterEvent(event: ClusterEvent, description: string): number {
    const plugins = EVENT_PLUGINS[event];
    const woken = new Set<QueuedPod>(this.unschedulableAny);
    if (plugins === 'all') {
      for (const set of this.unschedulableByPlugin.values()) for (const p of set) woken.add(p);
    } else {
      for (const name of plugins) for (const p of this.unschedulableByPlugin.get(name) ?? []) woken.add(p);
    }
    for (const p of woken) this.moveToActiveOrBackoff(p, description);
    return woken.size;
  }

  private moveToActiveOrBackoff(p: QueuedPod, trigger: string): void {
    this.leave(p);
    const until = p.failedAt === undefined ? 0 : p.failedAt + backoffMs(p.attempts);
    if (until > this.clock.now()) {
      p.state = 'backoff';
      p.trigger = trigger;
      p.timer = this.clock.at(until, () => this.activate(p, `${trigger}, after ${backoffMs(p.attempts) / 1000}s back-off`), `scheduler backoff ${p.key}`);
      return;
    }
    this.activate(p, trigger);
  }

  private activate(p: QueuedPod, trigger: string): void {
    this.leave(p);
    p.state = 'active';
    p.trigger = trigger;
    p.seq = this.seq++;
    this.enqueue(p);
    this.onActive();
  }

  /** Puts the pod in the active queue at its priority and seq. */
  private enqueue(p: QueuedPod): void {
    const entry: HeapEntry = { pod: p, priority: p.priority, seq: p.seq, live: true };
    p.heapEntry = entry;
    this.heap.push(entry);
  }

  /** Takes the pod out of whatever waiting structure holds it. */
  private leave(p: QueuedPod): void {
    if (p.timer) {
      this.clock.cancel(p.timer);
      p.timer = undefined;
    }
    if (p.heapEntry) {
      p.heapEntry.live = false;
      p.heapEntry = undefined;
    }
    if (p.state === 'unschedulable') {
      this.unschedulableAny.delete(p);
      for (const name of p.plugins) this.unschedulableByPlugin.get(name)?.delete(p);
    }
  }
}
