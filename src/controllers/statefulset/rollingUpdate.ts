// A StatefulSet's RollingUpdate (the tail of updateStatefulSet): from the highest ordinal down to
// the partition, a pod of an older revision is deleted (it comes back at the update revision) — one
// at a time, each waiting for the one above to be Running and Ready; or, with rollingUpdate
// .maxUnavailable set (MaxUnavailableStatefulSet), as many at once as leave no more than that many
// pods unavailable. OnDelete only says which pods wait for you to delete them.
import type { Pod, StatefulSet } from '../../api/types.js';
import { scaledValue } from '../deployment/fenceposts.js';
import { ordinalOf, revisionOf } from './identity.js';
import { isHealthy, isTerminating, podStateText } from './podHealth.js';
import type { PassResult } from './updateStatefulSet.js';
import { names, plural } from './words.js';

export interface RollContext {
  set: StatefulSet;
  start: number;
  /** Pods by ordinal − start (undefined: missing). */
  replicas: readonly (Pod | undefined)[];
  updateRevision: string;
  partition: number;
  remove(pod: Pod): string | undefined;
  result: PassResult;
}

/** Pods at or above the partition that run another revision, highest ordinal first. */
function oldAbovePartition(c: RollContext): Pod[] {
  const out: Pod[] = [];
  for (let t = c.replicas.length - 1; t >= Math.max(0, c.partition); t--) {
    const p = c.replicas[t];
    if (p && !isTerminating(p) && revisionOf(p) !== c.updateRevision) out.push(p);
  }
  return out;
}

export function rollingUpdate(c: RollContext): void {
  const strategy = c.set.spec?.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy === 'OnDelete') {
    const old = c.replicas.filter((p): p is Pod => !!p && revisionOf(p) !== c.updateRevision);
    if (old.length) {
      c.result.steps.push({
        wait: true,
        action: `OnDelete: ${plural(old.length, 'pod')} keep their revision until deleted`,
        reason: `${names(old)} run an older template than ${c.updateRevision}; with updateStrategy OnDelete a pod is re-created at the new revision only when you delete it`,
      });
    }
    return;
  }
  const maxUnavailable = c.set.spec?.updateStrategy?.rollingUpdate?.maxUnavailable;
  if (maxUnavailable !== undefined && maxUnavailable !== null) rollWithMaxUnavailable(c, maxUnavailable);
  else rollOneAtATime(c);
  notePartition(c);
}

/** The default: one pod at a time, highest ordinal first, each waiting for the one above. */
function rollOneAtATime(c: RollContext): void {
  const { partition, updateRevision: update } = c;
  for (let target = c.replicas.length - 1; target >= partition; target--) {
    const pod = c.replicas[target];
    if (!pod) return;
    if (revisionOf(pod) !== update && !isTerminating(pod)) {
      const error = c.remove(pod);
      if (error) {
        c.result.errors.push(error);
        return;
      }
      c.result.deletedForUpdate++;
      c.result.steps.push({
        action: `delete pod ${pod.metadata.name} to update it to revision ${update}`,
        reason: `rolling update (partition ${partition}): pods at ordinal ≥ ${partition} are replaced from the highest ordinal down, one at a time; ${pod.metadata.name} runs ${revisionOf(pod) || 'an unlabelled revision'}`,
        details: { from: revisionOf(pod), to: update, partition },
      });
      return;
    }
    if (!isHealthy(pod)) {
      const next = oldAbovePartition(c).find((p) => ordinalOf(p) < c.start + target);
      if (next) {
        c.result.steps.push({
          wait: true,
          action: `waiting for ${pod.metadata.name} to be Running and Ready before updating ${next.metadata.name} (rolling update)`,
          reason: `${pod.metadata.name} is ${podStateText(pod)}; a rolling update replaces one pod at a time`,
        });
      }
      return;
    }
  }
}

/** MaxUnavailableStatefulSet: up to maxUnavailable pods (counting the unhealthy ones) at once. */
function rollWithMaxUnavailable(c: RollContext, value: number | string): void {
  const { partition, updateRevision: update } = c;
  let max: number;
  try {
    max = Math.max(1, scaledValue(value, c.replicas.length, true));
  } catch {
    max = 1;
  }
  const unavailable = c.replicas.filter((p) => !p || !isHealthy(p)).length;
  if (unavailable >= max) {
    if (oldAbovePartition(c).length) {
      c.result.steps.push({
        wait: true,
        action: `waiting: ${unavailable} of maxUnavailable ${max} pods are unavailable (rolling update)`,
        reason: `rolling update (partition ${partition}, maxUnavailable ${value} → ${max}) replaces more pods only while fewer than ${max} are unavailable`,
      });
    }
    return;
  }
  const budget = max - unavailable;
  const deleted: string[] = [];
  for (let target = c.replicas.length - 1; target >= partition && deleted.length < budget; target--) {
    const pod = c.replicas[target];
    if (!pod || revisionOf(pod) === update || isTerminating(pod)) continue;
    const error = c.remove(pod);
    if (error) {
      c.result.errors.push(error);
      break;
    }
    deleted.push(pod.metadata.name!);
    c.result.deletedForUpdate++;
  }
  if (deleted.length) {
    c.result.steps.push({
      action: deleted.length === 1 ? `delete pod ${deleted[0]} to update it to revision ${update}` : `delete ${plural(deleted.length, 'pod')} to update them to revision ${update}: ${names(deleted)}`,
      reason: `rolling update (partition ${partition}, maxUnavailable ${value} → ${max}): ${unavailable} unavailable now, so ${budget} more may go, highest ordinal first`,
      details: { deleted, maxUnavailable: max, unavailable },
    });
  }
}

/** Says that the update stops at the partition, when pods below it keep the old template. */
function notePartition(c: RollContext): void {
  if (c.partition <= 0 || c.result.deletedForUpdate || oldAbovePartition(c).length) return;
  const below = c.replicas.slice(0, Math.min(c.partition, c.replicas.length)).filter((p): p is Pod => !!p && revisionOf(p) !== c.updateRevision);
  if (!below.length) return;
  c.result.steps.push({
    wait: true,
    action: `rolling update held at partition ${c.partition}`,
    reason: `${names(below)} (ordinal < ${c.partition}) keep revision ${revisionOf(below[0])}; lower spec.updateStrategy.rollingUpdate.partition to update them to ${c.updateRevision}`,
  });
}
