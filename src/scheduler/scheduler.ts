// kube-scheduler (`default-scheduler`): keeps a cache of nodes and bound pods from the watch stream,
// queues pending pods by priority, and schedules one pod per reconcile: filter, score, bind; or, when
// nothing fits, preempt lower-priority pods and say why in a FailedScheduling event.
import { clone } from '../api/object.js';
import type { Pod } from '../api/types.js';
import { Controller, splitKey } from '../controllers/controller.js';
import type { ControlPlane } from '../controllers/controlPlane.js';
import type { WatchEvent } from '../store/watch.js';
import { buildDetails, successReason, type SchedulingDetails } from './decisionTable.js';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './fitError.js';
import { buildPodInfo, podKey, type PodInfo } from './podInfo.js';
import { applyCondition, hasCondition } from './podConditions.js';
import { preempt, type Candidate } from './preemption.js';
import { podPreemptionPolicy, podPriority } from './priority.js';
import { SchedulerCache, type ClusterEvent } from './schedulerCache.js';
import { SchedulingQueue } from './schedulingQueue.js';
import { schedulePod, type ScheduleAttempt, type StartIndex } from './schedulePod.js';
import { StoreLookups } from './storeLookups.js';
import { planDelayedClaims, SELECTED_NODE_ANNOTATION } from './volumeBindingState.js';
import { BIND_TIMEOUT_MS, VolumeBindingWaits } from './volumeBindingWait.js';

export const SCHEDULER_NAME = 'default-scheduler';
export const GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

