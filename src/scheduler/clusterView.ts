// What plugins may ask about the cluster during an attempt: the scheduler cache's indexes (nodes,
// pods by label, images, claims in use, nominated pods) and a few API objects read from the store.
import type { Labels, Selector } from '../api/labels.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api/types.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';

/** Reads of API objects the scheduler does not cache itself. */
export interface ClusterLookups {
  namespaceLabels(namespace: string): Labels;
  /** The selector PodTopologySpread's system default constraints use (services + owning RS/RC/STS). */
  defaultSpreadSelector(pod: PodInfo): Selector | undefined;
  pvc(namespace: string, name: string): PersistentVolumeClaim | undefined;
  pv(name: string): PersistentVolume | undefined;
  storageClass(name: string): StorageClass | undefined;
  persistentVolumes(): PersistentVolume[];
}

export interface ClusterView extends ClusterLookups {
  readonly nodeCount: number;
  nodeInfo(name: string): NodeInfo | undefined;
  /** Nodes in the order filtering walks them (interleaved by zone, as kube-scheduler's node tree). */
  nodeList(): readonly NodeInfo[];
  /** How many nodes report an image (ImageLocality's spread factor). */
  imageNodeCount(image: string): number;
  /** A superset of the bound pods the selector can match, found through the label index. */
  podsMatching(selector: Selector): Iterable<PodInfo>;
  /** Bound pods with an affinity or preferred anti-affinity term that could select a pod with these labels. */
  podsWithAffinityTowards(labels: Readonly<Record<string, string>>): Iterable<PodInfo>;
  /** Bound pods with a required anti-affinity term that could select a pod with these labels. */
  podsWithAntiAffinityTowards(labels: Readonly<Record<string, string>>): Iterable<PodInfo>;
  /** Node label `key` → value → how many nodes carry it. */
  nodeDomains(key: string): ReadonlyMap<string, number> | undefined;
  /** uids of bound pods using `namespace/claim`. */
  claimUsers(claimKey: string): ReadonlySet<string> | undefined;
  /** How many pending pods carry a status.nominatedNodeName, on any node. */
  readonly nominatedPodCount: number;
  /** Pending pods whose status.nominatedNodeName is this node. */
  nominatedPods(nodeName: string): Iterable<PodInfo>;
}
