// status.qosClass (pkg/apis/core/v1/helper/qos): only cpu and memory count; a limit without a request
// means request = limit. Guaranteed when every container has both limits and requests equal them,
// BestEffort when no container asks for anything, Burstable otherwise.
import type { Container, PodSpec } from '../api/types.js';
import { compareQuantities, tryParseQuantity, type Quantity } from '../api/quantity.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const COMPUTE = ['cpu', 'memory'] as const;

export function podQosClass(spec: PodSpec): QosClass {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const q = containerQos(c.resources);
    if (q.any) any = true;
    if (!q.guaranteed) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

interface ContainerQos {
  /** It asks for some cpu or memory. */
  any: boolean;
  /** Both have limits, and requests equal to them. */
  guaranteed: boolean;
}

const NO_RESOURCES: ContainerQos = { any: false, guaranteed: false };
/** The pods of a template share their containers' resources (the store interns them): parsed once. */
const byResources = new WeakMap<object, ContainerQos>();

function containerQos(resources: Container['resources']): ContainerQos {
  if (!resources) return NO_RESOURCES;
  let q = byResources.get(resources);
  if (q) return q;
  const requests = resources.requests ?? {};
  const limits = resources.limits ?? {};
  q = { any: false, guaranteed: true };
  for (const name of COMPUTE) {
    const limit = quantity(limits[name]);
    const request = quantity(requests[name]) ?? limit;
    if ((request && request.nanos > 0n) || (limit && limit.nanos > 0n)) q.any = true;
    if (!limit || !request || compareQuantities(limit, request) !== 0) q.guaranteed = false;
  }
  byResources.set(resources, q);
  return q;
}

function quantity(raw: string | number | undefined): Quantity | undefined {
  return raw === undefined ? undefined : tryParseQuantity(raw as string);
}
