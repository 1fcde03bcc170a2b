// Plugin-level fixtures: a scheduler cache filled directly (no store), PodInfo/NodeInfo builders and
// a cycle state from the real PreFilter, so each plugin can be called as the cycle would call it.
import type { Labels, Selector } from '../../src/api/labels.js';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../src/api/types.js';
import type { ClusterLookups } from '../../src/scheduler/clusterView.js';
import type { CycleState } from '../../src/scheduler/framework.js';
import type { NodeInfo } from '../../src/scheduler/nodeInfo.js';
import { buildPodInfo, type PodInfo } from '../../src/scheduler/podInfo.js';
import { runPreFilter } from '../../src/scheduler/preFilter.js';
import { SchedulerCache } from '../../src/scheduler/schedulerCache.js';

export interface FakeLookups extends ClusterLookups {
  pvcs: Map<string, PersistentVolumeClaim>;
  pvs: PersistentVolume[];
  classes: Map<string, StorageClass>;
  nsLabels: Map<string, Record<string, string>>;
  spreadSelector?: Selector;
}

export function fakeLookups(): FakeLookups {
  const l: FakeLookups = {
    pvcs: new Map(),
    pvs: [],
    classes: new Map(),
    nsLabels: new Map(),
    namespaceLabels: (ns): Labels => l.nsLabels.get(ns),
    defaultSpreadSelector: () => l.spreadSelector,
    pvc: (ns, name) => l.pvcs.get(`${ns}/${name}`),
    pv: (name) => l.pvs.find((p) => p.metadata.name === name),
    storageClass: (name) => l.classes.get(name),
    persistentVolumes: () => l.pvs,
  };
  return l;
}

let uid = 0;

/** Gives a pod a uid (the store would) and returns it. */
export function withUid(pod: Pod): Pod {
  pod.metadata.uid ??= `uid-${++uid}`;
  return pod;
}

export class UnitCluster {
  readonly lookups = fakeLookups();
  readonly cache = new SchedulerCache(this.lookups, (p) => p.spec?.priority ?? 0);

  constructor(nodes: Node[] = [], pods: Pod[] = []) {
    for (const n of nodes) this.cache.upsertNode(n);
    for (const p of pods) this.cache.upsertPod(withUid(p));
  }

  node(name: string): NodeInfo {
    const n = this.cache.nodeInfo(name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  podInfo(pod: Pod): PodInfo {
    return buildPodInfo(withUid(pod), pod.spec?.priority ?? 0);
  }

  state(pod: PodInfo): CycleState {
    const pre = runPreFilter(pod, this.cache);
    if (!pre.state) throw new Error(`PreFilter rejected: ${pre.rejection?.reasons.join(', ')}`);
    return pre.state;
  }
}
