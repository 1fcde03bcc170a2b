// Signs that the simulation hit a bug rather than a refusal: a reconcile that threw something other
// than an ApiError (the base controller turns every throw into a "retry later" decision, so the
// cluster keeps running; the decision's details name what was thrown).
import type { Cluster } from '../../src/cluster.js';

export function internalErrors(cluster: Cluster): string[] {
  return cluster.decisions
    .query()
    .filter((d) => d.action === 'retry later' && (d.details as { error?: string } | undefined)?.error !== 'ApiError')
    .map((d) => `${d.component} ${d.object.kind} ${d.object.namespace ?? ''}/${d.object.name}: ${d.reason}`);
}
