// The cluster's invariants: what must hold whenever the simulation has settled (every reconcile due
// at the current instant has run), however the cluster got there. Tests run the checker after
// scenario steps and benchmarks run it while they load the cluster; the first violation fails loudly.
//
//   pod-node            every bound pod's node exists (or vanished less than the pod GC's 60 s ago)
//   node-allocatable    requests of the non-terminal pods placed on a node fit its allocatable
//   pod-ip              no two running pods (host network aside) share an IP
//   owner-gc            no live object keeps an owner reference to an object that is gone
//   replicaset-replicas no ReplicaSet / RC has more active pods than spec.replicas
//   replicaset-status   status.replicas/ready/available/observedGeneration count its pods
//   deployment-surge    a Deployment's ReplicaSets ask for, and run, at most replicas + maxSurge pods
//   deployment-recreate a Recreate Deployment never runs pods of two ReplicaSets at once
//   deployment-status   status sums its ReplicaSets' status
//   statefulset-status, daemonset-status, job-status: counts in status match the pods in the store
//                       (a Job once its batched sync is due: a second after its pods last changed,
//                       counted from when the checker started watching this cluster)
//   endpoints           each Service's Endpoints list exactly the pods that can take its traffic
//   pv-binding          a PV is bound by at most one claim, and both sides of a binding agree
//
// A rule about a controller's work applies only when that controller runs in the cluster.
import { controllerOf } from '../api/object.js';
import type { Cluster } from '../cluster.js';
import { CheckContext, type CheckMemory, type RuleName, type Violation } from './invariants/context.js';
import { checkEndpoints } from './invariants/serviceRules.js';
import { checkNodes } from './invariants/nodeRules.js';
import { checkOwners } from './invariants/ownerRules.js';
import { checkVolumes } from './invariants/volumeRules.js';
import { checkDaemonSets, checkDeployments, checkJobs, checkReplicaSets, checkStatefulSets } from './invariants/workloadRules.js';

export type { RuleName, Violation };
export { deploymentMaxUnavailable, deploymentSurge } from './invariants/workloadRules.js';

export interface CheckOptions {
  /** Rules to leave out (their violations are dropped). */
  skip?: RuleName[];
}

const memories = new WeakMap<Cluster, CheckMemory>();

/** Per-cluster memory, with a watch that notes when nodes disappear (for the pod GC's grace). */
function memoryOf(cluster: Cluster): CheckMemory {
  let memory = memories.get(cluster);
  if (memory) return memory;
  const created: CheckMemory = { since: cluster.clock.now(), missingNodeSince: new Map(), jobPodChangedAt: new Map() };
  cluster.store.watch({ kind: 'Node' }, (ev) => {
    const name = ev.object.metadata.name!;
    if (ev.type === 'DELETED') {
      if (!created.missingNodeSince.has(name)) created.missingNodeSince.set(name, cluster.clock.now());
    } else created.missingNodeSince.delete(name);
  });
  cluster.store.watch({ kind: 'Pod' }, (ev) => {
    for (const obj of [ev.object, ev.old]) {
      const ref = obj && controllerOf(obj);
      if (ref?.kind === 'Job') created.jobPodChangedAt.set(ref.uid, cluster.clock.now());
    }
  });
  cluster.store.watch({ kind: 'Job' }, (ev) => {
    if (ev.type === 'DELETED') created.jobPodChangedAt.delete(ev.object.metadata.uid ?? '');
  });
  memories.set(cluster, created);
  return created;
}

/**
 * Every violation at the current instant. Reconciles still queued run first (`cluster.settle()`),
 * since the invariants describe a settled cluster. Cost: one pass over the pods plus index lookups.
 */
export function checkInvariants(cluster: Cluster, options: CheckOptions = {}): Violation[] {
  if (cluster.queue.length) cluster.settle();
  const ctx = new CheckContext(cluster, memoryOf(cluster));
  checkNodes(ctx);
  checkOwners(ctx);
  checkReplicaSets(ctx);
  checkDeployments(ctx);
  checkStatefulSets(ctx);
  checkDaemonSets(ctx);
  checkJobs(ctx);
  checkEndpoints(ctx);
  checkVolumes(ctx);
  const skip = new Set(options.skip ?? []);
  return skip.size ? ctx.violations.filter((v) => !skip.has(v.rule)) : ctx.violations;
}

export class InvariantError extends Error {
  constructor(
    readonly violations: Violation[],
    at: string,
  ) {
    const shown = violations.slice(0, 10).map((v) => `  [${v.rule}] ${v.object}: ${v.message}`);
    if (violations.length > 10) shown.push(`  … and ${violations.length - 10} more`);
    super(`${violations.length} cluster invariant violation${violations.length === 1 ? '' : 's'} at ${at}:\n${shown.join('\n')}`);
    this.name = 'InvariantError';
  }
}

/** Throws an InvariantError listing the violations, if there are any. */
export function assertInvariants(cluster: Cluster, options: CheckOptions = {}): void {
  const violations = checkInvariants(cluster, options);
  if (violations.length) throw new InvariantError(violations, cluster.clock.iso());
}

export interface WatchOptions extends CheckOptions {
  /** Check on every N-th settled instant (1: every one). */
  every?: number;
}

/**
 * Checks the invariants while the cluster runs: on every `every`-th instant `runUntil` completes,
 * throwing (out of `runUntil`) on the first violation. Returns the function that stops checking.
 */
export function checkWhileRunning(cluster: Cluster, options: WatchOptions = {}): () => void {
  const every = Math.max(1, Math.floor(options.every ?? 1));
  let instants = 0;
  return cluster.onSettled(() => {
    if (++instants % every === 0) assertInvariants(cluster, options);
  });
}
