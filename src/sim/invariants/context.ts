// What every invariant rule is handed: the cluster, the current instant, which components run (a
// rule about a controller's work only applies when that controller is part of the cluster), and
// cheap index-based lookups shared by the rules.
import { controllerOf, type KObject } from '../../api/object.js';
import type { Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';
import type { Store } from '../../store/store.js';

export type RuleName =
  | 'pod-node'
  | 'node-allocatable'
  | 'pod-ip'
  | 'owner-gc'
  | 'replicaset-replicas'
  | 'replicaset-status'
  | 'deployment-surge'
  | 'deployment-recreate'
  | 'deployment-status'
  | 'statefulset-status'
  | 'daemonset-status'
  | 'job-status'
  | 'endpoints'
  | 'pv-binding';

export interface Violation {
  rule: RuleName;
  /** `ReplicaSet default/web-7c5d`, `Node node-3`. */
  object: string;
  /** What is wrong, with the numbers. */
  message: string;
}

export class CheckContext {
  readonly store: Store;
  readonly now: number;
  readonly violations: Violation[] = [];
  private readonly running: Set<string>;

  constructor(
    readonly cluster: Cluster,
    /** Per-cluster memory kept between checks (e.g. since when a node has been missing). */
    readonly memory: CheckMemory,
  ) {
    this.store = cluster.store;
    this.now = cluster.clock.now();
    this.running = new Set(cluster.controllers.map((c) => c.name));
  }

  /** True when the named controller runs in this cluster (tests may run a subset). */
  runs(component: string): boolean {
    return this.running.has(component);
  }

  fail(rule: RuleName, obj: KObject | string, message: string): void {
    this.violations.push({ rule, object: typeof obj === 'string' ? obj : describe(obj), message });
  }

  /** Pods whose controller reference names this uid (from the owner index, not a scan). */
  controlledPods(owner: KObject): Pod[] {
    const uid = owner.metadata.uid;
    return this.store.list<Pod>('Pod', { namespace: owner.metadata.namespace, ownerUid: uid }).filter((p) => controllerOf(p)?.uid === uid);
  }

  /** Objects of a kind whose controller reference names this uid. */
  controlled<T extends KObject>(kind: string, owner: KObject): T[] {
    const uid = owner.metadata.uid;
    return this.store.list<T>(kind, { namespace: owner.metadata.namespace, ownerUid: uid }).filter((o) => controllerOf(o)?.uid === uid);
  }
}

/** State a checker keeps about one cluster between calls. */
export interface CheckMemory {
  /** When the checker started watching this cluster. */
  since: number;
  /** Node name → the earliest instant it was seen missing while pods still named it. */
  missingNodeSince: Map<string, number>;
  /** Job uid → the last time one of its pods changed (the Job controller batches those syncs). */
  jobPodChangedAt: Map<string, number>;
}

export function describe(obj: KObject): string {
  const { namespace, name } = obj.metadata;
  return `${obj.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

// ---- pod predicates, written here from the Kubernetes definitions rather than borrowed from the
// controllers under test ------------------------------------------------------------------------

export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Counted by ReplicaSets, Deployments and Jobs: not finished and not being deleted. */
export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Ready for longer than minReadySeconds (the Ready condition's transition time, whole seconds). */
export function isAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '');
  return !Number.isNaN(since) && since + minReadySeconds * 1000 < now;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
