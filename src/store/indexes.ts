// Secondary indexes so that no lookup scans the whole cluster: by kind+namespace, owner uid, node
// name (pods) and label pair. At 150,000 pods a list of one owner's pods touches only those pods.
// The owner, node and label indexes hold uids, not objects, and the label index keys of a labels map
// are computed once per map (a status write keeps the labels map): a new version of an object costs
// a few set operations. A written object moves to the end of every index it is in, so lists come out
// in the order objects were last written, as they always have.
import type { KObject } from '../api/object.js';

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/** Moves value to the end of its set's order (as leaving and joining again would). */
function moveToEnd<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) map.set(key, new Set([value]));
  else {
    set.delete(value);
    set.add(value);
  }
}

/**
 * Objects found through an index: iterable, with a size (the store picks the smallest index), and
 * the ids themselves for callers that look each one up without an iterator in between.
 */
export interface IndexedObjects extends Iterable<KObject> {
  readonly size: number;
  readonly ids: ReadonlySet<string>;
}

const NO_IDS: ReadonlySet<string> = new Set();
const EMPTY: IndexedObjects = { size: 0, ids: NO_IDS, [Symbol.iterator]: () => [][Symbol.iterator]() };

/** The identity an object keeps across its versions. */
function idOf(obj: KObject): string {
  return obj.metadata.uid ?? `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** The label index keys of a labels map (`Kind\0key\0value`), computed once per map and kind. */
const labelKeysCache = new WeakMap<object, { kind: string; keys: string[] }>();

function labelKeys(kind: string, labels: Record<string, string> | undefined): readonly string[] {
  if (!labels) return [];
  const hit = labelKeysCache.get(labels);
  if (hit && hit.kind === kind) return hit.keys;
  const keys: string[] = [];
  for (const k in labels) keys.push(`${kind}\0${k}\0${labels[k]}`);
  labelKeysCache.set(labels, { kind, keys });
  return keys;
}

function nodeOf(obj: KObject): string | undefined {
  return obj.kind === 'Pod' ? obj.spec?.nodeName || undefined : undefined;
}

export class Indexes {
  /** kind → namespace ('' for cluster-scoped) → name → object */
  readonly byKindNamespace = new Map<string, Map<string, Map<string, KObject>>>();
  readonly byUid = new Map<string, KObject>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly byNode = new Map<string, Set<string>>();
  private readonly byLabel = new Map<string, Set<string>>(); // `Kind\0key\0value`

  add(obj: KObject): void {
    const { kind } = obj;
    const ns = obj.metadata.namespace ?? '';
    let nsMap = this.byKindNamespace.get(kind);
    if (!nsMap) this.byKindNamespace.set(kind, (nsMap = new Map()));
    let names = nsMap.get(ns);
    if (!names) nsMap.set(ns, (names = new Map()));
    names.set(obj.metadata.name!, obj);
    const id = idOf(obj);
    this.byUid.set(id, obj);
    this.addSecondary(obj, id);
  }

  remove(obj: KObject): void {
    const ns = obj.metadata.namespace ?? '';
    const names = this.byKindNamespace.get(obj.kind)?.get(ns);
    if (names?.get(obj.metadata.name!) === obj) {
      names.delete(obj.metadata.name!);
      if (names.size === 0) this.byKindNamespace.get(obj.kind)!.delete(ns);
    }
    const id = idOf(obj);
    if (this.byUid.get(id) !== obj) return;
    this.byUid.delete(id);
    this.removeSecondary(obj, id);
  }

  /** A new version of a stored object (same kind, namespace, name and uid): it moves to the end of each index. */
  replace(old: KObject, next: KObject): void {
    const id = idOf(old);
    const names = this.byKindNamespace.get(old.kind)?.get(old.metadata.namespace ?? '');
    if (!names || names.get(old.metadata.name!) !== old || this.byUid.get(id) !== old || idOf(next) !== id || old.metadata.name !== next.metadata.name) {
      this.remove(old);
      this.add(next);
      return;
    }
    names.delete(old.metadata.name!);
    names.set(next.metadata.name!, next);
    this.byUid.set(id, next);
    this.replaceSecondary(old, next, id);
  }

  /**
   * The owner, node and label entries of a new version. Where the indexed field did not change (the
   * same owner references, node or labels map: a status write, a binding's labels) the id only moves
   * to the end of the sets it is in, one lookup each, instead of leaving and joining them again.
   */
  private replaceSecondary(old: KObject, next: KObject, id: string): void {
    const oldRefs = old.metadata.ownerReferences;
    const refs = next.metadata.ownerReferences;
    if (oldRefs === refs) {
      for (const ref of refs ?? []) moveToEnd(this.byOwner, ref.uid, id);
    } else {
      for (const ref of oldRefs ?? []) removeFrom(this.byOwner, ref.uid, id);
      for (const ref of refs ?? []) addTo(this.byOwner, ref.uid, id);
    }
    const oldNode = nodeOf(old);
    const node = nodeOf(next);
    if (oldNode === node) {
      if (node) moveToEnd(this.byNode, node, id);
    } else {
      if (oldNode) removeFrom(this.byNode, oldNode, id);
      if (node) addTo(this.byNode, node, id);
    }
    const oldKeys = labelKeys(old.kind, old.metadata.labels);
    const keys = labelKeys(next.kind, next.metadata.labels);
    if (oldKeys === keys) {
      for (const key of keys) moveToEnd(this.byLabel, key, id);
    } else {
      for (const key of oldKeys) removeFrom(this.byLabel, key, id);
      for (const key of keys) addTo(this.byLabel, key, id);
    }
  }

  private addSecondary(obj: KObject, id: string): void {
    for (const ref of obj.metadata.ownerReferences ?? []) addTo(this.byOwner, ref.uid, id);
    const node = nodeOf(obj);
    if (node) addTo(this.byNode, node, id);
    for (const key of labelKeys(obj.kind, obj.metadata.labels)) addTo(this.byLabel, key, id);
  }

  private removeSecondary(obj: KObject, id: string): void {
    for (const ref of obj.metadata.ownerReferences ?? []) removeFrom(this.byOwner, ref.uid, id);
    const node = nodeOf(obj);
    if (node) removeFrom(this.byNode, node, id);
    for (const key of labelKeys(obj.kind, obj.metadata.labels)) removeFrom(this.byLabel, key, id);
  }

  get(kind: string, namespace: string, name: string): KObject | undefined {
    return this.byKindNamespace.get(kind)?.get(namespace)?.get(name);
  }

  /** Objects of a kind in one namespace, or in all namespaces when namespace is undefined. */
  *ofKind(kind: string, namespace?: string): Iterable<KObject> {
    const nsMap = this.byKindNamespace.get(kind);
    if (!nsMap) return;
    if (namespace !== undefined) {
      const names = nsMap.get(namespace);
      if (names) yield* names.values();
      return;
    }
    for (const names of nsMap.values()) yield* names.values();
  }

  countOfKind(kind: string, namespace?: string): number {
    const nsMap = this.byKindNamespace.get(kind);
    if (!nsMap) return 0;
    if (namespace !== undefined) return nsMap.get(namespace)?.size ?? 0;
    let n = 0;
    for (const names of nsMap.values()) n += names.size;
    return n;
  }

  ownedBy(uid: string): IndexedObjects {
    return this.objects(this.byOwner.get(uid));
  }

  podsOnNode(node: string): IndexedObjects {
    return this.objects(this.byNode.get(node));
  }

  withLabel(kind: string, key: string, value: string): IndexedObjects {
    return this.objects(this.byLabel.get(`${kind}\0${key}\0${value}`));
  }

  kinds(): string[] {
    return [...this.byKindNamespace.keys()];
  }

  private objects(ids: Set<string> | undefined): IndexedObjects {
    if (!ids) return EMPTY;
    const byUid = this.byUid;
    return {
      size: ids.size,
      ids,
      *[Symbol.iterator]() {
        for (const id of ids) {
          const obj = byUid.get(id);
          if (obj) yield obj;
        }
      },
    };
  }
}
