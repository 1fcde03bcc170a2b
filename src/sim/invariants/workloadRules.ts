// Invariants of the workload controllers, checked when the cluster has settled (no reconcile left
// at this instant): replica counts within what the spec and the rolling update allow, and each
// status counting exactly what the store holds.
import type { KObject } from '../../api/object.js';
import type { DaemonSet, Deployment, Job, Pod, ReplicaSet, StatefulSet } from '../../api/types.js';
import { SYNC_JOB_BATCH_PERIOD_MS } from '../../controllers/jobController.js';
import { targetNodeOf } from '../../controllers/daemonset/eligibility.js';
import { isActive, isAvailable, isReady, isTerminal, plural, type CheckContext } from './context.js';

const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

/** A status field, missing meaning 0 (as the API omits zero counts). */
function n(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** ReplicaSets and ReplicationControllers: never more active pods than desired; status counts them. */
export function checkReplicaSets(ctx: CheckContext): void {
  for (const [kind, component] of [['ReplicaSet', 'replicaset-controller'], ['ReplicationController', 'replication-controller']] as const) {
    if (!ctx.runs(component)) continue;
    for (const rs of ctx.store.list(kind)) {
      // Being deleted: the controller no longer manages it.
      if (rs.metadata.deletionTimestamp) continue;
      const desired = rs.spec?.replicas ?? 1;
      const active = ctx.controlledPods(rs).filter(isActive);
      if (active.length > desired) ctx.fail('replicaset-replicas', rs, `${plural(active.length, 'active pod')} > spec.replicas ${desired}`);
      const minReady = rs.spec?.minReadySeconds ?? 0;
      const ready = active.filter(isReady).length;
      const available = active.filter((p) => isAvailable(p, minReady, ctx.now)).length;
      const st = (rs.status ?? {}) as NonNullable<ReplicaSet['status']>;
      const wrong: string[] = [];
      if (n(st.replicas) !== active.length) wrong.push(`status.replicas ${n(st.replicas)} but ${active.length} active pods`);
      if (n(st.readyReplicas) !== ready) wrong.push(`status.readyReplicas ${n(st.readyReplicas)} but ${ready} ready`);
      if (n(st.availableReplicas) !== available) wrong.push(`status.availableReplicas ${n(st.availableReplicas)} but ${available} available (minReadySeconds ${minReady})`);
      if (st.observedGeneration !== rs.metadata.generation) wrong.push(`status.observedGeneration ${st.observedGeneration} but generation ${rs.metadata.generation}`);
      if (wrong.length) ctx.fail('replicaset-status', rs, wrong.join('; '));
    }
  }
}

/** GetScaledValueFromIntOrPercent. */
function scaled(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number(value);
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** maxSurge as the rolling update resolves it (0 for Recreate). */
export function deploymentSurge(d: Deployment): number {
  if (d.spec?.strategy?.type === 'Recreate') return 0;
  const replicas = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate;
  return scaled(ru?.maxSurge ?? '25%', replicas, true);
}

/** maxUnavailable as the rolling update resolves it: never both 0, never above the replicas. */
export function deploymentMaxUnavailable(d: Deployment): number {
  if (d.spec?.strategy?.type === 'Recreate') return 0;
  const replicas = d.spec?.replicas ?? 1;
  if (replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaled(ru?.maxSurge ?? '25%', replicas, true);
  let unavailable = scaled(ru?.maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return Math.min(unavailable, replicas);
}

function selectsEverything(d: KObject): boolean {
  const sel = d.spec?.selector;
  return !sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length);
}

/**
 * Deployments: the ReplicaSets' sizes and pods stay within replicas + maxSurge (the bound the
 * controller last scaled them for: a changed maxSurge only applies from the next scaling step),
 * Recreate never runs two templates at once, and status sums its ReplicaSets.
 */
export function checkDeployments(ctx: CheckContext): void {
  if (!ctx.runs('deployment-controller')) return;
  for (const d of ctx.store.list<Deployment>('Deployment')) {
    if (d.metadata.deletionTimestamp || selectsEverything(d)) continue;
    const rss = ctx.controlled<ReplicaSet>('ReplicaSet', d);
    const replicas = d.spec?.replicas ?? 1;
    const max = replicas + deploymentSurge(d);
    const sized = rss.filter((rs) => (rs.spec?.replicas ?? 1) > 0);
    const sizedForNow = sized.every((rs) => rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] === String(max));
    const specSum = rss.reduce((s, rs) => s + (rs.spec?.replicas ?? 1), 0);
    const podsByRs = new Map<ReplicaSet, Pod[]>(rss.map((rs) => [rs, ctx.controlledPods(rs)]));
    if (sizedForNow) {
      const active = [...podsByRs.values()].reduce((s, pods) => s + pods.filter(isActive).length, 0);
      if (specSum > max) ctx.fail('deployment-surge', d, `its replica sets ask for ${specSum} pods > ${replicas} replicas + maxSurge ${max - replicas} = ${max}`);
      if (active > max) ctx.fail('deployment-surge', d, `${plural(active, 'active pod')} > ${replicas} replicas + maxSurge ${max - replicas} = ${max}`);
    }
    if (d.spec?.strategy?.type === 'Recreate') {
      const running = rss.filter((rs) => podsByRs.get(rs)!.some((p) => !isTerminal(p)));
      if (running.length > 1) ctx.fail('deployment-recreate', d, `pods of ${running.length} replica sets run at once (${running.map((rs) => rs.metadata.name).join(', ')})`);
    }
    const st = d.status ?? {};
    const sum = (f: (rs: ReplicaSet) => unknown) => rss.reduce((s, rs) => s + n(f(rs)), 0);
    const want = {
      replicas: sum((rs) => rs.status?.replicas),
      readyReplicas: sum((rs) => rs.status?.readyReplicas),
      availableReplicas: sum((rs) => rs.status?.availableReplicas),
    };
    const wrong: string[] = [];
    for (const [field, value] of Object.entries(want)) {
      const have = n((st as Record<string, unknown>)[field]);
      if (have !== value) wrong.push(`status.${field} ${have} but its replica sets report ${value}`);
    }
    const unavailable = Math.max(0, specSum - want.availableReplicas);
    if (n(st.unavailableReplicas) !== unavailable) wrong.push(`status.unavailableReplicas ${n(st.unavailableReplicas)} but ${specSum} wanted − ${want.availableReplicas} available = ${unavailable}`);
    if (n(st.updatedReplicas) > want.replicas) wrong.push(`status.updatedReplicas ${n(st.updatedReplicas)} > status.replicas ${want.replicas}`);
    if (st.observedGeneration !== d.metadata.generation) wrong.push(`status.observedGeneration ${st.observedGeneration} but generation ${d.metadata.generation}`);
    if (wrong.length) ctx.fail('deployment-status', d, wrong.join('; '));
  }
}

/** StatefulSets: status.replicas counts the pods the set owns; ready ones are Running and Ready. */
export function checkStatefulSets(ctx: CheckContext): void {
  if (!ctx.runs('statefulset-controller')) return;
  for (const set of ctx.store.list<StatefulSet>('StatefulSet')) {
    if (set.metadata.deletionTimestamp) continue;
    const pods = ctx.controlledPods(set);
    const ready = pods.filter((p) => p.status?.phase === 'Running' && isReady(p)).length;
    const st = (set.status ?? {}) as Partial<NonNullable<StatefulSet['status']>>;
    const wrong: string[] = [];
    if (n(st.replicas) !== pods.length) wrong.push(`status.replicas ${n(st.replicas)} but it owns ${plural(pods.length, 'pod')}`);
    if (n(st.readyReplicas) !== ready) wrong.push(`status.readyReplicas ${n(st.readyReplicas)} but ${ready} Running and Ready`);
    if (n(st.availableReplicas) > ready) wrong.push(`status.availableReplicas ${n(st.availableReplicas)} > ${ready} ready`);
    if (st.observedGeneration !== set.metadata.generation) wrong.push(`status.observedGeneration ${st.observedGeneration} but generation ${set.metadata.generation}`);
    if (wrong.length) ctx.fail('statefulset-status', set, wrong.join('; '));
  }
}

/**
 * DaemonSets: every node holding one of its pods is counted once, as scheduled where it should run
 * or as misscheduled; the other numbers never exceed the ones they are part of.
 */
export function checkDaemonSets(ctx: CheckContext): void {
  if (!ctx.runs('daemonset-controller')) return;
  for (const ds of ctx.store.list<DaemonSet>('DaemonSet')) {
    if (ds.metadata.deletionTimestamp) continue;
    const nodes = new Set<string>();
    for (const pod of ctx.controlledPods(ds)) {
      if (isTerminal(pod) && pod.metadata.deletionTimestamp) continue;
      const node = targetNodeOf(pod);
      if (node) nodes.add(node);
    }
    const st = ds.status ?? ({} as NonNullable<DaemonSet['status']>);
    const current = n(st.currentNumberScheduled);
    const mis = n(st.numberMisscheduled);
    const desired = n(st.desiredNumberScheduled);
    const wrong: string[] = [];
    if (current + mis !== nodes.size) wrong.push(`currentNumberScheduled ${current} + numberMisscheduled ${mis} but its pods are on ${plural(nodes.size, 'node')}`);
    if (current > desired) wrong.push(`currentNumberScheduled ${current} > desiredNumberScheduled ${desired}`);
    if (n(st.numberReady) > current) wrong.push(`numberReady ${n(st.numberReady)} > currentNumberScheduled ${current}`);
    if (n(st.numberAvailable) > n(st.numberReady)) wrong.push(`numberAvailable ${n(st.numberAvailable)} > numberReady ${n(st.numberReady)}`);
    if (n(st.updatedNumberScheduled) > current) wrong.push(`updatedNumberScheduled ${n(st.updatedNumberScheduled)} > currentNumberScheduled ${current}`);
    if (n(st.numberUnavailable) !== desired - n(st.numberAvailable)) wrong.push(`numberUnavailable ${n(st.numberUnavailable)} but ${desired} desired − ${n(st.numberAvailable)} available`);
    if (st.observedGeneration !== ds.metadata.generation) wrong.push(`observedGeneration ${st.observedGeneration} but generation ${ds.metadata.generation}`);
    if (wrong.length) ctx.fail('daemonset-status', ds, wrong.join('; '));
  }
}

/**
 * Jobs: status.active and status.ready count the Job's running pods, once the controller's batched
 * sync after the last pod change is due (it syncs a Job at most once per SYNC_JOB_BATCH_PERIOD_MS).
 */
export function checkJobs(ctx: CheckContext): void {
  if (!ctx.runs('job-controller')) return;
  for (const job of ctx.store.list<Job>('Job')) {
    if (job.metadata.deletionTimestamp) continue;
    const changed = Math.max(ctx.memory.since, ctx.memory.jobPodChangedAt.get(job.metadata.uid ?? '') ?? 0);
    if (ctx.now < changed + SYNC_JOB_BATCH_PERIOD_MS) continue;
    const active = ctx.controlledPods(job).filter(isActive);
    const ready = active.filter(isReady).length;
    const st = job.status ?? {};
    const wrong: string[] = [];
    if (n(st.active) !== active.length) wrong.push(`status.active ${n(st.active)} but ${plural(active.length, 'active pod')}`);
    if (n(st.ready) !== ready) wrong.push(`status.ready ${n(st.ready)} but ${ready} ready`);
    if (wrong.length) ctx.fail('job-status', job, wrong.join('; '));
  }
}
