// The scheduler's cache: a NodeInfo per node and the indexes plugins need (pods by label, pods with
// affinity, images, claims in use, nominated pods), changed one watch event at a time. A scheduling
// attempt reads it and never scans every pod.
import type { Labels, Selector } from '../api/labels.js';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../api/types.js';
import type { ClusterLookups, ClusterView } from './clusterView.js';
import { NodeInfo } from './nodeInfo.js';
import { buildPodInfo, type PodInfo } from './podInfo.js';
import { TermIndex } from './termIndex.js';
import { interleaveByZone } from './nodeOrder.js';

/** What changed in the cluster, in the terms the scheduling queue uses to wake pods up. */
export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeDelete'
  | 'NodeAllocatable'
  | 'NodeLabel'
  | 'NodeTaint'
  | 'NodeSchedulable'
  | 'AssignedPodAdd'
  | 'AssignedPodUpdate'
  | 'AssignedPodDelete'
  | 'PvcChange'
  | 'PvChange'
  | 'StorageClassChange';

const EMPTY: ReadonlySet<never> = new Set();

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * The metadata a PodInfo is built from is unchanged. A status write copies the metadata object (with
 * a new resourceVersion) but keeps its labels map, so compare what PodInfo reads rather than the object.
 */
function sameIdentity(a: Pod['metadata'], b: Pod['metadata']): boolean {
  return a === b || (a.labels === b.labels && a.deletionTimestamp === b.deletionTimestamp && a.uid === b.uid && a.name === b.name && a.namespace === b.namespace);
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || a[k] !== b[k]) return false;
  return true;
}

function sameAllocatable(a: NodeInfo['allocatable'], b: NodeInfo['allocatable']): boolean {
  if (a.cpu !== b.cpu || a.memory !== b.memory || a.pods !== b.pods || a.ephemeralStorage !== b.ephemeralStorage) return false;
  if (a.scalar.size !== b.scalar.size) return false;
  for (const [k, v] of a.scalar) if (b.scalar.get(k) !== v) return false;
  return true;
}

export class SchedulerCache implements ClusterView {
  private readonly nodes = new Map<string, NodeInfo>();
  private ordered: NodeInfo[] = [];
  private orderDirty = false;
  private liveNodes = 0;
  /** Bound, non-terminal pods by uid. */
  private readonly pods = new Map<string, PodInfo>();
  /** label key → value → pods. */
  private readonly byLabel = new Map<string, Map<string, Set<PodInfo>>>();
  /** Pods by the labels their affinity terms select (all terms / required anti-affinity only). */
  private readonly affinityTerms = new TermIndex((p) => [...p.requiredAffinity, ...p.preferredAffinity, ...p.preferredAntiAffinity]);
  private readonly antiAffinityTerms = new TermIndex((p) => p.requiredAntiAffinity);
  private readonly imageNodes = new Map<string, number>();
  private readonly domains = new Map<string, Map<string, number>>();
  private readonly claims = new Map<string, Set<string>>();
  /** Pending pods carrying status.nominatedNodeName, by node, and where each is nominated. */
  private readonly nominatedByNode = new Map<string, Map<string, PodInfo>>();
  private readonly nominatedAt = new Map<string, string>();

  constructor(
    private readonly lookups: ClusterLookups,
    private readonly priorityOf: (pod: Pod) => number,
  ) {}

  // ---- ClusterView -------------------------------------------------------------------------

  get nodeCount(): number {
    return this.liveNodes;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    const info = this.nodes.get(name);
    return info?.node ? info : undefined;
  }

  nodeList(): readonly NodeInfo[] {
    if (this.orderDirty) {
      this.ordered = interleaveByZone([...this.nodes.values()].filter((n) => n.node));
      this.orderDirty = false;
    }
    return this.ordered;
  }

  imageNodeCount(image: string): number {
    return this.imageNodes.get(image) ?? 0;
  }

