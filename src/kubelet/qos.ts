// status.qosClass (pkg/apis/core/v1/helper/qos): only cpu and memory count; a limit without a request
// means request = limit. Guaranteed when every container has both limits and requests equal them,
// BestEffort when no container asks for anything, Burstable otherwise.
import type { PodSpec } from '../api/types.js';
import { compareQuantities, tryParseQuantity, type Quantity } from '../api/quantity.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const COMPUTE = ['cpu', 'memory'] as const;

export function podQosClass(spec: PodSpec): QosClass {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const name of COMPUTE) {
      const limit = quantity(limits[name]);
      const request = quantity(requests[name]) ?? limit;
      if ((request && request.nanos > 0n) || (limit && limit.nanos > 0n)) any = true;
      if (!limit || !request || compareQuantities(limit, request) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function quantity(raw: string | number | undefined): Quantity | undefined {
  return raw === undefined ? undefined : tryParseQuantity(raw as string);
}
