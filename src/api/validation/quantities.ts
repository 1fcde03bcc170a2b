// Quantities and resource names inside specs: `limits[memory]`, `spec.hard[pods]`, node capacity.
// The apiserver rejects a malformed quantity while decoding; kubesim reports it as a field error instead.
import type { FieldCause } from '../errors.js';
import { formatQuantity, milliValue, parseQuantity, QuantityError, type Quantity } from '../quantity.js';
import { validateLabelKey } from '../labels.js';
import { field, isNegativeErrorMsg, type Path } from './fieldPath.js';
import { goLiteral } from './goFormat.js';

const quantityFormatMsg = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** Parses a quantity field, recording the apiserver's message when it is not one. */
export function readQuantity(raw: unknown, at: Path, errs: FieldCause[]): Quantity | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    errs.push(field.invalid(at, raw === undefined || raw === null ? '' : String(raw), quantityFormatMsg));
    return undefined;
  }
  try {
    return parseQuantity(raw);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    errs.push(field.invalid(at, String(raw), e.message || quantityFormatMsg));
    return undefined;
  }
}

/** Every quantity of a resource list, by name; bad ones are reported and left out. */
export function readResourceList(list: Record<string, unknown> | undefined, at: Path, errs: FieldCause[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const name of Object.keys(list ?? {})) {
    const q = readQuantity(list![name], at.key(name), errs);
    if (q) out.set(name, q);
  }
  return out;
}

export const qtext = (q: Quantity): string => formatQuantity(q);
export const isNegative = (q: Quantity): boolean => q.nanos < 0n;

// --- resource name classes (pkg/apis/core/helper) ---------------------------------------------

/** The compute resources a container states in requests and limits. */
export const CONTAINER_COMPUTE_RESOURCES: readonly string[] = ['cpu', 'memory', 'ephemeral-storage'];
/** Each compute resource under its three quota names: `cpu`, `requests.cpu`, `limits.cpu`. */
export const COMPUTE_QUOTA_NAMES: readonly string[] = ['', 'requests.', 'limits.'].flatMap((prefix) => CONTAINER_COMPUTE_RESOURCES.map((r) => prefix + r));
/** Resources counted in whole objects (or ports); their quantities must be integers. */
const integerResourceNames = [
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
];

const standardContainerResources = new Set(CONTAINER_COMPUTE_RESOURCES);
const standardResources = new Set([...COMPUTE_QUOTA_NAMES, ...integerResourceNames, 'storage', 'requests.storage']);
const standardQuotaResources = new Set([...standardResources].filter((r) => r !== 'storage'));
const integerResources = new Set(integerResourceNames);

export const isHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-');
const isQuotaHugePageResourceName = (name: string): boolean => isHugePageResourceName(name) || name.startsWith('requests.hugepages-');
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');

/** `nvidia.com/gpu` and friends: they can never be overcommitted. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return validateLabelKey(`requests.${name}`).length === 0;
}

export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);
const isIntegerResourceName = (name: string): boolean => integerResources.has(name) || isExtendedResourceName(name);

/** validateResourceName: a qualified name, and a standard one unless it has a domain. */
export function validateResourceName(name: string, at: Path): FieldCause[] {
  const errs = validateLabelKey(name).map((msg) => field.invalid(at, name, msg));
  if (errs.length) return errs;
  if (!name.includes('/') && !(standardResources.has(name) || isQuotaHugePageResourceName(name))) {
    errs.push(field.invalid(at, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

export function validateContainerResourceName(name: string, at: Path): FieldCause[] {
  const errs = validateResourceName(name, at);
  if (!name.includes('/')) {
    if (!standardContainerResources.has(name) && !isHugePageResourceName(name)) {
      errs.push(field.invalid(at, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(field.invalid(at, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

export function validateQuotaResourceName(name: string, at: Path): FieldCause[] {
  const errs = validateResourceName(name, at);
  if (!name.includes('/') && !(standardQuotaResources.has(name) || isQuotaHugePageResourceName(name))) {
    errs.push(field.invalid(at, name, 'must be a standard resource for quota'));
  }
  return errs;
}

/** ValidateResourceQuantityValue: never negative, whole numbers for countable resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (isNegative(q)) errs.push(field.invalid(at, qtext(q), isNegativeErrorMsg));
  // The quantity is a fmt.Stringer, so Go prints it bare here.
  if (isIntegerResourceName(name) && milliValue(q) % 1000 !== 0) errs.push(field.invalid(at, goLiteral(qtext(q)), 'must be an integer'));
  return errs;
}
