// The API server: objects, versions, optimistic concurrency, watch, indexes and the admission chain.
// Every change in the cluster is a write here; everything else reacts to the watch stream.
import { alreadyExists, ApiError, conflict, invalid, notFound } from '../api/errors.js';
import { isNamespaced, kindInfo, mustKind } from '../api/kinds.js';
import { clone, cloneSharing, type KObject } from '../api/object.js';
import { applyDefaults } from '../api/defaults/index.js';
import { qualifiedKind, validateObject } from '../api/validation/index.js';
import type { VirtualClock } from '../sim/clock.js';
import type { SeededRandom } from '../sim/random.js';
import type { AdmissionPlugin, AdmissionRequest, Operation } from './admission.js';
import { Indexes, type IndexedObjects } from './indexes.js';
import { createDraft, finishDraft } from './draft.js';
import { Interner } from './intern.js';
import { applyMergePatch } from './mergePatch.js';
import { WatchHub, type WatchEvent, type WatchFilter, type WatchHandler } from './watch.js';
import { exactPairs, listed } from './listMatching.js';
import type { DeleteOptions, ListOptions, Snapshot, WriteOptions } from './storeOptions.js';
import { isGenerational, selectJobPodsByUid, specChanged } from './writeRules.js';

export type { DeleteOptions, ListOptions, PropagationPolicy, Snapshot, WriteOptions } from './storeOptions.js';

interface Transaction {
  undo: Array<() => void>;
  events: WatchEvent[];
  revision: number;
  randomState: number;
}

export class Store {
  private readonly index = new Indexes();
  private readonly hub = new WatchHub();
  private readonly admission: AdmissionPlugin[] = [];
  private readonly interner = new Interner();
  private revision = 0;
  private tx: Transaction | undefined;

  constructor(
    readonly clock: VirtualClock,
    readonly random: SeededRandom,
  ) {}

