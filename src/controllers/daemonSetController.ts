// The DaemonSet controller (pkg/controller/daemon), component `daemonset-controller`: one pod per
// eligible node, pinned there by a required node affinity the scheduler honours; pods removed from
// nodes that no longer fit; failed pods killed and re-created with a back-off; rolling updates by
// revision. A sync looks only at the nodes that changed since the last one (see daemonset/daemonView).
import { controllerOf, type KObject } from '../api/object.js';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../api/types.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { REVISION_HASH_LABEL, templateGeneration } from './daemonset/daemonPod.js';
import { DaemonView } from './daemonset/daemonView.js';
import { DaemonPlacement, targetNodeOf } from './daemonset/eligibility.js';
import { FailedPodBackoff } from './daemonset/failedPodBackoff.js';
import { cleanupHistory, constructHistory, type DaemonHistory } from './daemonset/history.js';
import { planNode, type NodeDelete, type PlanContext } from './daemonset/nodePlan.js';
import { createDaemonPods, removeDaemonPod, type PodWrites } from './daemonset/podWrites.js';
import { allowsSurge, planRollingUpdate, planSurgeUpdate } from './daemonset/rollingUpdate.js';
import { claimObjects } from './replicaset/controllerRef.js';
import { isStatusOnlyChange } from './replicaset/replicaManager.js';
import { labelSelectorOf, selectsEverything } from './replicaset/selectors.js';
import { DecisionMemory } from './shared/decisionMemory.js';

/** BurstReplicas: at most this many creates and this many deletes per sync. */
export const DAEMONSET_BURST = 250;