  podsMatching(selector: Selector): Iterable<PodInfo> {
    if (selector.matchesNothing) return EMPTY;
    let best: Set<PodInfo>[] | undefined;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const r of selector.requirements) {
      const byValue = this.byLabel.get(r.key);
      let sets: Set<PodInfo>[];
      if (r.operator === '=' || r.operator === '==' || r.operator === 'in') {
        sets = r.values.map((v) => byValue?.get(v)).filter((s): s is Set<PodInfo> => !!s);
      } else if (r.operator === 'exists') {
        sets = byValue ? [...byValue.values()] : [];
      } else continue;
      const size = sets.reduce((n, s) => n + s.size, 0);
      if (size < bestSize) {
        best = sets;
        bestSize = size;
      }
    }
    if (!best) return this.pods.values();
    const chosen = best;
    return (function* () {
      for (const s of chosen) yield* s;
    })();
  }

  podsWithAffinityTowards(labels: Readonly<Record<string, string>>): Iterable<PodInfo> {
    return this.affinityTerms.candidates(labels);
  }

  podsWithAntiAffinityTowards(labels: Readonly<Record<string, string>>): Iterable<PodInfo> {
    return this.antiAffinityTerms.candidates(labels);
  }

  nodeDomains(key: string): ReadonlyMap<string, number> | undefined {
    return this.domains.get(key);
  }

  claimUsers(claimKey: string): ReadonlySet<string> | undefined {
    return this.claims.get(claimKey);
  }

  get nominatedPodCount(): number {
    return this.nominatedAt.size;
  }

  nominatedPods(nodeName: string): Iterable<PodInfo> {
    return this.nominatedByNode.get(nodeName)?.values() ?? EMPTY;
  }

  namespaceLabels(namespace: string): Labels {
    return this.lookups.namespaceLabels(namespace);
  }

  defaultSpreadSelector(pod: PodInfo): Selector | undefined {
    return this.lookups.defaultSpreadSelector(pod);
  }

  pvc(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.lookups.pvc(namespace, name);
  }

  pv(name: string): PersistentVolume | undefined {
    return this.lookups.pv(name);
  }

  storageClass(name: string): StorageClass | undefined {
    return this.lookups.storageClass(name);
  }

  persistentVolumes(): PersistentVolume[] {
    return this.lookups.persistentVolumes();
  }

  /** The bound pod with this uid, if the cache holds it. */
  boundPod(uid: string): PodInfo | undefined {
    return this.pods.get(uid);
  }

  // ---- node events ---------------------------------------------------------------------------

  upsertNode(node: Node): ClusterEvent[] {
    const name = node.metadata.name!;
    let info = this.nodes.get(name);
    if (!info) this.nodes.set(name, (info = new NodeInfo(name)));
    const isNew = !info.node;
    const before = { labels: info.labels, taints: info.taints, unschedulable: info.unschedulable, allocatable: info.allocatable, images: info.images };
    info.setNode(node);
    this.retallyImages(before.images, info.images);
    const events: ClusterEvent[] = [];
    if (isNew) {
      this.liveNodes++;
      this.orderDirty = true;
      this.indexDomains(undefined, info.labels);
      return ['NodeAdd'];
    }
    if (!sameLabels(before.labels, info.labels)) {
      this.indexDomains(before.labels, info.labels);
      this.orderDirty = true;
      events.push('NodeLabel');
    }
    if (JSON.stringify(before.taints) !== JSON.stringify(info.taints)) events.push('NodeTaint');
    if (before.unschedulable !== info.unschedulable) events.push('NodeSchedulable');
    if (!sameAllocatable(before.allocatable, info.allocatable)) events.push('NodeAllocatable');
    return events;
  }

  deleteNode(name: string): ClusterEvent[] {
    const info = this.nodes.get(name);
    if (!info?.node) return [];
    this.indexDomains(info.labels, undefined);
    this.retallyImages(info.images, new Map());
    info.node = undefined;
    this.liveNodes--;
    this.orderDirty = true;
    // Pods still bound to a vanished node stay accounted until they are deleted too.
    if (info.pods.size === 0) this.nodes.delete(name);
    return ['NodeDelete'];
  }

  private retallyImages(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): void {
    if (before === after) return;
    for (const name of before.keys()) {
      if (after.has(name)) continue;
      const n = (this.imageNodes.get(name) ?? 0) - 1;
      if (n <= 0) this.imageNodes.delete(name);
      else this.imageNodes.set(name, n);
    }
    for (const name of after.keys()) if (!before.has(name)) this.imageNodes.set(name, (this.imageNodes.get(name) ?? 0) + 1);
  }

  private indexDomains(before: Labels, after: Labels): void {
    for (const [k, v] of Object.entries(before ?? {})) {
      const values = this.domains.get(k);
      if (!values) continue;
      const n = (values.get(v) ?? 0) - 1;
      if (n <= 0) values.delete(v);
      else values.set(v, n);
      if (values.size === 0) this.domains.delete(k);
    }
    for (const [k, v] of Object.entries(after ?? {})) {
      let values = this.domains.get(k);
      if (!values) this.domains.set(k, (values = new Map()));
      values.set(v, (values.get(v) ?? 0) + 1);
    }
  }

  // ---- pod events ----------------------------------------------------------------------------

  upsertPod(pod: Pod): ClusterEvent[] {
    const uid = pod.metadata.uid ?? '';
    const nodeName = pod.spec?.nodeName;
    const existing = this.pods.get(uid);
    const events: ClusterEvent[] = [];
    if (nodeName && !isTerminal(pod)) {
      this.unnominate(uid);
      if (existing && existing.pod.spec === pod.spec && sameIdentity(existing.pod.metadata, pod.metadata)) {
        // A status write: requests, labels and placement are unchanged.
        existing.pod = pod;
        const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : undefined;
        existing.startTime = start !== undefined && Number.isFinite(start) ? start : undefined;
        return events;
      }
      if (existing) this.removeBound(existing);
      this.addBound(buildPodInfo(pod, this.priorityOf(pod)), nodeName);
      events.push(existing ? 'AssignedPodUpdate' : 'AssignedPodAdd');
      return events;
    }
    if (existing) {
      this.removeBound(existing);
      events.push('AssignedPodDelete');
    }
    const nominated = !nodeName && !isTerminal(pod) ? pod.status?.nominatedNodeName : undefined;
    if (nominated) this.nominate(pod, nominated);
    else if (this.unnominate(uid)) events.push('AssignedPodDelete');
    return events;
  }

  deletePod(pod: Pod): ClusterEvent[] {
    const uid = pod.metadata.uid ?? '';
    const existing = this.pods.get(uid);
    const wasNominated = this.unnominate(uid);
    if (existing) {
      this.removeBound(existing);
      return ['AssignedPodDelete'];
    }
    // A nominated pod held room on its node; its going frees it for others.
    return wasNominated ? ['AssignedPodDelete'] : [];
  }

  private addBound(p: PodInfo, nodeName: string): void {
    this.pods.set(p.uid, p);
    let info = this.nodes.get(nodeName);
    if (!info) this.nodes.set(nodeName, (info = new NodeInfo(nodeName)));
    info.addPod(p);
    for (const [k, v] of Object.entries(p.labels)) {
      let values = this.byLabel.get(k);
      if (!values) this.byLabel.set(k, (values = new Map()));
      let set = values.get(v);
      if (!set) values.set(v, (set = new Set()));
      set.add(p);
    }
    this.affinityTerms.add(p);
    this.antiAffinityTerms.add(p);
    for (const c of p.claims) {
      const key = `${p.namespace}/${c}`;
      let users = this.claims.get(key);
      if (!users) this.claims.set(key, (users = new Set()));
      users.add(p.uid);
    }
  }

  private removeBound(p: PodInfo): void {
    this.pods.delete(p.uid);
    const nodeName = p.pod.spec?.nodeName;
    const info = nodeName ? this.nodes.get(nodeName) : undefined;
    if (info) {
      info.removePod(p);
      if (!info.node && info.pods.size === 0) this.nodes.delete(info.name);
    }
    for (const [k, v] of Object.entries(p.labels)) {
      const values = this.byLabel.get(k);
      const set = values?.get(v);
      if (!set) continue;
      set.delete(p);
      if (set.size === 0) values!.delete(v);
      if (values!.size === 0) this.byLabel.delete(k);
    }
    this.affinityTerms.remove(p);
    this.antiAffinityTerms.remove(p);
    for (const c of p.claims) {
      const key = `${p.namespace}/${c}`;
      const users = this.claims.get(key);
      users?.delete(p.uid);
      if (users && users.size === 0) this.claims.delete(key);
    }
  }

  private nominate(pod: Pod, nodeName: string): void {
    const uid = pod.metadata.uid ?? '';
    this.unnominate(uid);
    let onNode = this.nominatedByNode.get(nodeName);
    if (!onNode) this.nominatedByNode.set(nodeName, (onNode = new Map()));
    onNode.set(uid, buildPodInfo(pod, this.priorityOf(pod)));
    this.nominatedAt.set(uid, nodeName);
  }

  private unnominate(uid: string): boolean {
    const nodeName = this.nominatedAt.get(uid);
    if (nodeName === undefined) return false;
    this.nominatedAt.delete(uid);
    const onNode = this.nominatedByNode.get(nodeName);
    onNode?.delete(uid);
    if (onNode && onNode.size === 0) this.nominatedByNode.delete(nodeName);
    return true;
  }
}
