// A pod's QoS class (pkg/apis/core/v1/helper/qos), for pods whose status does not carry it yet:
// only cpu and memory count; a limit without a request means the request equals the limit.
import type { Pod } from '../../api/types.js';
import { parseQuantity, compareQuantities } from '../../api/quantity.js';

type Qos = 'Guaranteed' | 'Burstable' | 'BestEffort';

export function qosClass(pod: Pod): Qos {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const limits = c.resources?.limits ?? {};
    const requests = { ...(c.resources?.requests ?? {}) };
    for (const r of ['cpu', 'memory']) {
      if (limits[r] !== undefined && requests[r] === undefined) requests[r] = limits[r];
      if (limits[r] !== undefined || requests[r] !== undefined) any = true;
      if (limits[r] === undefined || requests[r] === undefined || !sameQuantity(requests[r], limits[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function sameQuantity(a: unknown, b: unknown): boolean {
  try {
    return compareQuantities(parseQuantity(a as string), parseQuantity(b as string)) === 0;
  } catch {
    return String(a) === String(b);
  }
}
