// manageReplicas: the half of a ReplicaSet sync that creates or deletes pods to close the gap
// between the active pods it owns and spec.replicas.
import { isApiError } from '../../api/errors.js';
import { clone, type KObject } from '../../api/object.js';
import type { Pod } from '../../api/types.js';
import type { EventType } from '../../events/eventRecorder.js';
import type { Store } from '../../store/store.js';
import { controllerRefTo } from './controllerRef.js';
import { describeCandidate, podsToDelete } from './deletionRanking.js';
import type { Expectations } from './expectations.js';
import type { ManageFailure } from './replicaStatus.js';
import { BURST_REPLICAS, slowStartBatch } from './slowStart.js';

export interface ManageContext {
  store: Store;
  now: number;
  key: string;
  expectations: Expectations;
  event(obj: KObject, type: EventType, reason: string, message: string): void;
  decide(obj: KObject, action: string, reason: string, details?: unknown): void;
}

/** GetPodFromTemplate: the template's labels, annotations, finalizers and spec, named `<owner>-xxxxx`. */
export function podFromTemplate(owner: KObject): Pod {
  const template = owner.spec?.template ?? {};
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      ownerReferences: [controllerRefTo(owner)],
    },
    spec: clone(template.spec ?? { containers: [] }),
  };
  if (meta.labels) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}

/** How many chosen pods a deletion decision describes by name (the details list them all). */
const SHOWN_CANDIDATES = 5;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Creates the missing pods with slow start; returns the failure to report, if any. */
export function createPods(ctx: ManageContext, rs: KObject, active: number, desired: number): ManageFailure | undefined {
  const missing = desired - active;
  const count = Math.min(missing, BURST_REPLICAS);
  ctx.expectations.expectCreations(ctx.key, count);
  const created: string[] = [];
  const result = slowStartBatch(count, () => {
    try {
      const pod = ctx.store.create(podFromTemplate(rs));
      created.push(pod.metadata.name!);
      ctx.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (e) {
      if (isApiError(e)) ctx.event(rs, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
      throw e;
    }
  });
  // Creations that failed or were never attempted will never be observed.
  for (let i = result.successes; i < count; i++) ctx.expectations.creationObserved(ctx.key);

  const burst = missing > count ? ` (burst limit ${BURST_REPLICAS} of ${missing} missing)` : '';
  const batches = `slow start batch${result.batches.length === 1 ? '' : 'es'} ${result.batches.join('+')}`;
  let reason = `${active} active pod${active === 1 ? '' : 's'} < ${desired} desired → create ${count}${burst} (${batches})`;
  const firstError = result.errors[0];
  if (firstError !== undefined) {
    reason += `: ${result.successes} created, ${result.errors.length} failed${result.skipped ? `, ${result.skipped} not attempted` : ''}: ${errorText(firstError)}`;
  }
  ctx.decide(rs, `create ${count} pod${count === 1 ? '' : 's'}`, reason, { created, batches: result.batches, failed: result.errors.length, skipped: result.skipped });
  if (firstError === undefined) return undefined;
  if (!isApiError(firstError)) throw firstError;
  return { reason: 'FailedCreate', message: firstError.message };
}

/** Deletes the surplus pods, cheapest to lose first; returns the failure to report, if any. */
export function deletePods(ctx: ManageContext, rs: KObject, active: Pod[], related: Pod[], desired: number): ManageFailure | undefined {
  const surplus = active.length - desired;
  const count = Math.min(surplus, BURST_REPLICAS);
  const chosen = podsToDelete(active, related, count, ctx.now);
  ctx.expectations.expectDeletions(ctx.key, chosen.map((r) => r.pod.metadata.uid ?? ''));
  let failure: ManageFailure | undefined;
  for (const { pod } of chosen) {
    try {
      ctx.store.delete('Pod', pod.metadata.namespace, pod.metadata.name!);
      ctx.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (e) {
      ctx.expectations.deletionObserved(ctx.key, pod.metadata.uid ?? '');
      if (isApiError(e, 'NotFound')) continue;
      if (!isApiError(e)) throw e;
      ctx.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      failure ??= { reason: 'FailedDelete', message: e.message };
    }
  }
  const burst = surplus > count ? ` (burst limit ${BURST_REPLICAS} of ${surplus} surplus)` : '';
  const shown = chosen.slice(0, SHOWN_CANDIDATES).map(describeCandidate);
  if (chosen.length > SHOWN_CANDIDATES) shown.push(`and ${chosen.length - SHOWN_CANDIDATES} more`);
  const reason = `${active.length} active pods > ${desired} desired → delete ${count}${burst}: ${shown.join(', ')}`;
  ctx.decide(rs, `delete ${count} pod${count === 1 ? '' : 's'}`, reason, {
    deleted: chosen.map((r) => ({ name: r.pod.metadata.name, node: r.pod.spec?.nodeName ?? '', rank: r.rank })),
  });
  return failure;
}
