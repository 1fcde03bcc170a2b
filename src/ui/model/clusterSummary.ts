// The header's numbers: nodes, pods, and cluster CPU and memory requested and used. Counts and
// requests are kept up to date from the watch (each change adds or takes away one object's share), so
// a frame reads them instead of walking 150,000 pods. Usage moves with time without any change to an
// object, so it is summed over the running pods: in full every frame for a small cluster; for a large
// one a few hundred pods per frame, the header showing the last complete pass (k9s refreshes its
// metrics once a minute). Usage depends only on the simulated time, so a frame drawn at the same
// instant (a key pressed while paused) sums nothing.
import { cachedBytes, cachedMilli } from '../../api/quantityCache.js';
import type { KObject } from '../../api/object.js';
import type { Node, Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';

export interface ClusterSummary {
  nodes: number;
  readyNodes: number;
  pods: number;
  runningPods: number;
  cpuAllocatableMilli: number;
  cpuRequestedMilli: number;
  cpuUsedMilli: number;
  memoryAllocatable: number;
  memoryRequested: number;
  memoryUsed: number;
}

/** Up to this many running pods usage is summed in full every frame; beyond, this many per frame. */
const SMALL_CLUSTER_PODS = 2000;
/** About 3 ms of a frame; 150,000 pods take 300 frames (half a minute at 10 frames a second). */
const PODS_PER_FRAME = 500;

/** What one node or pod adds to the totals (usage is summed apart: it moves with time). */
type Share = Omit<ClusterSummary, 'cpuUsedMilli' | 'memoryUsed'>;

function nodeShare(node: Node): Share {
  return {
    nodes: 1,
    readyNodes: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0,
    pods: 0,
    runningPods: 0,
    cpuAllocatableMilli: cachedMilli(node.status?.allocatable?.cpu),
    cpuRequestedMilli: 0,
    memoryAllocatable: cachedBytes(node.status?.allocatable?.memory),
    memoryRequested: 0,
  };
}

function podShare(pod: Pod): Share {
  const s: Share = { nodes: 0, readyNodes: 0, pods: 1, runningPods: 0, cpuAllocatableMilli: 0, cpuRequestedMilli: 0, memoryAllocatable: 0, memoryRequested: 0 };
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return s;
  if (phase === 'Running') s.runningPods = 1;
  if (!pod.spec?.nodeName) return s;
  for (const c of pod.spec.containers ?? []) {
    s.cpuRequestedMilli += cachedMilli(c.resources?.requests?.cpu);
    s.memoryRequested += cachedBytes(c.resources?.requests?.memory);
  }
  return s;
}

class SummaryTracker {
  private readonly totals: Share = { nodes: 0, readyNodes: 0, pods: 0, runningPods: 0, cpuAllocatableMilli: 0, cpuRequestedMilli: 0, memoryAllocatable: 0, memoryRequested: 0 };
  /** Pods that may report usage (Running, not being deleted), by uid. */
  private readonly running = new Map<string, Pod>();
  private used = { cpuMilli: 0, memoryBytes: 0 };
  /** A pass over the running pods in progress (large clusters). */
  private pass: { pods: Pod[]; next: number; cpuMilli: number; memoryBytes: number } | undefined;

  constructor(private readonly cluster: Cluster) {
    const { store } = cluster;
    for (const node of store.list<Node>('Node')) this.add(nodeShare(node), 1);
    for (const pod of store.list<Pod>('Pod')) this.pod(undefined, pod);
    store.watch({ kind: 'Node' }, (ev) => {
      if (ev.old) this.add(nodeShare(ev.old as Node), -1);
      if (ev.type !== 'DELETED') this.add(nodeShare(ev.object as Node), 1);
    });
    store.watch({ kind: 'Pod' }, (ev) => this.pod(ev.old as Pod | undefined, ev.type === 'DELETED' ? undefined : (ev.object as Pod)));
  }

  private add(share: Share, sign: 1 | -1): void {
    const t = this.totals as unknown as Record<string, number>;
    for (const [k, v] of Object.entries(share)) t[k] += sign * v;
  }

  private pod(old: Pod | undefined, now: Pod | undefined): void {
    this.podChanges++;
    if (old) this.add(podShare(old), -1);
    if (now) this.add(podShare(now), 1);
    const uid = (now ?? old)!.metadata.uid ?? '';
    if (now && now.status?.phase === 'Running' && !now.metadata.deletionTimestamp) this.running.set(uid, now);
    else this.running.delete(uid);
  }

  /** Sums usage over `limit` more running pods; true when the pass is complete. */
  private sumUsage(limit: number): boolean {
    // The pods running when the pass began, each counted once.
    const pass = (this.pass ??= { pods: [...this.running.values()], next: 0, cpuMilli: 0, memoryBytes: 0 });
    for (let n = 0; n < limit; n++) {
      if (pass.next >= pass.pods.length) {
        this.used = { cpuMilli: pass.cpuMilli, memoryBytes: pass.memoryBytes };
        this.pass = undefined;
        return true;
      }
      const usage = this.cluster.usage.podUsage(pass.pods[pass.next++] as KObject);
      if (!usage) continue;
      pass.cpuMilli += usage.cpuMilli;
      pass.memoryBytes += usage.memoryBytes;
    }
    return false;
  }

  /** Pod changes seen so far: with the instant, what the usage last summed depends on. */
  private podChanges = 0;
  private summedAt: { now: number; podChanges: number } | undefined;

  summary(): ClusterSummary {
    const now = this.cluster.clock.now();
    if (this.summedAt?.now !== now || this.summedAt.podChanges !== this.podChanges) {
      this.summedAt = { now, podChanges: this.podChanges };
      if (this.running.size <= SMALL_CLUSTER_PODS) {
        this.pass = undefined;
        this.sumUsage(Number.POSITIVE_INFINITY);
      } else this.sumUsage(PODS_PER_FRAME);
    }
    const t = this.totals;
    return {
      nodes: t.nodes,
      readyNodes: t.readyNodes,
      pods: t.pods,
      runningPods: t.runningPods,
      cpuAllocatableMilli: t.cpuAllocatableMilli,
      cpuRequestedMilli: t.cpuRequestedMilli,
      cpuUsedMilli: this.used.cpuMilli,
      memoryAllocatable: t.memoryAllocatable,
      memoryRequested: t.memoryRequested,
      memoryUsed: this.used.memoryBytes,
    };
  }
}

const trackers = new WeakMap<Cluster, SummaryTracker>();

export function summarizeCluster(cluster: Cluster): ClusterSummary {
  let tracker = trackers.get(cluster);
  if (!tracker) trackers.set(cluster, (tracker = new SummaryTracker(cluster)));
  return tracker.summary();
}
