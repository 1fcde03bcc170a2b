// pod-garbage-collector (pkg/controller/podgc): force-deletes (grace period 0) pods nobody else will
// finish off:
//   - orphans: pods bound to a node that no longer exists, once the node has been missing for the 40 s
//     quarantine (in case it was only being re-created);
//   - terminating pods on a NotReady node tainted node.kubernetes.io/out-of-service (an administrator's
//     word that the machine is down for good);
//   - terminated (Succeeded/Failed) pods beyond --terminated-pod-gc-threshold (12,500), evicted ones
//     first, then oldest first.
// Pods not yet Succeeded or Failed are first marked Failed, orphans with a DisruptionTarget condition.
//
// Upstream lists every pod every 20 s (gcCheckPeriod); here watches keep track of the candidates (nodes
// that vanished, nodes taken out of service, the set of terminated pods) and the work lands on the same
// 20 s ticks, counted from the controller's start.
import { nsName } from '../api/object.js';
import { byCreationThenName } from '../api/objectOrder.js';
import type { Node, Pod } from '../api/types.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, splitKey } from './controller.js';
import { clockTime, hasTaint, readyStatus, TAINT_OUT_OF_SERVICE } from './nodeTaints.js';

export const GC_CHECK_PERIOD_MS = 20_000;
export const ORPHAN_QUARANTINE_MS = 40_000;
export const DEFAULT_TERMINATED_POD_GC_THRESHOLD = 12_500;
/** The work-queue key of the terminated-pods pass (node names cannot contain a colon). */
const TERMINATED_KEY = ':terminated';

export class PodGCController extends Controller {
  readonly name = 'pod-garbage-collector';
  protected override readonly primaryKind = 'Node';
  /** --terminated-pod-gc-threshold; 0 or less turns the terminated-pods pass off. */
  terminatedPodThreshold = DEFAULT_TERMINATED_POD_GC_THRESHOLD;
  /** Missing node name → when its quarantine ends. */
  private readonly quarantine = new Map<string, number>();
  /** Keys of Succeeded/Failed pods. */
  private readonly terminated = new Set<string>();
  private originMs = 0;

  start(): void {
    this.originMs = this.cp.clock.now();
    const { store } = this.cp;
    store.watch({ kind: 'Node' }, (e) => this.onNode(e));
    store.watch({ kind: 'Pod' }, (e) => this.onPod(e));
    for (const pod of store.list<Pod>('Pod')) this.onPod({ type: 'ADDED', object: pod });
  }

  /** The first gc tick at or after `ms`. */
  tickAtOrAfter(ms: number): number {
    if (ms <= this.originMs) return this.originMs;
    return this.originMs + Math.ceil((ms - this.originMs) / GC_CHECK_PERIOD_MS) * GC_CHECK_PERIOD_MS;
  }

  private enqueueAtTick(key: string, notBeforeMs = this.cp.clock.now()): void {
    this.enqueueAfter(key, this.tickAtOrAfter(notBeforeMs) - this.cp.clock.now());
  }

  private onNode(event: WatchEvent): void {
    const node = event.object as Node;
    const name = node.metadata.name!;
    if (event.type === 'DELETED') {
      this.startQuarantine(name);
      return;
    }
    this.quarantine.delete(name);
    if (outOfService(node) && !(event.old && outOfService(event.old as Node))) this.enqueueAtTick(name);
  }

  private onPod(event: WatchEvent): void {
    const pod = event.object as Pod;
    const key = nsName(pod);
    const old = event.old as Pod | undefined;
    if (event.type === 'DELETED') {
      this.terminated.delete(key);
      return;
    }
    if (isTerminated(pod)) {
      if (!this.terminated.has(key)) {
        this.terminated.add(key);
        if (this.terminatedPodThreshold > 0 && this.terminated.size > this.terminatedPodThreshold) this.enqueueAtTick(TERMINATED_KEY);
      }
    } else this.terminated.delete(key);

    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const node = this.cp.store.get<Node>('Node', undefined, nodeName);
    if (!node) {
      if (old?.spec?.nodeName !== nodeName) this.startQuarantine(nodeName);
      return;
    }
    if (pod.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp && outOfService(node)) this.enqueueAtTick(nodeName);
  }

  /** Upstream puts a missing node on a 40 s delaying queue the first gc pass after it disappears. */
  private startQuarantine(nodeName: string): void {
    if (this.quarantine.has(nodeName)) return;
    const due = this.tickAtOrAfter(this.cp.clock.now()) + ORPHAN_QUARANTINE_MS;
    this.quarantine.set(nodeName, due);
    this.enqueueAfter(nodeName, due - this.cp.clock.now());
  }

