// Holds a rolling update to its promise at every settled instant: a Deployment never has more than
// replicas + maxSurge active pods, nor fewer than replicas − maxUnavailable available ones. Counts
// are kept per Deployment from the pod watch; only Deployments whose pods changed are checked.
import { controllerOf } from '../../src/api/object.js';
import type { Deployment, Pod } from '../../src/api/types.js';
import type { Cluster } from '../../src/cluster.js';
import { deploymentMaxUnavailable, deploymentSurge } from '../../src/sim/invariants.js';

interface Counts {
  active: number;
  available: number;
}

function isActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export class RolloutBounds {
  /** The most active pods and the fewest available pods any Deployment had, relative to its bounds. */
  worstSurge = 0;
  worstUnavailable = 0;
  checks = 0;
  private readonly counts = new Map<string, Counts>();
  private readonly dirty = new Set<string>();
  private readonly deploymentOfRs = new Map<string, string | undefined>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly cluster: Cluster) {
    for (const pod of cluster.store.list<Pod>('Pod')) this.count(pod, 1);
    this.dirty.clear();
    this.unsubscribe.push(
      cluster.store.watch({ kind: 'Pod' }, (ev) => {
        if (ev.old) this.count(ev.old as Pod, -1);
        if (ev.type !== 'DELETED') this.count(ev.object as Pod, 1);
      }),
      cluster.onSettled(() => this.check()),
    );
  }

  /** The Deployment uid a pod belongs to, through its ReplicaSet. */
  private deploymentOf(pod: Pod): string | undefined {
    const rsUid = controllerOf(pod)?.uid;
    if (!rsUid) return undefined;
    if (!this.deploymentOfRs.has(rsUid)) {
      const rs = this.cluster.store.getByUid(rsUid);
      const ref = rs && controllerOf(rs);
      this.deploymentOfRs.set(rsUid, ref?.kind === 'Deployment' ? ref.uid : undefined);
    }
    return this.deploymentOfRs.get(rsUid);
  }

  private count(pod: Pod, sign: 1 | -1): void {
    const uid = this.deploymentOf(pod);
    if (!uid) return;
    let c = this.counts.get(uid);
    if (!c) this.counts.set(uid, (c = { active: 0, available: 0 }));
    if (isActive(pod)) {
      c.active += sign;
      if (isReady(pod)) c.available += sign;
    }
    this.dirty.add(uid);
  }

  private check(): void {
    for (const uid of this.dirty) {
      const d = this.cluster.store.getByUid(uid) as Deployment | undefined;
      const c = this.counts.get(uid)!;
      if (!d) continue;
      this.checks++;
      const replicas = d.spec?.replicas ?? 1;
      const maxActive = replicas + deploymentSurge(d);
      const minAvailable = replicas - deploymentMaxUnavailable(d);
      this.worstSurge = Math.max(this.worstSurge, c.active - replicas);
      this.worstUnavailable = Math.max(this.worstUnavailable, replicas - c.available);
      if (c.active > maxActive) throw new Error(`rolling update bound broken at ${this.cluster.clock.iso()}: deployment ${d.metadata.namespace}/${d.metadata.name} has ${c.active} active pods > ${replicas} + maxSurge ${maxActive - replicas}`);
      if (c.available < minAvailable) throw new Error(`rolling update bound broken at ${this.cluster.clock.iso()}: deployment ${d.metadata.namespace}/${d.metadata.name} has ${c.available} available pods < ${replicas} − maxUnavailable ${replicas - minAvailable}`);
    }
    this.dirty.clear();
  }

  stop(): void {
    for (const u of this.unsubscribe) u();
  }
}
