// ResourceQuota admission (apiserver admission/plugin/resourcequota, checkRequest): the last validating
// plugin. For every quota in the namespace that tracks what the object consumes, used + requested
// must stay within hard; if it does, the usage is charged to the quota's status at once, so the next
// write in the same instant already sees it. The resource quota controller later recomputes it exactly.
import { isNamespaced } from '../../api/kinds.js';
import type { KObject } from '../../api/object.js';
import { compareQuantities } from '../../api/quantity.js';
import type { AdmissionPlugin } from '../admission.js';
import type { Store } from '../store.js';
import { evaluatorFor, matchesScopes } from './quotaEvaluators.js';
import { computeQuotaUsage, hardOf } from './quotaUsage.js';
import { forbiddenFor } from './requestName.js';
import {
  addResources,
  formatResources,
  mask,
  parseResources,
  prettyPrint,
  subtractNonNegative,
  withoutZeros,
  type Resources,
} from './resourceList.js';

/** status.used if it covers every hard resource, else a fresh count (a quota the controller has not seen yet). */
export function currentUsed(store: Store, quota: KObject, hard: Resources, now: number): Resources {
  const recorded = parseResources(quota.status?.used);
  for (const name of hard.keys()) if (!recorded.has(name)) return computeQuotaUsage(store, quota, now).used;
  return mask(recorded, hard.keys());
}

interface Charge {
  quota: KObject;
  hard: Resources;
  used: Resources;
}

export const resourceQuotaAdmission: AdmissionPlugin = {
  name: 'ResourceQuota',

  validate({ operation, object, old, store, dryRun }) {
    if (operation === 'DELETE' || !isNamespaced(object.kind)) return;
    const evaluator = evaluatorFor(object.kind);
    if (!evaluator || !evaluator.handles(operation)) return;
    const namespace = object.metadata.namespace ?? 'default';
    const quotas = store.list('ResourceQuota', { namespace });
    if (!quotas.length) return;
    quotas.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const now = store.clock.now();

    const tracking: Array<{ quota: KObject; hard: Resources }> = [];
    for (const quota of quotas) {
      const hard = hardOf(quota);
      const matching = evaluator.matchingResources([...hard.keys()]);
      if (!matching.length || !matchesScopes(evaluator, quota, object)) continue;
      const problem = evaluator.constraints?.(matching, object);
      if (problem) throw forbiddenFor(object, `failed quota: ${quota.metadata.name}: ${problem}`);
      tracking.push({ quota, hard });
    }
    if (!tracking.length) return;

    let delta = evaluator.usage(object, now);
    if (operation === 'UPDATE' && old) delta = subtractNonNegative(delta, evaluator.usage(old, now));
    delta = withoutZeros(delta);
    if (!delta.size) return;

    const charges: Charge[] = [];
    for (const { quota, hard } of tracking) {
      const requested = mask(delta, hard.keys());
      if (!requested.size) continue;
      const used = currentUsed(store, quota, hard, now);
      const next = addResources(used, requested);
      const exceeded = [...requested.keys()].filter((r) => compareQuantities(next.get(r)!, hard.get(r)!) > 0).sort();
      if (exceeded.length) {
        throw forbiddenFor(
          object,
          `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
        );
      }
      charges.push({ quota, hard, used: next });
    }
    if (dryRun) return;
    // The store refuses a duplicate name after admission; charging for it would overcount.
    if (operation === 'CREATE' && store.get(object.kind, namespace, object.metadata.name ?? '')) return;
    for (const { quota, hard, used } of charges) {
      store.modify(quota.kind, namespace, quota.metadata.name!, (q) => {
        q.status = { ...(q.status ?? {}), hard: formatResources(hard), used: formatResources(used) };
      }, { subresource: 'status' });
    }
  },
};
