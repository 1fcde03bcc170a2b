// resourcequota-controller (pkg/controller/resourcequota): keeps each ResourceQuota's status.hard equal
// to spec.hard and status.used equal to what its namespace really uses. Admission charges new objects
// at once; this controller gives usage back when objects go or stop counting (a pod that finished, a
// Service that dropped its NodePorts), and recounts everything every 5 minutes like upstream's resync.
// A change only ever recounts the quotas of its own namespace.
import { nsName, type KObject } from '../api/object.js';
import { formatQuantity } from '../api/quantity.js';
import type { ResourceQuota } from '../api/types.js';
import { evaluatorFor, kindsCountedBy, podCountsAt } from '../store/admission/quotaEvaluators.js';
import { computeQuotaUsage, hardOf } from '../store/admission/quotaUsage.js';
import { formatResources, parseResources, sameResources, type Resources } from '../store/admission/resourceList.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, splitKey } from './controller.js';

/** --resource-quota-sync-period. */
export const QUOTA_RESYNC_MS = 5 * 60 * 1000;

export class ResourceQuotaController extends Controller {
  readonly name = 'resourcequota-controller';
  protected override readonly primaryKind = 'ResourceQuota';

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'ResourceQuota' }, (e) => {
      if (e.type === 'DELETED') return;
      // Status writes (admission's charges, our own) change nothing to recount.
      if (e.type === 'MODIFIED' && JSON.stringify(e.old?.spec) === JSON.stringify(e.object.spec)) return;
      this.enqueue(nsName(e.object));
    });
    store.watch({}, (e) => this.onObject(e));
    for (const quota of store.list('ResourceQuota')) this.enqueue(nsName(quota));
  }

  private onObject(e: WatchEvent): void {
    const ns = e.object.metadata.namespace;
    // Creates were charged by admission; quotas' own status writes change nothing to count.
    if (!ns || e.type === 'ADDED' || e.object.kind === 'Event') return;
    if (e.object.kind === 'ResourceQuota' && e.type !== 'DELETED') return;
    if (!this.cp.store.count('ResourceQuota', ns)) return;
    if (e.type === 'MODIFIED' && !this.usageMayDiffer(e.old!, e.object)) return;
    for (const quota of this.cp.store.list('ResourceQuota', { namespace: ns })) {
      if (kindsCountedBy(Object.keys(quota.spec?.hard ?? {})).includes(e.object.kind)) this.enqueue(nsName(quota));
    }
  }

  /** Cheap checks first: pods change status all the time, but their charge only when they stop counting. */
  private usageMayDiffer(before: KObject, after: KObject): boolean {
    const evaluator = evaluatorFor(after.kind);
    if (!evaluator) return false;
    if (after.kind === 'Pod') {
      const now = this.cp.clock.now();
      return (
        podCountsAt(before, now) !== podCountsAt(after, now) ||
        !!before.metadata.deletionTimestamp !== !!after.metadata.deletionTimestamp ||
        before.spec?.activeDeadlineSeconds !== after.spec?.activeDeadlineSeconds
      );
    }
    const now = this.cp.clock.now();
    return !sameResources(evaluator.usage(before, now), evaluator.usage(after, now));
  }

  /** Key: `namespace/name` of a ResourceQuota. */
  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { store, clock } = this.cp;
    const quota = store.get<ResourceQuota>('ResourceQuota', namespace, name);
    if (!quota) return;
    const now = clock.now();
    const { used, recheckAt } = computeQuotaUsage(store, quota, now);
    const hard = hardOf(quota);
    if (recheckAt !== undefined) this.enqueueAfter(key, recheckAt - now);
    this.enqueueAfter(key, QUOTA_RESYNC_MS);

    const recordedHard = parseResources(quota.status?.hard);
    const recordedUsed = parseResources(quota.status?.used);
    if (sameResources(recordedHard, hard) && sameResources(recordedUsed, used)) return;
    store.modify<ResourceQuota>('ResourceQuota', namespace, name, (q) => {
      q.status = { ...(q.status ?? {}), hard: formatResources(hard), used: formatResources(used) };
    }, { subresource: 'status' });
    const changes = describeChanges(recordedUsed, used, hard);
    this.decide(
      quota,
      recordedUsed.size ? 'recounted usage' : 'counted usage',
      `${changes || 'limits changed'} (recounted from namespace ${namespace}${sameResources(recordedHard, hard) ? '' : `; hard now ${describeList(hard)}`})`,
      { hard: formatResources(hard), used: formatResources(used), previous: formatResources(recordedUsed) },
    );
  }
}

/** `pods 3 → 2, requests.cpu 1500m → 1 of 2`: only what moved. */
function describeChanges(before: Resources, after: Resources, hard: Resources): string {
  const parts: string[] = [];
  for (const name of [...after.keys()].sort()) {
    const was = before.get(name);
    const now = after.get(name)!;
    if (was && formatQuantity(was) === formatQuantity(now)) continue;
    const limit = hard.get(name);
    parts.push(`${name} ${was ? formatQuantity(was) : '(unset)'} → ${formatQuantity(now)}${limit ? ` of ${formatQuantity(limit)}` : ''}`);
  }
  return parts.join(', ');
}

function describeList(list: Resources): string {
  return [...list.keys()]
    .sort()
    .map((n) => `${n}=${formatQuantity(list.get(n)!)}`)
    .join(', ');
}
