// The ReplicaSet sync loop (syncReplicaSet), shared by ReplicaSets and ReplicationControllers: claim
// pods, create or delete to match spec.replicas, report status. Everything is read from the store on
// each sync; watches only decide which keys to sync.
import { selectorToString, type Selector } from '../../api/labels.js';
import { controllerOf, type KObject, type OwnerReference } from '../../api/object.js';
import type { Pod } from '../../api/types.js';
import { sameJson } from '../../store/jsonEqual.js';
import type { WatchEvent } from '../../store/watch.js';
import { Controller, keyFor, splitKey } from '../controller.js';
import { claimObjects, resolveControllerRef } from './controllerRef.js';
import { Expectations } from './expectations.js';
import { createPods, deletePods, type ManageContext } from './manageReplicas.js';
import { isPodActive } from './podState.js';
import { countReplicas, nextAvailabilityAt, replicaStatusOf, replicaStatusUnchanged, templateLabelsOf, type ManageFailure, type ReplicaCounts } from './replicaStatus.js';
import { ReplicaTally } from './replicaTally.js';

/** True when a MODIFIED event only rewrote the status subresource (spec and metadata as they were). */
export function isStatusOnlyChange(ev: WatchEvent): boolean {
  const a = ev.old;
  const b = ev.object;
  if (!a) return false;
  if (a.spec !== b.spec && JSON.stringify(a.spec) !== JSON.stringify(b.spec)) return false;
  const ma = a.metadata;
  const mb = b.metadata;
  if (ma === mb) return true;
  const same = (x: unknown, y: unknown) => x === y || JSON.stringify(x) === JSON.stringify(y);
  return (
    ma.generation === mb.generation &&
    ma.deletionTimestamp === mb.deletionTimestamp &&
    same(ma.labels, mb.labels) &&
    same(ma.annotations, mb.annotations) &&
    same(ma.ownerReferences, mb.ownerReferences) &&
    same(ma.finalizers, mb.finalizers)
  );
}

/**
 * Whether a pod update can change what a sync of its owner does or reports: whether the pod is active
 * (phase, deletion), whether it is Ready and since when (availability, minReadySeconds). Labels and
 * owner references are compared by the caller.
 */
function countsChange(a: Pod, b: Pod): boolean {
  if (a.status?.phase !== b.status?.phase || a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp) return true;
  const ra = readyCondition(a);
  const rb = readyCondition(b);
  return ra?.status !== rb?.status || ra?.lastTransitionTime !== rb?.lastTransitionTime;
}

function readyCondition(pod: Pod) {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (const c of conditions) if (c.type === 'Ready') return c;
  return undefined;
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a![k] === b?.[k]);
}

export abstract class ReplicaManager extends Controller {
  /** `ReplicaSet` or `ReplicationController`. */
  abstract readonly kind: string;
  readonly expectations = new Expectations(() => this.cp.clock.now());
  /**
   * Owners that may have orphans to adopt: only then does a sync list pods by selector. An orphan
   * only appears through a watch event (a pod created without owner, released, relabelled) or a new
   * or changed selector, and each of those marks the owners concerned.
   */
  private readonly orphanScan = new Set<string>();

  /**
   * Owners whose last sync saw everything that can change what a sync does: it found as many active
   * pods as desired, waited on nothing, failed at nothing, and availability does not depend on time
   * (minReadySeconds 0). Every enqueue but a pod change no sync can see takes the owner off; a sync of
   * an owner still on it has nothing to do, not even to count its pods again.
   */
  private readonly upToDate = new Set<string>();
  /** Owner key → what its syncs count, followed from pod events (see replicaTally.ts). */
  private readonly tallies = new Map<string, ReplicaTally>();

  override enqueue(key: string): void {
    this.upToDate.delete(key);
    super.enqueue(key);
  }

  private enqueueUnchanged(key: string): void {
    super.enqueue(key);
  }

  /** The compiled `spec.selector` (LabelSelector for ReplicaSets, a plain map for RCs). */
  protected abstract selectorOf(owner: KObject): Selector;

  start(): void {
    this.cp.store.watch({ kind: 'Pod' }, (ev) => this.onPod(ev));
    this.cp.store.watch({ kind: this.kind }, (ev) => {
      const key = keyFor(ev.object);
      if (ev.type === 'MODIFIED' && isStatusOnlyChange(ev)) return;
      const sameSelector = ev.type === 'MODIFIED' && sameJson(ev.old?.spec?.selector, ev.object.spec?.selector);
      if (ev.type === 'DELETED') {
        this.expectations.forget(key);
        this.orphanScan.delete(key);
      } else if (!sameSelector) this.orphanScan.add(key);
      // A new replica count (a scale, each step of a rolling update) changes neither what the pods
      // are matched against nor how they count: the tally stays right.
      if (!sameSelector || !sameJson(ev.old?.spec?.template, ev.object.spec?.template) || ev.old?.metadata.uid !== ev.object.metadata.uid) this.tallies.delete(key);
      this.enqueue(key);
    });
    for (const owner of this.cp.store.list(this.kind)) {
      this.orphanScan.add(keyFor(owner));
      this.enqueue(keyFor(owner));
    }
  }

