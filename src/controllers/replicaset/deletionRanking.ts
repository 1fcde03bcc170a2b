// Which pods a ReplicaSet deletes first when it has too many (ActivePodsWithRanks.Less): the pods
// that cost least to lose go first — unscheduled before scheduled, starting before running, not ready
// before ready, cheap (pod-deletion-cost) before expensive, doubled-up on a node before alone, recently
// ready before long ready, crash-looping before stable, young before old.
import type { Pod } from '../../api/types.js';
import { isPodActive, isPodReady, podReadySince } from './podState.js';

export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export interface RankedPod {
  pod: Pod;
  /** Active pods of the same owner family on this pod's node (higher goes first). */
  rank: number;
  /** The pod's sort keys, filled in by the first comparison. */
  keys?: DeletionKeys;
}

/** The pod-deletion-cost annotation as an int32; missing or malformed means 0. */
export function deletionCost(pod: Pod): number {
  const text = pod.metadata.annotations?.[DELETION_COST_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text.trim())) return 0;
  const n = Number(text.trim());
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** Highest restartCount of regular containers, then of restartable (sidecar) init containers. */
function maxRestarts(pod: Pod): [number, number] {
  let regular = 0;
  for (const s of pod.status?.containerStatuses ?? []) regular = Math.max(regular, s.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const s of pod.status?.initContainerStatuses ?? []) if (sidecars.has(s.name)) sidecar = Math.max(sidecar, s.restartCount ?? 0);
  return [regular, sidecar];
}

function time(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** floor(log2(age in nanoseconds)), -1 for a time not in the past: the LogarithmicScaleDown bucket. */
function bucket(t: number, now: number): number {
  const ageNs = (now - t) * 1e6;
  return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
}

/**
 * Negative when `a` should be deleted before `b`: the more recent time goes first. Times compare by
 * logarithmic bucket (pods that became ready seconds apart long ago count as equally old) with the
 * uid as the tie-break; a missing time goes first (afterOrZero).
 */
function compareTimes(ta: number | undefined, tb: number | undefined, a: Pod, b: Pod, now: number): number {
  if (ta === tb) return 0;
  if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
  const diff = bucket(ta, now) - bucket(tb, now);
  if (diff !== 0) return diff < 0 ? -1 : 1;
  const ua = a.metadata.uid ?? '';
  const ub = b.metadata.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** What the ranking reads of a pod, worked out once per pod rather than once per comparison. */
interface DeletionKeys {
  assigned: boolean;
  phase: number;
  ready: boolean;
  cost: number;
  readySince: number | undefined;
  restarts: number;
  sidecarRestarts: number;
  created: number | undefined;
}

function keysOf(r: RankedPod): DeletionKeys {
  if (r.keys) return r.keys;
  const p = r.pod;
  const [restarts, sidecarRestarts] = maxRestarts(p);
  const ready = isPodReady(p);
  r.keys = {
    assigned: (p.spec?.nodeName ?? '') !== '',
    phase: PHASE_ORDER[p.status?.phase ?? ''] ?? 0,
    ready,
    cost: deletionCost(p),
    readySince: ready ? podReadySince(p) : undefined,
    restarts,
    sidecarRestarts,
    created: time(p.metadata.creationTimestamp),
  };
  return r.keys;
}

export function compareForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const ka = keysOf(a);
  const kb = keysOf(b);
  // 1. unassigned before assigned
  if (ka.assigned !== kb.assigned) return ka.assigned ? 1 : -1;
  // 2. Pending < Unknown < Running
  if (ka.phase !== kb.phase) return ka.phase - kb.phase;
  // 3. not ready before ready
  if (ka.ready !== kb.ready) return ka.ready ? 1 : -1;
  // 4. lower pod-deletion-cost first
  if (ka.cost !== kb.cost) return ka.cost - kb.cost;
  // 5. more doubled-up first
  if (a.rank !== b.rank) return b.rank - a.rank;
  // 6. both ready: ready more recently first
  if (ka.ready && kb.ready) {
    const c = compareTimes(ka.readySince, kb.readySince, pa, pb, now);
    if (c !== 0) return c;
  }
  // 7. more restarts first
  if (ka.restarts !== kb.restarts) return kb.restarts - ka.restarts;
  if (ka.sidecarRestarts !== kb.sidecarRestarts) return kb.sidecarRestarts - ka.sidecarRestarts;
  // 8. newer creation first
  return compareTimes(ka.created, kb.created, pa, pb, now);
}

/** Ranks each pod by how many active pods of the same owner family share its node. */
export function rankByColocation(pods: Pod[], related: Pod[]): RankedPod[] {
  const perNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: perNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** getPodsToDelete: the first `diff` pods of the ranking (no sorting when every pod goes). */
export function podsToDelete(pods: Pod[], related: Pod[], diff: number, now: number): RankedPod[] {
  const ranked = rankByColocation(pods, related);
  if (diff >= ranked.length) return ranked;
  const compare = (a: RankedPod, b: RankedPod) => compareForDeletion(a, b, now);
  // A rolling update scales its old ReplicaSet down a pod or two at a time: picking those few
  // beats sorting every pod each time. Both keep equal pods in their order (sort is stable).
  if (diff <= FEW) return firstFew(ranked, diff, compare);
  ranked.sort(compare);
  return ranked.slice(0, diff);
}

const FEW = 4;

/** The first `count` items in a stable sort by `compare`, by repeated selection. */
function firstFew<T>(items: T[], count: number, compare: (a: T, b: T) => number): T[] {
  const left = items.slice();
  const out: T[] = [];
  for (let n = 0; n < count; n++) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (compare(left[i], left[best]) < 0) best = i;
    out.push(left[best]);
    left.splice(best, 1);
  }
  return out;
}

/** A few words on why this pod was a good one to delete, for the decision log. */
export function describeCandidate(r: RankedPod): string {
  const p = r.pod;
  const parts: string[] = [];
  if (!p.spec?.nodeName) parts.push('unscheduled');
  else parts.push(`on ${p.spec.nodeName}${r.rank > 1 ? ` with ${r.rank - 1} sibling${r.rank > 2 ? 's' : ''}` : ''}`);
  parts.push(p.status?.phase ?? 'Pending');
  parts.push(isPodReady(p) ? 'ready' : 'not ready');
  const cost = deletionCost(p);
  if (cost !== 0) parts.push(`deletion cost ${cost}`);
  const [restarts] = maxRestarts(p);
  if (restarts > 0) parts.push(`${restarts} restart${restarts === 1 ? '' : 's'}`);
  return `${p.metadata.name} (${parts.join(', ')})`;
}
