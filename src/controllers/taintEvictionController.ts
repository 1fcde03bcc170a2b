// taint-eviction-controller (pkg/controller/tainteviction): deletes pods from nodes with NoExecute
// taints they do not tolerate. A pod that tolerates every such taint with tolerationSeconds is deleted
// when the shortest of those runs out, counted from when the controller first saw it under the taints
// (for pods already on the node, the moment the taint was added); one that tolerates without
// tolerationSeconds stays. If the taints go away first, the scheduled deletion is cancelled.
//
// Work follows changes: a node whose NoExecute taints change enqueues the pods on it (through the
// store's node index); a pod is looked at when it lands on a node or its tolerations change; a
// scheduled deletion is a clock timer, not a poll.
import { setPodCondition } from '../api/podConditions.js';
import { nsName } from '../api/object.js';
import type { Node, Pod } from '../api/types.js';
import type { Timer } from '../sim/clock.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, splitKey } from './controller.js';
import { clockTime, matchTolerations, noExecuteTaints, taintText, type Taint } from './nodeTaints.js';

interface ScheduledEviction {
  /** When the controller first saw the pod under NoExecute taints it tolerates for a while. */
  createdAt: number;
  at: number;
  timer: Timer;
  because: string;
}

export class TaintEvictionController extends Controller {
  readonly name = 'taint-eviction-controller';
  protected override readonly primaryKind = 'Pod';
  private readonly scheduled = new Map<string, ScheduledEviction>();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'Node' }, (e) => this.onNode(e));
    store.watch({ kind: 'Pod' }, (e) => this.onPod(e));
    for (const node of store.list<Node>('Node')) if (noExecuteTaints(node).length) this.enqueuePodsOn(node.metadata.name!);
  }

  /** When the pod's deletion is due, if one is scheduled (for the UI and tests). */
  scheduledEvictionAt(namespace: string, name: string): number | undefined {
    return this.scheduled.get(`${namespace}/${name}`)?.at;
  }

  private onNode(event: WatchEvent): void {
    const node = event.object as Node;
    const before = event.type === 'ADDED' ? [] : noExecuteTaints(event.old as Node | undefined);
    const after = event.type === 'DELETED' ? [] : noExecuteTaints(node);
    if (taintsKey(before) !== taintsKey(after)) this.enqueuePodsOn(node.metadata.name!);
  }

  private onPod(event: WatchEvent): void {
    const pod = event.object as Pod;
    const key = nsName(pod);
    if (event.type === 'DELETED') {
      this.forget(key);
      return;
    }
    const nodeName = pod.spec?.nodeName;
    const old = event.old as Pod | undefined;
    // Status writes (the bulk of pod traffic) share the stored spec: nothing here can have changed.
    if (old && old.spec === pod.spec && !old.metadata.deletionTimestamp === !pod.metadata.deletionTimestamp) return;
    if (!nodeName && !this.scheduled.has(key)) return;
    const relevant =
      !old ||
      old.spec?.nodeName !== nodeName ||
      JSON.stringify(old.spec?.tolerations ?? []) !== JSON.stringify(pod.spec?.tolerations ?? []) ||
      !old.metadata.deletionTimestamp !== !pod.metadata.deletionTimestamp;
    if (!relevant) return;
    const node = nodeName ? this.cp.store.get<Node>('Node', undefined, nodeName) : undefined;
    if (noExecuteTaints(node).length || this.scheduled.has(key)) this.enqueue(key);
  }

  private enqueuePodsOn(nodeName: string): void {
    for (const pod of this.cp.store.list<Pod>('Pod', { nodeName })) this.enqueue(nsName(pod));
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { store, clock } = this.cp;
    const pod = store.get<Pod>('Pod', namespace, name);
    if (!pod || !pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      // Gone, unbound or already being deleted: nothing left to evict.
      this.forget(key);
      return;
    }
    const nodeName = pod.spec.nodeName;
    const taints = noExecuteTaints(store.get<Node>('Node', undefined, nodeName));
    if (!taints.length) {
      const was = this.scheduled.get(key);
      if (was) {
        this.forget(key);
        this.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
        this.decide(pod, 'cancel eviction', `${nodeName} has no NoExecute taint any more; the deletion planned for ${clockTime(clock.iso(was.at))} is off`);
      }
      return;
    }

    const match = matchTolerations(taints, pod.spec.tolerations);
    if (!match.all) {
      this.forget(key);
      this.evict(pod, `evict ${key} from ${nodeName}`, `taint ${taintText(match.untolerated)} is not tolerated`, { taint: match.untolerated });
      return;
    }

    // The shortest tolerationSeconds among the tolerations in use; none at all means "forever".
    let shortest: { seconds: number; taint: Taint } | undefined;
    for (const { taint, toleration } of match.matches) {
      if (toleration.tolerationSeconds === undefined || toleration.tolerationSeconds === null) continue;
      const seconds = Math.max(0, toleration.tolerationSeconds);
      if (!shortest || seconds < shortest.seconds) shortest = { seconds, taint };
    }
    if (!shortest) {
      const was = this.scheduled.get(key);
      this.forget(key);
      if (was) this.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
      this.decide(pod, 'keep', `tolerates ${taints.map(taintText).join(', ')} with no tolerationSeconds: it may stay on ${nodeName} for good`);
      return;
    }

    const now = clock.now();
    const existing = this.scheduled.get(key);
    if (existing && now < existing.at) return; // upstream keeps the eviction it already planned
    const createdAt = existing?.createdAt ?? now;
    const at = existing?.at ?? createdAt + shortest.seconds * 1000;
    const because = `taint ${taintText(shortest.taint)} tolerated for ${shortest.seconds}s, since ${clockTime(clock.iso(createdAt))}`;
    if (now >= at) {
      this.forget(key);
      this.evict(pod, `evict ${key} from ${nodeName}`, `${existing?.because ?? because} → now`, {
        taint: shortest.taint,
        tolerationSeconds: shortest.seconds,
        since: clock.iso(createdAt),
      });
      return;
    }
    const timer = clock.at(at, () => this.enqueue(key), `taint-eviction ${key}`);
    this.scheduled.set(key, { createdAt, at, timer, because });
    this.decide(pod, 'wait', `${because}: will be deleted at ${clockTime(clock.iso(at))} unless the taint is removed first`, {
      taint: shortest.taint,
      tolerationSeconds: shortest.seconds,
      evictAt: clock.iso(at),
    });
  }

  /** Marks the pod as a disruption target, then deletes it gracefully (the kubelet finishes the job). */
  private evict(pod: Pod, action: string, reason: string, details: unknown): void {
    const { store, clock } = this.cp;
    const { namespace, name } = pod.metadata;
    this.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${nsName(pod)}`);
    const condition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' } as const;
    store.modify<Pod>('Pod', namespace, name!, (draft) => setPodCondition(draft, condition, clock.iso()), { subresource: 'status' });
    store.delete('Pod', namespace, name!);
    this.decide(pod, action, reason, details);
  }

  private forget(key: string): void {
    const was = this.scheduled.get(key);
    if (!was) return;
    this.cp.clock.cancel(was.timer);
    this.scheduled.delete(key);
  }
}

function taintsKey(taints: Taint[]): string {
  return taints.map((t) => `${taintText(t)}@${t.timeAdded ?? ''}`).sort().join(',');
}
