// A quota's exact usage, recomputed from the objects in its namespace (what the resource quota
// controller writes to status.used). Lists only the kinds the quota's resources count, in one
// namespace: never the whole cluster.
import type { KObject } from '../../api/object.js';
import type { Store } from '../store.js';
import { evaluatorFor, kindsCountedBy, matchesScopes, podStopsCountingAt } from './quotaEvaluators.js';
import { addInto, mask, parseResources, zero, type Resources } from './resourceList.js';

/** The quota's limits: spec.hard is the truth; status.hard only mirrors it. */
export function hardOf(quota: KObject): Resources {
  return parseResources(quota.spec?.hard);
}

export interface QuotaUsage {
  used: Resources;
  /** When a pod that counts now will stop counting (terminating past its grace period), if ever. */
  recheckAt?: number;
}

export function computeQuotaUsage(store: Store, quota: KObject, now: number): QuotaUsage {
  const hard = hardOf(quota);
  const names = [...hard.keys()];
  const used: Resources = new Map(names.map((n) => [n, zero()]));
  let recheckAt: number | undefined;
  const namespace = quota.metadata.namespace ?? 'default';
  for (const kind of kindsCountedBy(names)) {
    const evaluator = evaluatorFor(kind);
    if (!evaluator) continue;
    const matching = evaluator.matchingResources(names);
    if (!matching.length) continue;
    for (const obj of store.list(kind, { namespace })) {
      if (!matchesScopes(evaluator, quota, obj)) continue;
      addInto(used, mask(evaluator.usage(obj, now), matching));
      if (kind === 'Pod') {
        // It stops counting once the clock is past deletionTimestamp + grace: look again just after.
        const stops = podStopsCountingAt(obj);
        const candidate = stops + 1000;
        if (Number.isFinite(stops) && stops >= now && (recheckAt === undefined || candidate < recheckAt)) recheckAt = candidate;
      }
    }
  }
  return recheckAt === undefined ? { used } : { used, recheckAt };
}
