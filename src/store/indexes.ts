// Secondary indexes so that no lookup scans the whole cluster: by kind+namespace, owner uid, node
// name (pods) and label pair. At 150,000 pods a list of one owner's pods touches only those pods.
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

const EMPTY: ReadonlySet<never> = new Set();

export class Indexes {
  /** kind → namespace ('' for cluster-scoped) → name → object */
  readonly byKindNamespace = new Map<string, Map<string, Map<string, KObject>>>();
  private readonly byOwner = new Map<string, Set<KObject>>();
  private readonly byNode = new Map<string, Set<KObject>>();
  private readonly byLabel = new Map<string, Set<KObject>>(); // `Kind\0key\0value`
  readonly byUid = new Map<string, KObject>();

  add(obj: KObject): void {
    const { kind } = obj;
    const ns = obj.metadata.namespace ?? '';
    let nsMap = this.byKindNamespace.get(kind);
    if (!nsMap) this.byKindNamespace.set(kind, (nsMap = new Map()));
    let names = nsMap.get(ns);
    if (!names) nsMap.set(ns, (names = new Map()));
    names.set(obj.metadata.name!, obj);
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, obj);
    for (const ref of obj.metadata.ownerReferences ?? []) addTo(this.byOwner, ref.uid, obj);
    if (kind === 'Pod' && obj.spec?.nodeName) addTo(this.byNode, obj.spec.nodeName, obj);
    const labels = obj.metadata.labels;
    if (labels) for (const k in labels) addTo(this.byLabel, `${kind}\0${k}\0${labels[k]}`, obj);
  }

  remove(obj: KObject): void {
    const ns = obj.metadata.namespace ?? '';
    const names = this.byKindNamespace.get(obj.kind)?.get(ns);
    if (names?.get(obj.metadata.name!) === obj) {
      names.delete(obj.metadata.name!);
      if (names.size === 0) this.byKindNamespace.get(obj.kind)!.delete(ns);
    }
    if (obj.metadata.uid && this.byUid.get(obj.metadata.uid) === obj) this.byUid.delete(obj.metadata.uid);
    for (const ref of obj.metadata.ownerReferences ?? []) removeFrom(this.byOwner, ref.uid, obj);
    if (obj.kind === 'Pod' && obj.spec?.nodeName) removeFrom(this.byNode, obj.spec.nodeName, obj);
    const labels = obj.metadata.labels;
    if (labels) for (const k in labels) removeFrom(this.byLabel, `${obj.kind}\0${k}\0${labels[k]}`, obj);
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

  ownedBy(uid: string): ReadonlySet<KObject> {
    return this.byOwner.get(uid) ?? EMPTY;
  }

  podsOnNode(node: string): ReadonlySet<KObject> {
    return this.byNode.get(node) ?? EMPTY;
  }

  withLabel(kind: string, key: string, value: string): ReadonlySet<KObject> {
    return this.byLabel.get(`${kind}\0${key}\0${value}`) ?? EMPTY;
  }

  kinds(): string[] {
    return [...this.byKindNamespace.keys()];
  }
}
