// The garbage collector (component `garbage-collector`): deletes objects whose owners are all gone,
// and carries out the two deletion policies that need help — Foreground (delete the dependents
// first, then the owner) and Orphan (cut the dependents loose, then delete the owner).
//
// Keys are object uids: an owner is identified by uid, and a new object with an old name is not the
// owner its dependents meant.
import { isApiError } from '../api/errors.js';
import { refOf } from '../events/decisionLog.js';
import { nsName, type KObject, type OwnerReference } from '../api/object.js';
import type { PropagationPolicy } from '../store/store.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller } from './controller.js';
import { patchOwnerRefs } from './replicaset/controllerRef.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

const hasFinalizer = (obj: KObject, f: string) => obj.metadata.finalizers?.includes(f) ?? false;
const describe = (obj: KObject) => `${obj.kind.toLowerCase()} ${nsName(obj)}`;
const refText = (r: OwnerReference) => `${r.kind.toLowerCase()} ${r.name}`;

export class GarbageCollector extends Controller {
  readonly name = 'garbage-collector';
  private readonly retries = new Map<string, number>();

  start(): void {
    const { store } = this.cp;
    store.watch({}, (ev) => this.onChange(ev));
    // Whatever was already there: dangling references and deletions waiting on the collector.
    for (const obj of store.all()) this.check(obj);
  }

  override run(key: string): void {
    try {
      this.reconcile(key);
      this.retries.delete(key);
    } catch (error) {
      const n = (this.retries.get(key) ?? 0) + 1;
      this.retries.set(key, n);
      const delayMs = Math.min(1000 * 2 ** (n - 1), 300_000);
      const obj = this.cp.store.getByUid(key);
      this.decide(obj ? refOf(obj) : { kind: '', name: key }, 'retry later',
        `${error instanceof Error ? error.message : String(error)} (attempt ${n}, retrying in ${delayMs / 1000}s)`);
      this.enqueueAfter(key, delayMs);
    }
  }

