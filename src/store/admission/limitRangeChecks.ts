// The three LimitRange constraints with the exact messages of plugin/pkg/admission/limitranger.
// Values compare in thousandths rounded up (MilliValue), like the plugin does.
import { formatQuantity, type Quantity } from '../../api/quantity.js';
import { milli, type Resources } from './resourceList.js';

/** A request or a limit, as the messages name it, and its value when the object sets one. */
type Given = readonly [what: 'request' | 'limit', value: Quantity | undefined];

/**
 * A minimum or maximum: `required` must be given, then it and `alsoChecked` (when given) must not be
 * below the minimum or above the maximum. The first violation found is the message.
 */
function boundConstraint(
  bound: 'minimum' | 'maximum',
  limitType: string,
  resource: string,
  enforced: Quantity,
  required: Given,
  alsoChecked?: Given,
): string | undefined {
  const rule = `${bound} ${resource} usage per ${limitType} is ${formatQuantity(enforced)}`;
  if (!required[1]) return `${rule}.  No ${required[0]} is specified`;
  const edge = milli(enforced);
  for (const [what, value] of alsoChecked ? [required, alsoChecked] : [required]) {
    if (!value) continue;
    const v = milli(value);
    if (bound === 'minimum' ? v < edge : v > edge) return `${rule}, but ${what} is ${formatQuantity(value)}`;
  }
  return undefined;
}

/** One constraint on one resource of an object (or a pod's totals): the message when it is violated. */
export type LimitCheck = (limitType: string, resource: string, enforced: Quantity, requests: Resources, limits: Resources) => string | undefined;

/** `minimum cpu usage per Container is 100m, but request is 50m` */
export const minConstraint: LimitCheck = (limitType, resource, enforced, requests, limits) =>
  boundConstraint('minimum', limitType, resource, enforced, ['request', requests.get(resource)], ['limit', limits.get(resource)]);

/** `maximum cpu usage per Container is 1, but limit is 2` */
export const maxConstraint: LimitCheck = (limitType, resource, enforced, requests, limits) =>
  boundConstraint('maximum', limitType, resource, enforced, ['limit', limits.get(resource)], ['request', requests.get(resource)]);

/** PersistentVolumeClaims have no limits: their maximum applies to what they request. */
export function maxRequestConstraint(limitType: string, resource: string, enforced: Quantity, requests: Resources): string | undefined {
  return boundConstraint('maximum', limitType, resource, enforced, ['request', requests.get(resource)]);
}

/** `cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000` */
export const limitRequestRatioConstraint: LimitCheck = (limitType, resource, enforced, requests, limits) => {
  const req = requests.get(resource);
  const lim = limits.get(resource);
  const ratio = formatQuantity(enforced);
  const reqMilli = req ? milli(req) : 0n;
  const limMilli = lim ? milli(lim) : 0n;
  if (reqMilli === 0n) return `${resource} max limit to request ratio per ${limitType} is ${ratio}, but no request is specified or request is 0`;
  if (limMilli === 0n) return `${resource} max limit to request ratio per ${limitType} is ${ratio}, but no limit is specified or limit is 0`;
  const observed = Number(limMilli) / Number(reqMilli);
  // Compared in thousandths so a ratio of 1.5 can be enforced exactly.
  if (observed * 1000 > Number(milli(enforced))) {
    return `${resource} max limit to request ratio per ${limitType} is ${ratio}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
};