export function isPendingForScheduler(pod: Pod): boolean {
  if ((pod.spec?.schedulerName || SCHEDULER_NAME) !== SCHEDULER_NAME) return false;
  if (pod.spec?.nodeName || pod.metadata.deletionTimestamp) return false;
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

export class Scheduler extends Controller {
  readonly name = SCHEDULER_NAME;
  protected override readonly primaryKind = 'Pod';
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  /** Where the next attempt starts walking the nodes (nextStartNodeIndex). */
  private readonly nextStart: StartIndex = { next: 0 };
  /** The pod key the queue handed to the work queue and that has not run yet. */
  private pumped: string | undefined;
  /** Pods assumed on a node while VolumeBinding's PreBind waits for their claims. */
  readonly volumeWaits: VolumeBindingWaits;

  constructor(cp: ControlPlane) {
    super(cp);
    this.cache = new SchedulerCache(new StoreLookups(cp.store), (pod) => podPriority(cp.store, pod));
    this.queue = new SchedulingQueue(cp.clock, () => this.pump());
    const lookups = new StoreLookups(cp.store);
    this.volumeWaits = new VolumeBindingWaits(cp.clock, this.cache, {
      node: (name) => cp.store.get('Node', undefined, name),
      pvc: (ns, name) => lookups.pvc(ns, name),
      pv: (name) => lookups.pv(name),
      pod: (ns, name) => cp.store.get<Pod>('Pod', ns, name),
    }, (key) => this.enqueue(key));
  }

  start(): void {
    const { store } = this.cp;
    for (const node of store.list('Node')) this.cache.upsertNode(node);
    for (const pod of store.list<Pod>('Pod')) this.onPod({ type: 'ADDED', object: pod });
    store.watch({ kind: 'Node' }, (e) => this.onNode(e));
    store.watch({ kind: 'Pod' }, (e) => this.onPod(e));
    const storage = (kind: string, event: ClusterEvent, noun: string) =>
      store.watch({ kind }, (e) => this.wake([event], `${noun} ${e.object.metadata.namespace ? `${e.object.metadata.namespace}/` : ''}${e.object.metadata.name} ${e.type.toLowerCase()}`));
    storage('PersistentVolumeClaim', 'PvcChange', 'claim');
    store.watch({ kind: 'PersistentVolumeClaim' }, (e) => this.volumeWaits.claimChanged(e));
    storage('PersistentVolume', 'PvChange', 'volume');
    storage('StorageClass', 'StorageClassChange', 'storage class');
  }

  // ---- watch handlers -----------------------------------------------------------------------

  private wake(events: readonly ClusterEvent[], description: string): void {
    for (const e of events) this.queue.onClusterEvent(e, description);
  }

  private onNode(e: WatchEvent): void {
    const name = e.object.metadata.name!;
    if (e.type === 'DELETED') this.wake(this.cache.deleteNode(name), `node ${name} deleted`);
    else this.wake(this.cache.upsertNode(e.object), e.type === 'ADDED' ? `node ${name} added` : `node ${name} updated`);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const key = podKey(pod);
    if (this.volumeWaits.holdsAssumed(e, key)) return;
    const events = e.type === 'DELETED' ? this.cache.deletePod(pod) : this.cache.upsertPod(pod);
    const verb = e.type === 'DELETED' || events.includes('AssignedPodDelete') ? 'deleted' : events.includes('AssignedPodAdd') ? 'bound' : 'updated';
    this.wake(events, `pod ${key} ${verb}`);

    if (e.type === 'DELETED' || !isPendingForScheduler(pod)) {
      this.queue.remove(key);
      return;
    }
    const gated = !!pod.spec?.schedulingGates?.length;
    const known = this.queue.get(key);
    const priority = podPriority(this.cp.store, pod);
    if (!known || known.state === 'gated' || gated) {
      const wasGated = known?.state === 'gated';
      this.queue.add(key, priority, gated);
      // A gated pod gets one reconcile to record why it waits.
      if (gated && !wasGated) this.enqueue(key);
      return;
    }
    const old = e.old as Pod | undefined;
    // A status write keeps the spec and the labels (the very same objects); anything else may have
    // made the pod fit.
    if (old && (old.spec !== pod.spec || old.metadata.labels !== pod.metadata.labels || old.metadata.annotations !== pod.metadata.annotations)) this.queue.podChanged(key);
  }

  // ---- the scheduling cycle ----------------------------------------------------------------

  /**
   * Hands the highest-priority active pod to the work queue, one at a time. If a more urgent pod
   * arrives before that item runs, the handed-out pod goes back in line and the urgent one is handed
   * out instead (the earlier item then finds its pod waiting and does nothing).
   */
  private pump(): void {
    if (this.pumped !== undefined) {
      const waiting = this.queue.get(this.pumped);
      const top = this.queue.peek();
      if (!waiting || !top || top.priority <= waiting.priority) return;
      this.queue.unpop(this.pumped);
      this.pumped = undefined;
    }
    const next = this.queue.pop();
    if (!next) return;
    this.pumped = next.key;
    this.enqueue(next.key);
  }

  reconcile(key: string): void {
    if (this.volumeWaits.has(key)) {
      this.resumeVolumeWait(key);
      return;
    }
    if (key === this.pumped) this.pumped = undefined;
    else if (this.queue.get(key)?.state === 'active') return; // its turn comes through the queue
    try {
      this.scheduleOne(key);
    } finally {
      this.pump();
    }
  }

  private scheduleOne(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.cp.store.get<Pod>('Pod', namespace, name);
    if (!pod || !isPendingForScheduler(pod)) {
      this.queue.remove(key);
      return;
    }
    const priority = podPriority(this.cp.store, pod);
    if (pod.spec?.schedulingGates?.length) {
      this.queue.add(key, priority, true);
      this.recordGated(pod);
      return;
    }
    const queued = this.queue.beginAttempt(key, priority);
    const info = buildPodInfo(pod, priority, podPreemptionPolicy(this.cp.store, pod));
    const attempt = schedulePod(info, this.cache, this.nextStart, this.cp.random);
    const details = buildDetails(attempt, queued.attempts, queued.trigger);
    if (attempt.chosen) this.bind(pod, attempt, details);
    else this.unschedulable(pod, info, attempt, details);
  }

  private recordGated(pod: Pod): void {
    const gates = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
    this.writeStatus(pod, { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: GATED_MESSAGE });
    this.decide(pod, 'waiting for scheduling gates', `schedulingGates ${gates.join(', ')} must be removed before the pod is considered`, { gates });
  }

  private bind(pod: Pod, attempt: ScheduleAttempt, details: SchedulingDetails): void {
    const { store } = this.cp;
    const node = attempt.chosen!;
    const key = podKey(pod);
    const claims = attempt.state?.volumes?.delayed.length ? (planDelayedClaims(attempt.state.volumes, node.node!) ?? []) : [];
    const volumes = claims.map((c) => `${c.claim.metadata.name} → ${c.pv ? c.pv.metadata.name : 'provision'}`);
    const reason = successReason(attempt) + (volumes.length ? `; volumes for ${node.name}: ${volumes.join(', ')}` : '');
    try {
      // VolumeBinding PreBind: the PV controller binds or provisions for the chosen node.
      for (const { claim } of claims) {
        if (claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION] === node.name) continue;
        store.modify('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name!, (c) => {
          (c.metadata.annotations ??= {})[SELECTED_NODE_ANNOTATION] = node.name;
        }, { trusted: true });
      }
    } catch (error) {
      this.bindingFailed(pod, `Binding rejected: ${error instanceof Error ? error.message : String(error)}`, details);
      return;
    }
    if (claims.length) {
      // ... and the pod waits, assumed on the node, until every claim is Bound.
      this.volumeWaits.begin(pod, key, node.name, claims.map((c) => c.claim.metadata.name!), reason, details);
      this.decide(pod, `waiting for volumes on ${node.name}`, `${reason}; VolumeBinding PreBind set volume.kubernetes.io/selected-node=${node.name} and binds the pod once every claim is Bound (timeout ${BIND_TIMEOUT_MS / 1000}s)`, details);
      return;
    }
    this.bindToNode(pod, node.name, reason, details);
  }

  /** A claim of a waiting pod changed, or its time ran out. */
  private resumeVolumeWait(key: string): void {
    const outcome = this.volumeWaits.resume(key);
    if (!outcome || outcome.kind === 'waiting') return;
    const { wait } = outcome;
    const waited = `${Math.round((this.cp.clock.now() - wait.since) / 1000)}s`;
    if (outcome.kind === 'gone') {
      this.decide({ kind: 'Pod', namespace: wait.namespace, name: wait.name }, 'volume binding abandoned', `the pod was deleted or bound elsewhere after ${waited} waiting for claims ${wait.claims.join(', ')}`);
    } else if (outcome.kind === 'bound') {
      this.bindToNode(outcome.pod, wait.node, `${wait.reason}; claims ${wait.claims.join(', ')} Bound after ${waited}`, wait.details);
    } else {
      // The room it held on the node is free again: pods waiting for room may fit now.
      this.wake(['AssignedPodDelete'], `pod ${wait.key} forgotten after a binding error`);
      this.writeStatus(outcome.pod, { type: 'PodScheduled', status: 'False', reason: 'SchedulerError', message: outcome.message });
      this.bindingFailed(outcome.pod, outcome.message, wait.details);
    }
  }

  private bindingFailed(pod: Pod, message: string, details: SchedulingDetails): void {
    this.queue.failed(podKey(pod), [], true);
    this.event(pod, 'Warning', 'FailedScheduling', message);
    this.decide(pod, 'binding failed', message, details);
  }

  /** DefaultBinder: the Binding sets spec.nodeName; the API server marks the pod scheduled. */
  private bindToNode(pod: Pod, nodeName: string, reason: string, details: SchedulingDetails): void {
    const { store } = this.cp;
    const key = podKey(pod);
    try {
      // One write, as the binding subresource makes it: spec.nodeName, the PodScheduled condition,
      // and no nomination any more.
      const status = clone(store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!)?.status ?? {});
      applyCondition(status, { type: 'PodScheduled', status: 'True' }, this.cp.clock.iso());
      delete status.nominatedNodeName;
      store.modify<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => {
        p.spec!.nodeName = nodeName;
        p.status = status;
      }, { trusted: true, subresource: 'binding' });
    } catch (error) {
      this.bindingFailed(pod, `Binding rejected: ${error instanceof Error ? error.message : String(error)}`, details);
      return;
    }
    this.queue.done(key);
    const current = store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!) ?? pod;
    this.event(current, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${nodeName}`);
    this.decide(pod, `bound to ${nodeName}`, reason, details);
  }

  private unschedulable(pod: Pod, info: PodInfo, attempt: ScheduleAttempt, details: SchedulingDetails): void {
    const key = podKey(pod);
    const now = this.cp.clock.now();
    let message: string;
    let nominate: string | undefined;
    let candidate: Candidate | undefined;
    // Into the unschedulable pool first: the evictions below are events that must wake this pod.
    const plugins = new Set<string>();
    for (const s of attempt.statuses.explicit.values()) plugins.add(s.plugin);
    if (attempt.statuses.absent) plugins.add(attempt.statuses.absent.plugin);
    this.queue.failed(key, plugins);
    if (attempt.numAllNodes === 0) {
      message = NO_NODES_AVAILABLE;
    } else {
      const result = preempt(info, attempt.state, attempt.statuses, this.cache, this.cp.random, now);
      const postFilterMessage = result.outcome === 'failed' ? result.message : undefined;
      message = fitErrorMessage({ numAllNodes: attempt.numAllNodes, preFilterMessage: attempt.preFilterMessage, statuses: attempt.statuses, postFilterMessage });
      if (result.outcome === 'nominated') {
        candidate = result.candidate;
        nominate = candidate.node.name;
        details.preemption = { result: `nominated ${nominate}`, node: nominate, victims: candidate.victims.map((v) => v.key) };
        this.evict(info, candidate);
      } else {
        details.preemption = { result: result.message };
        if (result.clearNomination && pod.status?.nominatedNodeName) nominate = '';
      }
    }
    this.event(pod, 'Warning', 'FailedScheduling', message);
    const current = this.cp.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!) ?? pod;
    this.writeStatus(current, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }, nominate);
    if (candidate) {
      const victims = candidate.victims.map((v) => `${v.key} (priority ${v.priority})`).join(', ');
      this.decide(pod, `preempting on ${candidate.node.name}`, `${message} Preempting ${victims} on ${candidate.node.name}; nominated ${candidate.node.name}`, details);
    } else {
      this.decide(pod, 'unschedulable', message, details);
    }
  }

  /** prepareCandidate: mark and delete the victims, and un-nominate lower-priority pods there. */
  private evict(preemptor: PodInfo, candidate: Candidate): void {
    const { store } = this.cp;
    const node = candidate.node.name;
    for (const v of candidate.victims) {
      const victim = store.get<Pod>('Pod', v.namespace, v.name);
      if (!victim || victim.metadata.uid !== v.uid) continue;
      if (!hasCondition(victim.status, 'DisruptionTarget')) {
        this.writeStatus(victim, {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'PreemptionByScheduler',
          message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
        });
      }
      const marked = store.get<Pod>('Pod', v.namespace, v.name) ?? victim;
      if (!marked.metadata.deletionTimestamp) store.delete('Pod', v.namespace, v.name);
      this.event(marked, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${node}`);
      this.decide(marked, 'preempted', `evicted so that ${preemptor.key} (priority ${preemptor.priority}) fits on ${node}; this pod's priority is ${v.priority}`);
    }
    for (const p of [...this.cache.nominatedPods(node)]) {
      if (p.priority >= preemptor.priority || p.uid === preemptor.uid) continue;
      const other = store.get<Pod>('Pod', p.namespace, p.name);
      if (other?.status?.nominatedNodeName) this.writeStatus(other, undefined, '');
    }
  }

  /** One status write, only when the condition or the nomination actually changes. */
  private writeStatus(pod: Pod, condition: Parameters<typeof applyCondition>[1] | undefined, nominatedNodeName?: string): void {
    const draft = clone(pod.status ?? {});
    let changed = condition ? applyCondition(draft, condition, this.cp.clock.iso()) : false;
    if (nominatedNodeName !== undefined && (draft.nominatedNodeName ?? '') !== nominatedNodeName) {
      if (nominatedNodeName) draft.nominatedNodeName = nominatedNodeName;
      else delete draft.nominatedNodeName;
      changed = true;
    }
    if (!changed) return;
    this.cp.store.modify<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (p) => {
      p.status = draft;
    }, { subresource: 'status' });
  }
}