  reconcile(key: string): void {
    if (key === TERMINATED_KEY) {
      this.gcTerminated();
      return;
    }
    const nodeName = splitKey(key).name;
    const node = this.cp.store.get<Node>('Node', undefined, nodeName);
    if (node) {
      if (outOfService(node)) this.gcTerminating(node);
      return;
    }
    const due = this.quarantine.get(nodeName);
    if (due === undefined) return;
    const now = this.cp.clock.now();
    if (now < due) {
      this.enqueueAfter(nodeName, due - now);
      return;
    }
    this.quarantine.delete(nodeName);
    this.gcOrphaned(nodeName, due);
  }

  private gcOrphaned(nodeName: string, due: number): void {
    const pods = this.cp.store.list<Pod>('Pod', { nodeName });
    if (!pods.length) return;
    const names: string[] = [];
    for (const pod of pods) {
      this.markFailedAndForceDelete(pod, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
      names.push(nsName(pod));
    }
    const quarantineStart = this.cp.clock.iso(due - ORPHAN_QUARANTINE_MS);
    this.decide(
      { kind: 'Node', name: nodeName },
      `force-delete ${names.length} orphaned pod${names.length === 1 ? '' : 's'}`,
      `node ${nodeName} no longer exists (missing since the gc pass at ${clockTime(quarantineStart)}, ${ORPHAN_QUARANTINE_MS / 1000}s quarantine over): ${listed(names)}`,
      { pods: names },
    );
  }

  private gcTerminating(node: Node): void {
    const nodeName = node.metadata.name!;
    if (readyStatus(node) === 'True') {
      this.decide(node, 'keep terminating pods', `${nodeName} is tainted ${TAINT_OUT_OF_SERVICE} but still Ready: its kubelet will finish them`);
      return;
    }
    const pods = this.cp.store.list<Pod>('Pod', { nodeName }).filter((p) => p.metadata.deletionTimestamp).sort(byEvictionThenAge);
    if (!pods.length) return;
    for (const pod of pods) this.markFailedAndForceDelete(pod);
    const names = pods.map(nsName);
    this.decide(
      node,
      `force-delete ${names.length} terminating pod${names.length === 1 ? '' : 's'}`,
      `${nodeName} is NotReady and tainted ${TAINT_OUT_OF_SERVICE}: no kubelet will confirm these deletions: ${listed(names)}`,
      { pods: names },
    );
  }

  private gcTerminated(): void {
    const threshold = this.terminatedPodThreshold;
    const excess = this.terminated.size - threshold;
    if (threshold <= 0 || excess <= 0) return;
    const { store } = this.cp;
    const pods: Pod[] = [];
    for (const key of this.terminated) {
      const { namespace, name } = splitKey(key);
      const pod = store.get<Pod>('Pod', namespace, name);
      if (pod) pods.push(pod);
    }
    pods.sort(byEvictionThenAge);
    const victims = pods.slice(0, excess);
    for (const pod of victims) this.markFailedAndForceDelete(pod);
    const names = victims.map(nsName);
    this.decide(
      { kind: 'Pod', name: '(terminated pods)' },
      `delete ${names.length} terminated pod${names.length === 1 ? '' : 's'}`,
      `${pods.length} Succeeded/Failed pods exceed the terminated-pod-gc-threshold of ${threshold}; evicted pods first, then the oldest: ${listed(names)}`,
      { threshold, terminated: pods.length, deleted: names },
    );
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (if still running), then delete with grace 0. */
  private markFailedAndForceDelete(pod: Pod, condition?: { type: string; status: string; reason: string; message: string }): void {
    const { store, clock } = this.cp;
    const { namespace, name } = pod.metadata;
    if (!isTerminated(pod)) {
      store.modify<Pod>('Pod', namespace, name!, (draft) => {
        const status = (draft.status ??= {});
        status.phase = 'Failed';
        if (condition) {
          const conditions = (status.conditions ??= []);
          const existing = conditions.find((c) => c.type === condition.type);
          const next = { ...condition, lastTransitionTime: existing?.status === condition.status ? existing.lastTransitionTime : clock.iso() };
          if (existing) Object.assign(existing, next);
          else conditions.push(next);
        }
      }, { subresource: 'status' });
    }
    if (store.get('Pod', namespace, name!)) store.delete('Pod', namespace, name!, { gracePeriodSeconds: 0 });
  }
}

/** Pod names for a decision line, cut short when a pass deletes hundreds. */
function listed(names: string[], max = 10): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function isTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function outOfService(node: Node): boolean {
  return readyStatus(node) !== 'True' && hasTaint(node, TAINT_OUT_OF_SERVICE);
}

/** byEvictionAndCreationTimestamp: kubelet-evicted pods first, then oldest, then by name. */
function byEvictionThenAge(a: Pod, b: Pod): number {
  const ea = a.status?.phase === 'Failed' && a.status?.reason === 'Evicted';
  const eb = b.status?.phase === 'Failed' && b.status?.reason === 'Evicted';
  if (ea !== eb) return ea ? -1 : 1;
  return byCreationThenName(a, b);
}