  reconcile(key: string): void {
    const { store, clock } = this.cp;
    const { namespace, name } = splitKey(key);
    const owner = store.get(this.kind, namespace, name);
    if (!owner) {
      this.expectations.forget(key);
      this.upToDate.delete(key);
      this.tallies.delete(key);
      return;
    }
    if (this.upToDate.has(key)) return;
    const selector = this.selectorOf(owner);
    const awaited = this.expectations.outstanding(key);
    const scanOrphans = this.orphanScan.delete(key);
    const desired = owner.spec?.replicas ?? 1;
    const minReadySeconds = owner.spec?.minReadySeconds ?? 0;
    const deleting = !!owner.metadata.deletionTimestamp;

    // Counts from the tally when this sync has nothing to adopt, release or delete (while it waits for
    // creations and deletions to be observed it manages nothing, so counting is all it does); else
    // the pods themselves, claimed (and a tally started from them for the syncs to come).
    const tally = this.tallies.get(key);
    let active: Pod[] | undefined;
    let counts: ReplicaCounts | undefined;
    let activeCount: number;
    if (tally && tally.ownerUid === owner.metadata.uid && !scanOrphans && !deleting && minReadySeconds <= 0 && (awaited || tally.active <= desired)) {
      counts = { replicas: tally.active, fullyLabeled: tally.fullyLabeled, ready: tally.ready, available: tally.ready };
      activeCount = tally.active;
    } else {
      active = this.claimPods(owner, selector, scanOrphans);
      activeCount = active.length;
      this.tallies.delete(key);
      if (minReadySeconds <= 0 && !deleting) {
        const fresh = new ReplicaTally(owner.metadata.uid ?? '', selector, templateLabelsOf(owner));
        for (const pod of active) fresh.update(pod.metadata.uid ?? '', pod);
        this.tallies.set(key, fresh);
      }
    }
    // Status reflects the pods seen at the start of this sync (counted before any create or delete
    // below changes the tally); the creates and deletes just issued show up on the next sync, which
    // their watch events trigger (the one-sync lag of a real cluster).
    const now = clock.now();

    let failure: ManageFailure | undefined;
    if (awaited) {
      this.decide(owner, 'waiting', `still to observe ${awaited.adds} pod creations and ${awaited.deletes} deletions before counting again`);
    } else if (!deleting && activeCount !== desired) {
      const ctx: ManageContext = {
        store,
        now,
        key,
        expectations: this.expectations,
        event: (obj, type, reason, message) => this.event(obj, type, reason, message),
        decide: (obj, action, reason, details) => this.decide(obj, action, reason, details),
      };
      failure = activeCount < desired ? createPods(ctx, owner, activeCount, desired) : deletePods(ctx, owner, active!, this.relatedPods(owner), desired);
    }

    const current = store.get(this.kind, namespace, name);
    if (current) {
      const status = replicaStatusOf(current, counts ?? countReplicas(current, active!, now), failure, clock.iso(now));
      if (!replicaStatusUnchanged(current.status, status)) {
        store.modify(this.kind, namespace, name, (draft) => {
          draft.status = { ...(draft.status ?? {}), ...status };
          if (!status.conditions) delete draft.status.conditions;
        }, { subresource: 'status' });
      }
      const next = active ? nextAvailabilityAt(active, current.spec?.minReadySeconds ?? 0, now) : undefined;
      if (next !== undefined) this.enqueueAfter(key, next - now);
      const settled = !awaited && !failure && !owner.metadata.deletionTimestamp && activeCount === desired && (current.spec?.minReadySeconds ?? 0) <= 0;
      if (settled && current.metadata.generation === owner.metadata.generation) this.upToDate.add(key);
    }
    if (failure) throw new Error(failure.message);
  }

