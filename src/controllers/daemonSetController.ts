// The DaemonSet controller (pkg/controller/daemon), component `daemonset-controller`: one pod per
// eligible node, pinned there by a required node affinity the scheduler honours; pods removed from
// nodes that no longer fit; failed pods killed and re-created with a back-off; rolling updates by
// revision. A sync looks only at the nodes that changed since the last one (see daemonset/daemonView).
import { isApiError } from '../api/errors.js';
import { controllerOf, type KObject } from '../api/object.js';
import type { DaemonSet, Node, Pod } from '../api/types.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { daemonPod, REVISION_HASH_LABEL, templateGeneration } from './daemonset/daemonPod.js';
import { DaemonView } from './daemonset/daemonView.js';
import { DaemonPlacement, targetNodeOf } from './daemonset/eligibility.js';
import { FailedPodBackoff } from './daemonset/failedPodBackoff.js';
import { cleanupHistory, constructHistory } from './daemonset/history.js';
import { planNode, type NodeDelete, type PlanContext } from './daemonset/nodePlan.js';
import { planRollingUpdate } from './daemonset/rollingUpdate.js';
import { claimObjects } from './replicaset/controllerRef.js';
import { isStatusOnlyChange } from './replicaset/replicaManager.js';
import { labelSelectorOf, selectsEverything } from './replicaset/selectors.js';
import { slowStartBatch } from './replicaset/slowStart.js';
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
  private readonly backoff = new FailedPodBackoff();
  private readonly said = new DecisionMemory();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'DaemonSet' }, (ev) => {
      if (ev.type === 'DELETED') {
        const uid = ev.object.metadata.uid ?? '';
        this.views.delete(uid);
        this.backoff.forgetPrefix(`${uid}/`);
        this.said.forget(keyFor(ev.object));
        return;
      }
      if (ev.type === 'MODIFIED' && isStatusOnlyChange(ev)) return;
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
    const history = constructHistory(store, ds);
    const hash = history.hash;
    if (view.hash !== hash || view.generation !== ds.metadata.generation) view.full = true;
    const now = clock.now();
    view.dueTimers(now);
    const ctx: PlanContext = { ds, hash, generation: templateGeneration(ds), placement: new DaemonPlacement(ds), backoff: this.backoff, now };
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
      if (nodeObj && !outcome.fit.shouldRun && (before === undefined || before.contribution.desired === 1)) skipped.push(`${node} (${outcome.fit.why})`);
    }
    if (skipped.length) {
      lines.push({
        action: `not running on ${plural(skipped.length, 'node')}: ${list(skipped)}`,
        reason: 'a daemon pod goes only to nodes its nodeSelector and node affinity match and whose NoSchedule/NoExecute taints it tolerates (with the automatic daemon tolerations)',
      });
    }

    const errors: string[] = [];
    const touched = new Set<string>();
    this.syncNodes(ds, view, hash, creates, deletes, touched, lines, errors);

    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') this.rollingUpdate(ds, view, touched, lines, errors);
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
    const { store } = this.cp;
    const deleteNow = deletes.slice(0, DAEMONSET_BURST);
    for (const d of deletes.slice(DAEMONSET_BURST)) view.dirty.add(d.node);
    const deleted: string[] = [];
    for (const d of deleteNow) {
      touched.add(d.node);
      if (this.deletePod(ds, d.pod, errors)) deleted.push(`${d.pod.metadata.name} on ${d.node} (${d.why})`);
    }
    if (deleted.length) lines.push({ action: deleted.length === 1 ? `delete pod ${deleteNow[0].pod.metadata.name}` : `delete ${plural(deleted.length, 'pod')}`, reason: list(deleted, 10) });

    const createNow = creates.slice(0, DAEMONSET_BURST);
    for (const node of creates.slice(DAEMONSET_BURST)) view.dirty.add(node);
    if (!createNow.length) return;
    let i = 0;
    const created: string[] = [];
    const result = slowStartBatch(createNow.length, () => {
      const node = createNow[i++];
      touched.add(node);
      try {
        const pod = store.create(daemonPod(ds, node, hash));
        created.push(`${pod.metadata.name} → ${node}`);
        this.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
      } catch (e) {
        view.dirty.add(node);
        if (isApiError(e)) this.event(ds, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
        throw e;
      }
    });
    for (const node of createNow.slice(i)) view.dirty.add(node);
    const firstError = result.errors[0];
    if (firstError !== undefined) {
      if (!isApiError(firstError)) throw firstError;
      errors.push(firstError.message);
    }
    const burst = creates.length > createNow.length ? ` (burst limit ${DAEMONSET_BURST} of ${creates.length})` : '';
    const desired = view.totals.desired;
    lines.push({
      action: created.length === 1 ? `create pod for node ${createNow[0]}` : `create ${plural(created.length, 'pod')}${burst}`,
      reason:
        `${plural(createNow.length, 'eligible node')} without a daemon pod (${desired} eligible in all); each pod is pinned to its node by node affinity metadata.name In [node] and bound by the scheduler; ` +
        `slow start batches ${result.batches.join('+')}` +
        (firstError !== undefined ? `: ${result.errors.length} failed, ${result.skipped} not attempted: ${(firstError as Error).message}` : '') +
        `: ${list(created, 10)}`,
      details: { created, batches: result.batches },
    });
  }

  private deletePod(ds: DaemonSet, pod: Pod, errors: string[]): boolean {
    try {
      this.cp.store.delete('Pod', pod.metadata.namespace, pod.metadata.name!);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return false;
      if (!isApiError(e)) throw e;
      this.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      errors.push(e.message);
      return false;
    }
    this.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    return true;
  }

  private rollingUpdate(ds: DaemonSet, view: DaemonView, touched: Set<string>, lines: Line[], errors: string[]): void {
    if (!view.oldAvailable.size && !view.oldUnavailable.size) return;
    const plan = planRollingUpdate(ds, view, touched);
    const deleted: string[] = [];
    for (const d of plan.deletes) {
      const pod = this.cp.store.get<Pod>('Pod', ds.metadata.namespace, d.pod);
      if (pod && this.deletePod(ds, pod, errors)) deleted.push(`${d.pod} on ${d.node}`);
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