interface Line {
  action: string;
  reason: string;
  details?: unknown;
  wait?: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `a, b, c (+4 more)`: long node lists stay readable. */
function list(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} (+${items.length - max} more)`;
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

export class DaemonSetController extends Controller {
  readonly name = 'daemonset-controller';
  protected override readonly primaryKind = 'DaemonSet';
  private readonly views = new Map<string, DaemonView>();
  private readonly histories = new Map<string, DaemonHistory & { generation: number | undefined }>();
  private readonly backoff = new FailedPodBackoff();
  private readonly said = new DecisionMemory();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'DaemonSet' }, (ev) => {
      if (ev.type === 'DELETED') {
        const uid = ev.object.metadata.uid ?? '';
        this.views.delete(uid);
        this.histories.delete(uid);
        this.backoff.forgetPrefix(`${uid}/`);
        this.said.forget(keyFor(ev.object));
        return;
      }
      if (ev.type === 'MODIFIED' && isStatusOnlyChange(ev)) return;
      // A DaemonSet (re)appearing — created, or restored from a snapshot — is looked at from scratch.
      if (ev.type === 'ADDED') this.views.get(ev.object.metadata.uid ?? '')?.reset();
      this.enqueue(keyFor(ev.object));
    });
    store.watch({ kind: 'Pod' }, (ev) => this.onPod(ev));
    store.watch({ kind: 'Node' }, (ev) => this.onNode(ev));
    for (const ds of store.list('DaemonSet')) this.enqueue(keyFor(ds));
  }

  reconcile(key: string): void {
    const { store, clock } = this.cp;
    const { namespace, name } = splitKey(key);
    const ds = store.get<DaemonSet>('DaemonSet', namespace, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const uid = ds.metadata.uid ?? '';
    if (selectsEverything(labelSelectorOf(ds)) && ds.spec?.selector) {
      this.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    let view = this.views.get(uid);
    if (!view) this.views.set(uid, (view = new DaemonView(uid, key)));
    const history = this.history(ds);
    const hash = history.hash;
    if (view.hash !== hash || view.generation !== ds.metadata.generation) view.full = true;
    const now = clock.now();
    view.dueTimers(now);
    const ctx: PlanContext = { ds, surge: allowsSurge(ds), hash, generation: templateGeneration(ds), placement: new DaemonPlacement(ds), backoff: this.backoff, now };
    const lines: Line[] = [];
    if (history.change) lines.push({ action: history.change, reason: `pods of this template are labelled ${REVISION_HASH_LABEL}=${hash}${history.old.length ? '; older pods are replaced per the update strategy' : ''}` });

    const nodes = view.full ? this.startFullPass(ds, view) : [...view.dirty];
    view.dirty.clear();
    view.full = false;
    view.hash = hash;
    view.generation = ds.metadata.generation;
    this.adoptOrphans(ds, view, lines);

    // manage: what each changed node needs.
    const creates: string[] = [];
    const deletes: Array<NodeDelete & { node: string }> = [];
    const skipped: string[] = [];
    const kept: string[] = [];
    for (const node of nodes) {
      const nodeObj = store.get<Node>('Node', undefined, node);
      const pods = view.podNames(node).map((n) => store.get<Pod>('Pod', namespace, n)).filter((p): p is Pod => !!p);
      const before = view.previous(node);
      const outcome = planNode(ctx, node, nodeObj, pods);
      view.record(node, nodeObj || pods.length ? { contribution: outcome.contribution, roll: outcome.roll } : undefined);
      if (outcome.create) creates.push(node);
      for (const d of outcome.deletes) deletes.push({ ...d, node });
      for (const message of outcome.failed) this.event(ds, 'Warning', 'FailedDaemonPod', message);
      if (outcome.recheckAt !== undefined) view.timers.set(node, outcome.recheckAt);
      if (nodeObj && !outcome.fit.shouldRun && (before === undefined || before.contribution.desired === 1)) {
        if (outcome.contribution.misscheduled && outcome.fit.shouldContinueRunning) kept.push(`${node} (${outcome.fit.why})`);
        else skipped.push(`${node} (${outcome.fit.why})`);
      }
    }
    const rule = 'a daemon pod goes only to nodes its nodeSelector and node affinity match and whose NoSchedule/NoExecute taints it tolerates (with the automatic daemon tolerations)';
    if (skipped.length) lines.push({ action: `not running on ${plural(skipped.length, 'node')}: ${list(skipped)}`, reason: rule });
    if (kept.length) {
      lines.push({
        action: `${plural(kept.length, 'node')} no longer eligible, pod kept: ${list(kept)}`,
        reason: `${rule}; a pod already there keeps running unless a NoExecute taint is untolerated (counted in numberMisscheduled)`,
      });
    }

    const errors: string[] = [];
    const touched = new Set<string>();
    this.syncNodes(ds, view, hash, creates, deletes, touched, lines, errors);

    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') this.rollingUpdate(ds, view, hash, touched, lines, errors);
    else if (view.oldAvailable.size + view.oldUnavailable.size > 0) {
      lines.push({
        wait: true,
        action: `OnDelete: ${plural(view.oldAvailable.size + view.oldUnavailable.size, 'pod')} keep their old revision until deleted`,
        reason: `updateStrategy OnDelete: a daemon pod is re-created from revision ${history.current.metadata.name} only when you delete it`,
      });
    }

    if (history.old.length > (ds.spec?.revisionHistoryLimit ?? 10)) {
      const liveHashes = new Set(store.list<Pod>('Pod', { namespace, ownerUid: uid }).map((p) => p.metadata.labels?.[REVISION_HASH_LABEL] ?? ''));
      const pruned = cleanupHistory(store, ds, history, liveHashes);
      if (pruned.length) lines.push({ action: `delete ${plural(pruned.length, 'old revision')}: ${pruned.join(', ')}`, reason: `revisionHistoryLimit ${ds.spec?.revisionHistoryLimit ?? 10}` });
    }

    this.writeStatus(ds, view, history.collisionCount);
    for (const l of this.said.select(key, lines, (l) => `${l.action}|${l.reason}`)) this.decide(ds, l.action, l.reason, l.details);

    const next = view.dueTimers(now);
    if (view.dirty.size) this.enqueue(key);
    else if (next !== undefined) this.enqueueAfter(key, next - now);
    if (errors.length) throw new Error(errors[0]);
  }

  /**
   * constructHistory, skipped while the template is unchanged (same generation) and the current
   * revision is still there: most syncs are about pods, and hashing the template is not free.
   */
  private history(ds: DaemonSet): DaemonHistory {
    const uid = ds.metadata.uid ?? '';
    const cached = this.histories.get(uid);
    const current = cached && this.cp.store.get<ControllerRevision>('ControllerRevision', ds.metadata.namespace, cached.current.metadata.name!);
    if (cached && current && cached.generation === ds.metadata.generation && current.metadata.uid === cached.current.metadata.uid) {
      return { ...cached, current, old: [], change: undefined };
    }
    const fresh = constructHistory(this.cp.store, ds);
    this.histories.set(uid, { ...fresh, generation: ds.metadata.generation });
    return fresh;
  }

  /** A full pass: forget the per-node picture, re-index the set's pods from the store, list every node. */
  private startFullPass(ds: DaemonSet, view: DaemonView): string[] {
    const { store } = this.cp;
    view.reset();
    const uid = ds.metadata.uid;
    for (const pod of store.list<Pod>('Pod', { namespace: ds.metadata.namespace, ownerUid: uid })) {
      if (controllerOf(pod)?.uid !== uid) continue;
      const target = targetNodeOf(pod);
      if (target) view.addPod(target, pod.metadata.name!);
    }
    // Orphans the selector matches are candidates for adoption.
    const selector = labelSelectorOf(ds);
    if (!selector.matchesNothing) {
      for (const pod of store.list<Pod>('Pod', { namespace: ds.metadata.namespace, labelSelector: selector })) {
        if (!controllerOf(pod) && !pod.metadata.deletionTimestamp) view.orphans.add(pod.metadata.name!);
      }
    }
    const names = new Set(store.list<Node>('Node').map((n) => n.metadata.name!));
    for (const node of view.podsByNode.keys()) names.add(node);
    return [...names];
  }

  private adoptOrphans(ds: DaemonSet, view: DaemonView, lines: Line[]): void {
    if (!view.orphans.size) return;
    const { store } = this.cp;
    const selector = labelSelectorOf(ds);
    const pods = [...view.orphans].map((n) => store.get<Pod>('Pod', ds.metadata.namespace, n)).filter((p): p is Pod => !!p && !controllerOf(p));
    view.orphans.clear();
    const result = claimObjects<Pod>(store, ds, (p) => selector.matches(p.metadata.labels), pods);
    for (const pod of result.adopted) lines.push({ action: `adopt pod ${pod.metadata.name}`, reason: 'an orphan pod whose labels match the selector' });
  }

  /** syncNodes: deletes, then creates in slow-start batches, at most DAEMONSET_BURST of each. */
  private syncNodes(ds: DaemonSet, view: DaemonView, hash: string, creates: string[], deletes: Array<NodeDelete & { node: string }>, touched: Set<string>, lines: Line[], errors: string[]): void {
    const writes = this.writes(ds, errors);
    const deleteNow = deletes.slice(0, DAEMONSET_BURST);
    for (const d of deletes.slice(DAEMONSET_BURST)) view.dirty.add(d.node);
    const deleted: string[] = [];
    for (const d of deleteNow) {
      touched.add(d.node);
      if (writes.remove(d.pod)) deleted.push(`${d.pod.metadata.name} on ${d.node} (${d.why})`);
    }
    if (deleted.length) lines.push({ action: deleted.length === 1 ? `delete pod ${deleteNow[0].pod.metadata.name}` : `delete ${plural(deleted.length, 'pod')}`, reason: list(deleted, 10) });

    const createNow = creates.slice(0, DAEMONSET_BURST);
    for (const node of creates.slice(DAEMONSET_BURST)) view.dirty.add(node);
    if (!createNow.length) return;
    const result = createDaemonPods(writes, ds, hash, createNow, view, touched);
    const burst = creates.length > createNow.length ? ` (burst limit ${DAEMONSET_BURST} of ${creates.length})` : '';
    lines.push({
      action: result.created.length === 1 ? `create pod for node ${createNow[0]}` : `create ${plural(result.created.length, 'pod')}${burst}`,
      reason: `${plural(createNow.length, 'eligible node')} without a daemon pod (${view.totals.desired} eligible in all); each pod is pinned to its node by node affinity metadata.name In [node] and bound by the scheduler; ${result.summary}`,
      details: { created: result.created, batches: result.batches },
    });
  }

  private writes(ds: DaemonSet, errors: string[]): PodWrites {
    const event = (type: 'Normal' | 'Warning', reason: string, message: string) => this.event(ds, type, reason, message);
    return { store: this.cp.store, event, errors, remove: (pod) => removeDaemonPod(this.cp.store, pod, event, errors) };
  }

  private rollingUpdate(ds: DaemonSet, view: DaemonView, hash: string, touched: Set<string>, lines: Line[], errors: string[]): void {
    if (allowsSurge(ds)) {
      // Something to do only while some node's oldest pod is not updated, or a node no longer fits.
      if (view.totals.updated < view.totals.current || view.totals.misscheduled > 0) this.surgeUpdate(ds, view, hash, touched, lines, errors);
      return;
    }
    if (!view.oldAvailable.size && !view.oldUnavailable.size) return;
    const plan = planRollingUpdate(ds, view, touched);
    const deleted: string[] = [];
    for (const d of plan.deletes) {
      const pod = this.cp.store.get<Pod>('Pod', ds.metadata.namespace, d.pod);
      if (pod && this.writes(ds, errors).remove(pod)) deleted.push(`${d.pod} on ${d.node}`);
    }
    const setting = ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
    const numbers = `maxUnavailable ${setting} → ${plan.maxUnavailable} of ${view.totals.desired} nodes; ${plan.unavailable} unavailable now`;
    if (deleted.length) {
      lines.push({
        action: deleted.length === 1 ? `rolling update: delete old pod ${deleted[0]}` : `rolling update: delete ${plural(deleted.length, 'old pod')}: ${list(deleted)}`,
        reason: `${numbers}; the updated pod is created on each node once the old one is gone`,
        details: { deleted: plan.deletes, maxUnavailable: plan.maxUnavailable, unavailable: plan.unavailable },
      });
    } else if (plan.waiting) {
      lines.push({
        wait: true,
        action: `rolling update waiting: ${plural(plan.waiting, 'old pod')} left to replace`,
        reason: `${numbers}: no room to take another node's pod away until an updated pod is available`,
      });
    }
  }

  private surgeUpdate(ds: DaemonSet, view: DaemonView, hash: string, touched: Set<string>, lines: Line[], errors: string[]): void {
    const plan = planSurgeUpdate(ds, view, touched);
    const writes = this.writes(ds, errors);
    const deleted: string[] = [];
    for (const d of plan.deletes) {
      const pod = this.cp.store.get<Pod>('Pod', ds.metadata.namespace, d.pod);
      if (pod && !pod.metadata.deletionTimestamp && writes.remove(pod)) deleted.push(`${d.pod} on ${d.node} (${d.why})`);
    }
    const numbers = `maxSurge ${ds.spec?.updateStrategy?.rollingUpdate?.maxSurge} → ${plan.maxSurge}; ${plan.surging} node${plan.surging === 1 ? '' : 's'} surging now`;
    if (deleted.length) lines.push({ action: `rolling update: delete ${plural(deleted.length, 'old pod')}`, reason: `${numbers}: ${list(deleted)}` });
    if (plan.creates.length) {
      const result = createDaemonPods(writes, ds, hash, plan.creates.slice(0, DAEMONSET_BURST), view, touched);
      lines.push({
        action: `rolling update: start ${plural(result.created.length, 'updated pod')} beside the old ones`,
        reason: `${numbers}; the old pod on each node goes once the new one is available; ${result.summary}`,
      });
    } else if (plan.waiting && !deleted.length) {
      lines.push({ wait: true, action: `rolling update waiting: ${plural(plan.waiting, 'node')} left to surge`, reason: `${numbers}: at most ${plan.maxSurge} at a time` });
    }
  }

  private writeStatus(ds: DaemonSet, view: DaemonView, collisionCount: number): void {
    const t = view.totals;
    const status: Record<string, number | undefined> = {
      currentNumberScheduled: t.current,
      numberMisscheduled: t.misscheduled,
      desiredNumberScheduled: t.desired,
      numberReady: t.ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: t.updated,
      numberAvailable: t.available,
      numberUnavailable: t.desired - t.available,
    };
    if (collisionCount > 0 || ds.status?.collisionCount !== undefined) status.collisionCount = collisionCount;
    const current = (ds.status ?? {}) as Record<string, unknown>;
    if (Object.entries(status).every(([k, v]) => (current[k] ?? 0) === (v ?? 0))) return;
    this.cp.store.modify<DaemonSet>('DaemonSet', ds.metadata.namespace, ds.metadata.name!, (draft) => {
      draft.status = { ...(draft.status ?? {}), ...status } as DaemonSet['status'];
    }, { subresource: 'status' });
  }

  // ---- watches ------------------------------------------------------------------------------

  private daemonRef(pod: KObject | undefined): { uid: string; key: string; target?: string } | undefined {
    if (!pod) return undefined;
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    return { uid: ref.uid, key: `${pod.metadata.namespace}/${ref.name}`, target: targetNodeOf(pod as Pod) };
  }

  private touch(uid: string, key: string, node: string | undefined): void {
    const view = this.views.get(uid);
    if (view && node) view.dirty.add(node);
    this.enqueue(key);
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    const name = pod.metadata.name!;
    const before = ev.old ? this.daemonRef(ev.old) : undefined;
    const after = ev.type === 'DELETED' ? undefined : this.daemonRef(pod);
    if (before && (!after || before.uid !== after.uid || before.target !== after.target)) {
      if (before.target) this.views.get(before.uid)?.removePod(before.target, name);
      this.touch(before.uid, before.key, before.target);
    }
    if (after) {
      if (after.target) this.views.get(after.uid)?.addPod(after.target, name);
      this.touch(after.uid, after.key, after.target);
      return;
    }
    if (ev.type === 'DELETED' || controllerOf(pod) || pod.metadata.deletionTimestamp) return;
    // An orphan: a DaemonSet whose selector matches may adopt it.
    for (const ds of this.cp.store.list<DaemonSet>('DaemonSet', { namespace: pod.metadata.namespace })) {
      if (!labelSelectorOf(ds).matches(pod.metadata.labels)) continue;
      const view = this.views.get(ds.metadata.uid ?? '');
      if (view) view.orphans.add(name);
      this.enqueue(keyFor(ds));
    }
  }

  private onNode(ev: WatchEvent): void {
    const node = ev.object as Node;
    if (ev.type === 'MODIFIED') {
      const old = ev.old as Node;
      // Only what NodeShouldRunDaemonPod reads: labels, taints, unschedulable.
      const relevant =
        !sameMap(old.metadata.labels, node.metadata.labels) ||
        JSON.stringify(old.spec?.taints ?? []) !== JSON.stringify(node.spec?.taints ?? []) ||
        !!old.spec?.unschedulable !== !!node.spec?.unschedulable;
      if (!relevant) return;
    }
    for (const view of this.views.values()) {
      view.dirty.add(node.metadata.name!);
      this.enqueue(view.key);
    }
  }
}