  /** Active pods this owner controls after adopting matching orphans and releasing mismatched pods. */
  private claimPods(owner: KObject, selector: Selector, scanOrphans: boolean): Pod[] {
    const { store } = this.cp;
    const namespace = owner.metadata.namespace;
    const owned = store.list<Pod>('Pod', { namespace, ownerUid: owner.metadata.uid });
    const look = scanOrphans && !selector.matchesNothing && !owner.metadata.deletionTimestamp;
    const matching = look ? store.list<Pod>('Pod', { namespace, labelSelector: selector }) : [];
    const candidates = [...owned, ...matching].filter(isPodActive);
    const result = claimObjects(store, owner, (pod) => selector.matches(pod.metadata.labels), candidates);
    const shown = selectorToString(selector);
    for (const pod of result.adopted) this.decide(owner, `adopt pod ${pod.metadata.name}`, `orphan pod matches selector ${shown}`);
    for (const pod of result.released) this.decide(owner, `release pod ${pod.metadata.name}`, `its labels no longer match selector ${shown}`);
    return result.claimed;
  }

  /** Pods of every replica set sharing this one's controller (old and new RSs of a Deployment). */
  private relatedPods(owner: KObject): Pod[] {
    const ref = controllerOf(owner);
    if (!ref) return [];
    const { store } = this.cp;
    const namespace = owner.metadata.namespace;
    const seen = new Set<string>();
    const out: Pod[] = [];
    for (const sibling of store.list(this.kind, { namespace, ownerUid: ref.uid })) {
      if (controllerOf(sibling)?.uid !== ref.uid) continue;
      for (const pod of store.list<Pod>('Pod', { namespace, ownerUid: sibling.metadata.uid })) {
        const uid = pod.metadata.uid ?? '';
        if (seen.has(uid)) continue;
        seen.add(uid);
        out.push(pod);
      }
    }
    return out;
  }

  // ---- watches ------------------------------------------------------------------------------

  private onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    if (ev.type === 'DELETED') {
      this.podGone(pod);
      return;
    }
    if (ev.type === 'ADDED') {
      if (pod.metadata.deletionTimestamp) {
        this.podGone(pod);
        return;
      }
      const ref = controllerOf(pod);
      if (ref) {
        const owner = this.resolve(pod, ref);
        if (owner) {
          this.tallies.get(keyFor(owner))?.update(pod.metadata.uid ?? '', pod);
          this.expectations.creationObserved(keyFor(owner));
          this.enqueue(keyFor(owner));
        }
        return;
      }
      this.enqueueMatching(pod);
      return;
    }
    const old = ev.old as Pod;
    if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) {
      // A graceful delete counts as observed as soon as the deletion timestamp appears.
      this.podGone(pod);
      return;
    }
    const labelsChanged = !sameLabels(old.metadata.labels, pod.metadata.labels);
    const curRef = controllerOf(pod);
    const oldRef = controllerOf(old);
    const refChanged = curRef?.uid !== oldRef?.uid;
    if (refChanged && oldRef) {
      const previous = this.resolve(old, oldRef);
      if (previous) {
        this.tallies.delete(keyFor(previous));
        this.enqueue(keyFor(previous));
      }
    }
    if (curRef) {
      const owner = this.resolve(pod, curRef);
      if (!owner) return;
      // Labels or owners changed: a full sync decides about adoption and release.
      if (labelsChanged || refChanged) this.tallies.delete(keyFor(owner));
      else this.tallies.get(keyFor(owner))?.update(pod.metadata.uid ?? '', pod);
      // A change a sync cannot see (the binding, a condition other than Ready) is still queued, so the
      // order of work stays as it was, but it leaves the owner up to date: its sync has nothing to do.
      if (!labelsChanged && !refChanged && !countsChange(old, pod)) this.enqueueUnchanged(keyFor(owner));
      else this.enqueue(keyFor(owner));
      return;
    }
    if (labelsChanged || refChanged) this.enqueueMatching(pod);
  }

  private podGone(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const owner = this.resolve(pod, ref);
    if (!owner) return;
    this.tallies.get(keyFor(owner))?.update(pod.metadata.uid ?? '', undefined);
    this.expectations.deletionObserved(keyFor(owner), pod.metadata.uid ?? '');
    this.enqueue(keyFor(owner));
  }

  private resolve(pod: Pod, ref: OwnerReference): KObject | undefined {
    return resolveControllerRef(this.cp.store, pod.metadata.namespace, ref, this.kind);
  }

  /** An orphan pod: every owner in its namespace whose selector matches may want to adopt it. */
  private enqueueMatching(pod: Pod): void {
    for (const owner of this.cp.store.list(this.kind, { namespace: pod.metadata.namespace })) {
      if (!this.selectorOf(owner).matches(pod.metadata.labels)) continue;
      const key = keyFor(owner);
      this.orphanScan.add(key);
      this.tallies.delete(key);
      this.enqueue(key);
    }
  }
}
