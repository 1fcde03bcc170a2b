// The three LimitRange constraints with the exact messages of plugin/pkg/admission/limitranger.
// Values compare in thousandths rounded up (MilliValue), like the plugin does.
import { formatQuantity, type Quantity } from '../../api/quantity.js';
import { milli, type Resources } from './resourceList.js';

/** `minimum cpu usage per Container is 100m, but request is 50m` */
export function minConstraint(
  limitType: string,
  resource: string,
  enforced: Quantity,
  requests: Resources,
  limits: Resources,
): string | undefined {
  const req = requests.get(resource);
  const lim = limits.get(resource);
  const min = formatQuantity(enforced);
  if (!req) return `minimum ${resource} usage per ${limitType} is ${min}.  No request is specified`;
  if (milli(req) < milli(enforced)) return `minimum ${resource} usage per ${limitType} is ${min}, but request is ${formatQuantity(req)}`;
  if (lim && milli(lim) < milli(enforced)) return `minimum ${resource} usage per ${limitType} is ${min}, but limit is ${formatQuantity(lim)}`;
  return undefined;
}

/** `maximum cpu usage per Container is 1, but limit is 2` */
export function maxConstraint(
  limitType: string,
  resource: string,
  enforced: Quantity,
  requests: Resources,
  limits: Resources,
): string | undefined {
  const req = requests.get(resource);
  const lim = limits.get(resource);
  const max = formatQuantity(enforced);
  if (!lim) return `maximum ${resource} usage per ${limitType} is ${max}.  No limit is specified`;
  if (milli(lim) > milli(enforced)) return `maximum ${resource} usage per ${limitType} is ${max}, but limit is ${formatQuantity(lim)}`;
  if (req && milli(req) > milli(enforced)) return `maximum ${resource} usage per ${limitType} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

/** PersistentVolumeClaims have no limits: their maximum applies to what they request. */
export function maxRequestConstraint(limitType: string, resource: string, enforced: Quantity, requests: Resources): string | undefined {
  const req = requests.get(resource);
  const max = formatQuantity(enforced);
  if (!req) return `maximum ${resource} usage per ${limitType} is ${max}.  No request is specified`;
  if (milli(req) > milli(enforced)) return `maximum ${resource} usage per ${limitType} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

/** `cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000` */
export function limitRequestRatioConstraint(
  limitType: string,
  resource: string,
  enforced: Quantity,
  requests: Resources,
  limits: Resources,
): string | undefined {
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
}