  // ---- reads -------------------------------------------------------------------------------

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.index.get(kind, isNamespaced(kind) ? (namespace ?? '') : '', name) as T | undefined;
  }

  getByUid(uid: string): KObject | undefined {
    return this.index.byUid.get(uid);
  }

  list<T extends KObject = KObject>(kind: string, options: ListOptions = {}): T[] {
    const out: T[] = [];
    const ns = isNamespaced(kind) ? options.namespace : undefined;
    const candidates = this.candidates(kind, ns, options);
    if (candidates instanceof Set) {
      // An index's ids, looked up one by one (cheaper than iterating through a generator). The owner
      // index holds exactly the objects with a reference to that uid: no need to check again.
      const checkOwner = !(options.ownerUid && candidates === this.index.ownedBy(options.ownerUid).ids);
      const byUid = this.index.byUid;
      for (const id of candidates as ReadonlySet<string>) {
        const obj = byUid.get(id);
        if (obj && listed(obj, kind, ns, options, checkOwner)) out.push(obj as T);
      }
    } else {
      for (const obj of candidates as Iterable<KObject>) if (listed(obj, kind, ns, options, true)) out.push(obj as T);
    }
    return out;
  }

  count(kind: string, namespace?: string): number {
    return this.index.countOfKind(kind, namespace);
  }

  /** Every object (for snapshots, exports and `kubesim run -o json`), in a stable order. */
  all(): KObject[] {
    const out: KObject[] = [];
    for (const kind of this.index.kinds()) for (const obj of this.index.ofKind(kind)) out.push(obj);
    return out;
  }

  /** Objects whose ownerReferences name this uid, of any kind. */
  dependentsOf(uid: string): KObject[] {
    return [...this.index.ownedBy(uid)];
  }

  get resourceVersion(): number {
    return this.revision;
  }

  // ---- watch ------------------------------------------------------------------------------

  watch(filter: WatchFilter, handler: WatchHandler): () => void {
    return this.hub.subscribe(filter, handler);
  }

  addAdmissionPlugin(plugin: AdmissionPlugin): void {
    this.admission.push(plugin);
  }

  // ---- writes -----------------------------------------------------------------------------

  create<T extends KObject>(input: T, options: WriteOptions = {}): T {
    const obj = (options.adopt ? input : clone(input)) as KObject;
    const info = kindInfo(obj.kind);
    if (!info) throw new ApiError('BadRequest', `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
    obj.apiVersion = info.apiVersion;
    const meta = obj.metadata ?? (obj.metadata = {});
    if (info.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    if (!options.trusted) applyDefaults(obj);
    this.admit('CREATE', obj, undefined, options, 'mutate');
    if (!meta.name && meta.generateName) meta.name = this.generateName(obj.kind, meta.namespace, meta.generateName);
    if (!options.trusted) this.throwIfInvalid(obj);
    this.admit('CREATE', obj, undefined, options, 'validate');
    if (this.get(obj.kind, meta.namespace, meta.name!)) throw alreadyExists(resourceName(obj.kind), meta.name!);
    if (options.dryRun) return obj as T;
    meta.uid = this.random.uuid();
    if (obj.kind === 'Job') selectJobPodsByUid(obj);
    meta.creationTimestamp = this.clock.iso();
    meta.resourceVersion = String(++this.revision);
    if (isGenerational(obj.kind) && obj.spec !== undefined) meta.generation = 1;
    // The pod strategy: a new pod's status is the server's, starting Pending.
    if (obj.kind === 'Pod' && !options.trusted) obj.status = { phase: 'Pending' };
    delete meta.deletionTimestamp;
    if (obj.kind === 'Pod') this.interner.pod(obj);
    this.indexAdd(obj);
    this.publish({ type: 'ADDED', object: obj });
    return obj as T;
  }

  /** Replaces an object's spec and metadata (not its status). A stale resourceVersion is a 409. */
  update<T extends KObject>(input: T, options: WriteOptions = {}): T {
    return this.write(input, options, 'main') as T;
  }

  /** Replaces only the status subresource. */
  updateStatus<T extends KObject>(input: T, options: WriteOptions = {}): T {
    return this.write(input, { ...options, trusted: true }, 'status') as T;
  }

  /**
   * Read, change, write back: the usual controller write. Returns the stored result. `change` gets a
   * copy-on-write draft of the stored object (draft.ts): only what it writes to is copied, the rest
   * stays shared with the stored version. Whatever `change` puts into the draft becomes part of the
   * stored object without another copy, so the caller must not change it afterwards; the draft itself
   * refuses writes once the write is done.
   */
  modify<T extends KObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    change: (draft: T) => void,
    options: WriteOptions & { subresource?: 'status' | 'binding' } = {},
  ): T {
    const current = this.get<T>(kind, namespace, name);
    if (!current) throw notFound(resourceName(kind), name);
    const draft = createDraft(current);
    change(draft);
    if (options.subresource === 'status') return this.write(draft, { ...options, trusted: true }, 'status', draft) as T;
    // `binding`: a pod's spec.nodeName together with the status the draft carries (PodScheduled), one
    // write as the API server's binding subresource makes it.
    return this.write(draft, options, options.subresource === 'binding' ? 'binding' : 'main', draft) as T;
  }

  /** JSON merge patch, as `kubectl patch --type merge` and `kubectl apply` use. */
  patch(kind: string, namespace: string | undefined, name: string, patch: unknown, options: WriteOptions = {}): KObject {
    const current = this.get(kind, namespace, name);
    if (!current) throw notFound(resourceName(kind), name);
    const next = applyMergePatch(current, patch) as KObject;
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    return this.update(next, options);
  }

  delete(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): KObject | undefined {
    const current = this.get(kind, namespace, name);
    if (!current) throw notFound(resourceName(kind), name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid)
      throw new ApiError('Conflict', `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) throw conflict(resourceName(kind), name);
    this.admit('DELETE', current, current, options, 'validate');
    if (options.dryRun) return current;

    const grace = this.gracePeriod(current, options);
    if (current.metadata.deletionTimestamp) {
      // Already terminating: only a shorter grace period (the kubelet's final 0) moves it on. With
      // finalizers left, remember the 0 so the last finalizer's removal deletes it.
      const shorter = grace < (current.metadata.deletionGracePeriodSeconds ?? 0);
      if (!shorter) return current;
      if (grace === 0 && !(current.metadata.finalizers?.length ?? 0)) return this.remove(current);
      // Only metadata changes: the rest stays shared with the stored version.
      const next: KObject = { ...current, metadata: { ...current.metadata } };
      next.metadata.deletionGracePeriodSeconds = grace;
      next.metadata.deletionTimestamp = this.clock.iso(this.clock.now() + grace * 1000);
      return this.commit(next, current);
    }
    const finalizers = [...(current.metadata.finalizers ?? [])];
    const policy = options.propagationPolicy ?? 'Background';
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    const waitsForNamespaceController = kind === 'Namespace';
    if (!finalizers.length && grace === 0 && !waitsForNamespaceController) return this.remove(current);

    const next: KObject = { ...current, metadata: { ...current.metadata } };
    next.metadata.finalizers = finalizers.length ? finalizers : undefined;
    if (!next.metadata.finalizers) delete next.metadata.finalizers;
    next.metadata.deletionTimestamp = this.clock.iso(this.clock.now() + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    if (kind === 'Namespace') next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    return this.commit(next, current);
  }

  /**
   * All or nothing: runs `body`; if it throws, every write it made is undone and nobody saw any of
   * them; otherwise watchers receive its events in order once it returns. (An apply of many
   * manifests is one transaction.)
   */
  transaction<T>(body: () => T): T {
    if (this.tx) return body(); // nested: part of the outer one
    const tx: Transaction = { undo: [], events: [], revision: this.revision, randomState: this.random.getState() };
    this.tx = tx;
    try {
      const result = body();
      this.tx = undefined;
      for (const event of tx.events) this.hub.publish(event);
      return result;
    } catch (error) {
      this.tx = undefined;
      for (let i = tx.undo.length - 1; i >= 0; i--) tx.undo[i]();
      this.revision = tx.revision;
      this.random.setState(tx.randomState);
      throw error;
    }
  }

  /** Removes every object (before a restore); watchers see each go, so their caches stay true. */
  clear(): void {
    for (const obj of this.all()) this.remove(obj);
  }

  snapshot(): Snapshot {
    return { resourceVersion: this.revision, objects: this.all().map((o) => clone(o)) };
  }

  restore(snapshot: Snapshot): void {
    this.clear();
    this.revision = snapshot.resourceVersion;
    // Every object is back before anyone hears of one: a watcher that writes when it sees an object
    // arrive (a kubelet renewing its Lease) must find the restored objects, not create duplicates.
    const copies = snapshot.objects.map((obj) => clone(obj));
    for (const copy of copies) this.index.add(copy);
    for (const copy of copies) {
      // A watcher may already have changed (or deleted) it: announce what the store holds now.
      const current = this.get(copy.kind, copy.metadata.namespace, copy.metadata.name ?? '');
      if (current && current.metadata.uid === copy.metadata.uid) this.hub.publish({ type: 'ADDED', object: current });
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  /** The narrowest index that can answer a list (its ids, or the objects of a kind); the caller filters the rest. */
  private candidates(kind: string, namespace: string | undefined, options: ListOptions): ReadonlySet<string> | Iterable<KObject> {
    if (options.nodeName !== undefined && kind === 'Pod') return this.index.podsOnNode(options.nodeName).ids;
    if (options.ownerUid) return this.index.ownedBy(options.ownerUid).ids;
    const pairs = exactPairs(options.labelSelector);
    if (pairs.length) {
      let best: IndexedObjects | undefined;
      for (const [k, v] of pairs) {
        const set = this.index.withLabel(kind, k, v);
        if (!best || set.size < best.size) best = set;
      }
      const all = this.index.countOfKind(kind, namespace);
      if (best && best.size < all) return best.ids;
    }
    return this.index.ofKind(kind, namespace);
  }


  /**
   * `draft`: modify's draft of the stored object, finished here. Otherwise the input is the caller's
   * and is copied, except for the stored object's own parts that it holds. Either way a write of the
   * control plane's (trusted) shares every part nobody changed with the stored version; a client's
   * write, which defaulting walks whole, is copied whole.
   */
  private write(input: KObject, options: WriteOptions, part: 'main' | 'status' | 'binding', draft?: KObject): KObject {
    const { kind } = input;
    const ns = isNamespaced(kind) ? (input.metadata.namespace ?? 'default') : undefined;
    const name = input.metadata.name ?? '';
    const current = this.get(kind, ns, name);
    if (!current) throw notFound(resourceName(kind), name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(resourceName(kind), name);

    let next: KObject;
    if (part === 'status') {
      // (A status sent whole is copied whole: a kubelet's is all new, and looking for shared parts in it
      // costs more than it finds. It can be handed over instead: `adopt`.)
      const status = draft ? finishDraft(draft).status : options.adopt ? input.status : clone(input.status);
      next = { ...current, metadata: { ...current.metadata }, status };
    } else {
      // The input's status is never taken: it is not copied either.
      const given = { ...input, status: current.status };
      // A client's write is copied whole, as it always was: defaulting walks all of it and writes
      // back, which through a draft would cost more than one plain copy.
      if (!options.trusted) next = clone(draft ? finishDraft(draft) : given);
      else next = draft ? finishDraft(draft) : options.adopt ? given : cloneSharing(given, current);
      // Its top and metadata are this version's own (the server writes its fields there), even when
      // the change left them as they were.
      if (next === current) next = { ...current };
      if (next.metadata === current.metadata) next.metadata = { ...current.metadata };
      next.apiVersion = current.apiVersion;
      if (part !== 'binding') next.status = current.status;
      const meta = next.metadata;
      // What the server owns cannot be changed by a client.
      meta.namespace = current.metadata.namespace;
      meta.uid = current.metadata.uid;
      meta.creationTimestamp = current.metadata.creationTimestamp;
      meta.deletionTimestamp = current.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
      meta.generation = current.metadata.generation;
      if (!meta.deletionTimestamp) delete meta.deletionTimestamp;
      if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
      if (meta.generation === undefined) delete meta.generation;
      if (!options.trusted) {
        applyDefaults(next);
        this.admit('UPDATE', next, current, options, 'mutate');
      } else if (this.admission.length) {
        // The control plane's own writes keep what they share: admission copies only what it changes.
        const d = createDraft(next);
        this.admit('UPDATE', d, current, options, 'mutate');
        next = finishDraft(d);
      }
      if (!options.trusted) this.throwIfInvalid(next, current);
      this.admit('UPDATE', next, current, options, 'validate');
      if (next.metadata.generation !== undefined && specChanged(next, current)) next.metadata.generation += 1;
    }
    if (options.dryRun) return next;
    return this.commit(next, current);
  }

  private commit(next: KObject, current: KObject): KObject {
    const meta = next.metadata;
    // An object that is being deleted goes once its last finalizer is gone (pods wait for their kubelet).
    if (meta.deletionTimestamp && !(meta.finalizers?.length ?? 0) && this.finalizedByStore(next)) return this.remove(current);
    meta.resourceVersion = String(++this.revision);
    // The parts of a pod that a write replaced are shared with other pods again (the rest is still
    // the stored version's, shared already).
    if (next.kind === 'Pod' && (next.spec !== current.spec || meta.labels !== current.metadata.labels || meta.ownerReferences !== current.metadata.ownerReferences)) {
      this.interner.pod(next, current);
    }
    this.indexReplace(current, next);
    this.publish({ type: 'MODIFIED', object: next, old: current });
    return next;
  }

  /** Pods on a node wait for their kubelet; namespaces for the namespace controller's spec finalizer. */
  private finalizedByStore(obj: KObject): boolean {
    if (obj.kind === 'Pod') return !obj.spec?.nodeName || (obj.metadata.deletionGracePeriodSeconds ?? 0) === 0;
    if (obj.kind === 'Namespace') return !(obj.spec?.finalizers?.length ?? 0);
    return true;
  }

  private remove(current: KObject): KObject {
    this.indexRemove(current);
    const gone = { ...current, metadata: { ...current.metadata, resourceVersion: String(++this.revision) } };
    this.publish({ type: 'DELETED', object: gone, old: current });
    return gone;
  }

  private indexAdd(obj: KObject): void {
    this.index.add(obj);
    this.tx?.undo.push(() => this.index.remove(obj));
  }

  private indexReplace(old: KObject, next: KObject): void {
    this.index.replace(old, next);
    this.tx?.undo.push(() => this.index.replace(next, old));
  }

  private indexRemove(obj: KObject): void {
    this.index.remove(obj);
    this.tx?.undo.push(() => this.index.add(obj));
  }

  private publish(event: WatchEvent): void {
    if (this.tx) this.tx.events.push(event);
    else this.hub.publish(event);
  }

  private gracePeriod(obj: KObject, options: DeleteOptions): number {
    if (obj.kind !== 'Pod') return 0;
    // A pod that never reached a node has no kubelet to stop it: it goes at once.
    if (!obj.spec?.nodeName) return 0;
    const terminal = obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed';
    if (terminal) return 0;
    return Math.max(0, options.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30);
  }

  private admit(op: Operation, obj: KObject, old: KObject | undefined, options: WriteOptions, phase: 'mutate' | 'validate'): void {
    if (!this.admission.length) return;
    const request: AdmissionRequest = { operation: op, object: obj, old, dryRun: !!options.dryRun, user: options.user, store: this };
    for (const plugin of this.admission) plugin[phase]?.(request);
  }

  private throwIfInvalid(obj: KObject, old?: KObject): void {
    const causes = validateObject(obj, old);
    if (causes.length) throw invalid(qualifiedKind(obj.kind), obj.metadata.name ?? obj.metadata.generateName ?? '', causes);
  }

  private generateName(kind: string, namespace: string | undefined, prefix: string): string {
    // The apiserver truncates the base to 58 characters so the result fits in 63.
    const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = base + this.random.nameSuffix();
      if (!this.get(kind, namespace, name)) return name;
    }
    throw new ApiError('AlreadyExists', `${resourceName(kind)} "${base}" already exists: could not generate a unique name`);
  }
}

/** The plural resource name used in API messages (`pods "web-0" not found`). */
export function resourceName(kind: string): string {
  const info = mustKind(kind);
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}