  reconcile(uid: string): void {
    const obj = this.cp.store.getByUid(uid);
    if (!obj) return;
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, ORPHAN_FINALIZER)) this.orphanDependents(obj);
      else if (hasFinalizer(obj, FOREGROUND_FINALIZER)) this.deleteDependentsFirst(obj);
      return;
    }
    this.attemptToDelete(obj);
  }

  // ---- watch --------------------------------------------------------------------------------

  private onChange(ev: WatchEvent): void {
    const obj = ev.object;
    if (obj.kind === 'Event') return;
    if (ev.type === 'DELETED') {
      // Its dependents may now have no owner left…
      for (const dep of this.cp.store.dependentsOf(obj.metadata.uid ?? '')) this.enqueue(dep.metadata.uid!);
      // …and an owner deleting in the foreground may have been waiting for it.
      for (const ref of obj.metadata.ownerReferences ?? []) this.enqueueIfWaiting(ref.uid);
      return;
    }
    if (ev.type === 'MODIFIED' && ev.old) {
      // References this object dropped may release an owner waiting for its dependents.
      const now = new Set((obj.metadata.ownerReferences ?? []).map((r) => r.uid));
      for (const ref of ev.old.metadata.ownerReferences ?? []) if (!now.has(ref.uid)) this.enqueueIfWaiting(ref.uid);
    }
    this.check(obj);
  }

  /** Queues an object that needs the collector: deletion finalizers to process or owners missing. */
  private check(obj: KObject): void {
    const uid = obj.metadata.uid;
    if (!uid) return;
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, ORPHAN_FINALIZER) || hasFinalizer(obj, FOREGROUND_FINALIZER)) this.enqueue(uid);
      return;
    }
    const refs = obj.metadata.ownerReferences;
    if (!refs?.length) return;
    if (refs.some((r) => this.ownerState(obj, r) !== 'solid')) this.enqueue(uid);
  }

  private enqueueIfWaiting(uid: string): void {
    const owner = this.cp.store.getByUid(uid);
    if (owner?.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND_FINALIZER)) this.enqueue(uid);
  }

  /**
   * An owner reference is `dangling` when no object has its uid (or the one that does lives in another
   * namespace), `waiting` when the owner is being deleted in the foreground, otherwise `solid`.
   */
  private ownerState(dependent: KObject, ref: OwnerReference): 'dangling' | 'waiting' | 'solid' {
    const owner = this.cp.store.getByUid(ref.uid);
    if (!owner) return 'dangling';
    if (owner.metadata.namespace && owner.metadata.namespace !== dependent.metadata.namespace) return 'dangling';
    if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND_FINALIZER)) return 'waiting';
    return 'solid';
  }

  // ---- the three jobs ----------------------------------------------------------------------

  /** attemptToDeleteItem: a dependent whose owners are gone (or going, in the foreground) goes too. */
  private attemptToDelete(obj: KObject): void {
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const state = this.ownerState(obj, ref);
      (state === 'solid' ? solid : state === 'dangling' ? dangling : waiting).push(ref);
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // Another owner keeps it alive: only drop the references that block or point nowhere.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      patchOwnerRefs(this.cp.store, obj, (list) => list.filter((r) => !drop.has(r.uid)));
      this.decide(obj, `remove owner references to ${[...dangling, ...waiting].map(refText).join(', ')}`,
        `still owned by ${solid.map(refText).join(', ')}, so it stays`);
      return;
    }
    let policy: PropagationPolicy;
    let why: string;
    const hasDependents = this.cp.store.dependentsOf(obj.metadata.uid ?? '').length > 0;
    if (waiting.length && hasDependents) {
      policy = 'Foreground';
      why = `owner ${waiting.map(refText).join(', ')} is being deleted in the foreground and this object has dependents of its own`;
    } else {
      policy = hasFinalizer(obj, ORPHAN_FINALIZER) ? 'Orphan' : hasFinalizer(obj, FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
      why = waiting.length
        ? `owner ${waiting.map(refText).join(', ')} is being deleted in the foreground`
        : `every owner is gone (${dangling.map((r) => `${refText(r)} uid ${r.uid}`).join(', ')})`;
    }
    this.deleteObject(obj, policy, why);
  }

  /** Foreground: delete every dependent; the owner goes once no blocking dependent remains. */
  private deleteDependentsFirst(owner: KObject): void {
    const uid = owner.metadata.uid!;
    const dependents = this.cp.store.dependentsOf(uid);
    const blocking = dependents.filter((d) => d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
    if (!blocking.length) {
      this.removeFinalizer(owner, FOREGROUND_FINALIZER);
      this.decide(owner, `finish foreground deletion of ${describe(owner)}`, 'no dependent with blockOwnerDeletion is left');
      return;
    }
    let asked = 0;
    for (const dep of dependents) {
      if (dep.metadata.deletionTimestamp) continue;
      this.attemptToDelete(dep);
      asked++;
    }
    // Explain the wait once per round of deletions, not once per dependent that finishes.
    if (!asked) return;
    const names = blocking.slice(0, 5).map((d) => d.metadata.name).join(', ');
    this.decide(owner, 'waiting', `foreground deletion: ${blocking.length} dependent${blocking.length === 1 ? '' : 's'} with blockOwnerDeletion still present (${names}${blocking.length > 5 ? ', …' : ''})`);
  }

  /** Orphan: strip the owner from every dependent, then let the owner go. */
  private orphanDependents(owner: KObject): void {
    const uid = owner.metadata.uid!;
    const dependents = this.cp.store.dependentsOf(uid);
    for (const dep of dependents) patchOwnerRefs(this.cp.store, dep, (refs) => refs.filter((r) => r.uid !== uid));
    this.removeFinalizer(owner, ORPHAN_FINALIZER);
    this.decide(owner, `orphan ${dependents.length} dependent${dependents.length === 1 ? '' : 's'} of ${describe(owner)}`,
      `deleted with propagationPolicy Orphan: their ownerReferences to it are removed and they stay${dependents.length ? ` (${dependents.slice(0, 5).map((d) => d.metadata.name).join(', ')}${dependents.length > 5 ? ', …' : ''})` : ''}`);
  }

  private deleteObject(obj: KObject, policy: PropagationPolicy, why: string): void {
    try {
      this.cp.store.delete(obj.kind, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } });
    } catch (e) {
      if (isApiError(e, 'NotFound') || isApiError(e, 'Conflict')) return;
      throw e;
    }
    this.decide(obj, `delete ${describe(obj)} (${policy.toLowerCase()})`, why);
  }

  private removeFinalizer(obj: KObject, finalizer: string): void {
    try {
      this.cp.store.modify(obj.kind, obj.metadata.namespace, obj.metadata.name!, (draft) => {
        const rest = (draft.metadata.finalizers ?? []).filter((f) => f !== finalizer);
        if (rest.length) draft.metadata.finalizers = rest;
        else delete draft.metadata.finalizers;
      }, { trusted: true });
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
}
