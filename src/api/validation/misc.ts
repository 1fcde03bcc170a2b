// The smaller kinds: Namespace, Node, ResourceQuota, LimitRange, PriorityClass and the kinds whose
// only rules are metadata ones.
import type { FieldCause } from '../errors.js';
import { compareQuantities, milliValue, type Quantity } from '../quantity.js';
import { field, immutable, nonNegative, path, type Path } from './fieldPath.js';
import { goLiteral, goStringSlice } from './goFormat.js';
import { validateFinalizerName, validateLabelName, validateMeta, validateQualifiedName } from './meta.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validateTaintEffect } from './podScheduling.js';
import { validateLabelValue } from '../labels.js';
import {
  isOvercommitAllowed,
  qtext,
  readQuantity,
  validateContainerResourceName,
  validateQuotaResourceName,
  validateResourceName,
  validateResourceQuantityValue,
} from './quantities.js';

export function validateNamespace(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, false, nameIsDNSLabel);
  (obj.spec?.finalizers ?? []).forEach((f: string) => errs.push(...validateFinalizerName(f, path('spec', 'finalizers'))));
  return errs;
}

function validateTaints(taints: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const p = at.index(i);
    errs.push(...validateLabelName(t.key ?? '', p.child('key')));
    const msgs = validateLabelValue(t.value ?? '');
    if (msgs.length) errs.push(field.invalid(p.child('value'), t.value ?? '', msgs.join(';')));
    errs.push(...validateTaintEffect(t.effect, false, p.child('effect')));
    const key = `${t.effect}/${t.key}`;
    if (seen.has(key)) {
      const dup = field.duplicate(p, goLiteral(`core.Taint{Key:"${t.key}", Value:"${t.value ?? ''}", Effect:"${t.effect}", TimeAdded:<nil>}`));
      errs.push({ ...dup, message: `${dup.message}: taints must be unique by key and effect pair` });
    }
    seen.add(key);
  });
  return errs;
}

export function validateNode(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, false, nameIsDNSSubdomain);
  // Upstream puts node taints under the metadata path.
  errs.push(...validateTaints(obj.spec?.taints, path('metadata', 'taints')));
  for (const part of ['capacity', 'allocatable'] as const) {
    const list = obj.status?.[part] ?? {};
    for (const name of Object.keys(list)) {
      const at = path('status', part, name);
      const q = readQuantity(list[name], at, errs);
      if (q) errs.push(...validateResourceQuantityValue(name, q, at));
    }
  }
  if (old) {
    const oldCIDRs: string[] = old.spec?.podCIDRs ?? [];
    const newCIDRs: string[] = obj.spec?.podCIDRs ?? [];
    if (oldCIDRs.length && (oldCIDRs.length !== newCIDRs.length || oldCIDRs.some((c, i) => c !== newCIDRs[i]))) {
      errs.push(field.forbidden(path('spec', 'podCIDRs'), 'node updates may not change podCIDR except from "" to valid'));
    }
    if (old.spec?.providerID && old.spec.providerID !== obj.spec?.providerID) {
      errs.push(field.forbidden(path('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
    }
  }
  return errs;
}

const quotaScopes = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];

export function validateResourceQuota(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  const hard = obj.spec?.hard ?? {};
  for (const name of Object.keys(hard).sort()) {
    const at = path('spec', 'hard').key(name);
    errs.push(...validateQuotaResourceName(name, at));
    const q = readQuantity(hard[name], at, errs);
    if (q) errs.push(...validateResourceQuantityValue(name, q, at));
  }
  const scopes: string[] = obj.spec?.scopes ?? [];
  const scopesPath = path('spec', 'scopes');
  const shown = goLiteral(goStringSlice(scopes, '[]core.ResourceQuotaScope'));
  for (const scope of scopes) if (!quotaScopes.includes(scope)) errs.push(field.invalid(scopesPath, shown, 'unsupported scope'));
  const conflicting = [
    ['BestEffort', 'NotBestEffort'],
    ['Terminating', 'NotTerminating'],
  ];
  for (const [a, b] of conflicting) if (scopes.includes(a!) && scopes.includes(b!)) errs.push(field.invalid(scopesPath, shown, 'conflicting scopes'));
  if (old) {
    const before = new Set<string>(old.spec?.scopes ?? []);
    const now = new Set(scopes);
    if (before.size !== now.size || [...now].some((s) => !before.has(s))) errs.push(field.invalid(scopesPath, shown, 'field is immutable'));
  }
  return errs;
}

const limitTypes = ['Pod', 'Container', 'PersistentVolumeClaim'];

export function validateLimitRange(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  const seenTypes = new Set<string>();
  (obj.spec?.limits ?? []).forEach((limit: any, i: number) => {
    const at = path('spec', 'limits').index(i);
    const type: string = limit.type ?? '';
    const typeErrs = validateQualifiedName(type, at.child('type'));
    if (!typeErrs.length && !type.includes('/') && !limitTypes.includes(type)) {
      typeErrs.push(field.invalid(at.child('type'), type, 'must be a standard limit type or fully qualified'));
    }
    errs.push(...typeErrs);
    if (seenTypes.has(type)) errs.push(field.duplicate(at.child('type'), type));
    seenTypes.add(type);
    errs.push(...validateLimitRangeItem(limit, type, at));
  });
  return errs;
}

function validateLimitRangeItem(limit: any, type: string, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const nameCheck = (name: string, p: Path) =>
    type === 'Pod' || type === 'Container' ? validateContainerResourceName(name, p) : validateResourceName(name, p);
  const read = (section: string): Map<string, Quantity> => {
    const out = new Map<string, Quantity>();
    const list = limit[section] ?? {};
    for (const name of Object.keys(list)) {
      const p = at.child(section).key(name);
      errs.push(...nameCheck(name, p));
      const q = readQuantity(list[name], p, errs);
      if (q) out.set(name, q);
    }
    return out;
  };
  const max = read('max');
  const min = read('min');
  let defaults = new Map<string, Quantity>();
  let defaultRequests = new Map<string, Quantity>();
  if (type === 'Pod') {
    if (Object.keys(limit.default ?? {}).length) errs.push(field.forbidden(at.child('default'), "may not be specified when `type` is 'Pod'"));
    if (Object.keys(limit.defaultRequest ?? {}).length) errs.push(field.forbidden(at.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
  } else {
    defaults = read('default');
    defaultRequests = read('defaultRequest');
  }
  if (type === 'PersistentVolumeClaim' && !min.has('storage') && !max.has('storage')) {
    errs.push(field.required(at.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
  }
  const ratios = read('maxLimitRequestRatio');
  const keys = new Set([...max.keys(), ...min.keys(), ...defaults.keys(), ...defaultRequests.keys(), ...ratios.keys()]);
  for (const k of [...keys].sort()) {
    const mn = min.get(k);
    const mx = max.get(k);
    const df = defaults.get(k);
    const dr = defaultRequests.get(k);
    const ratio = ratios.get(k);
    // Quantities here are fmt.Stringers: Go prints them bare.
    const bare = (q: Quantity) => goLiteral(qtext(q));
    if (mn && mx && compareQuantities(mn, mx) > 0) errs.push(field.invalid(at.child('min').key(k), bare(mn), `min value ${qtext(mn)} is greater than max value ${qtext(mx)}`));
    if (dr && mn && compareQuantities(mn, dr) > 0) errs.push(field.invalid(at.child('defaultRequest').key(k), bare(dr), `min value ${qtext(mn)} is greater than default request value ${qtext(dr)}`));
    if (dr && mx && compareQuantities(dr, mx) > 0) errs.push(field.invalid(at.child('defaultRequest').key(k), bare(dr), `default request value ${qtext(dr)} is greater than max value ${qtext(mx)}`));
    if (dr && df && compareQuantities(dr, df) > 0) errs.push(field.invalid(at.child('defaultRequest').key(k), bare(dr), `default request value ${qtext(dr)} is greater than default limit value ${qtext(df)}`));
    if (df && mn && compareQuantities(mn, df) > 0) errs.push(field.invalid(at.child('default').key(k), bare(mn), `min value ${qtext(mn)} is greater than default value ${qtext(df)}`));
    if (df && mx && compareQuantities(df, mx) > 0) errs.push(field.invalid(at.child('default').key(k), bare(mx), `default value ${qtext(df)} is greater than max value ${qtext(mx)}`));
    if (ratio && milliValue(ratio) < 1000) errs.push(field.invalid(at.child('maxLimitRequestRatio').key(k), bare(ratio), `ratio ${qtext(ratio)} is less than 1`));
    if (ratio && mn && mx) {
      const limitRatio = milliValue(mx) / milliValue(mn);
      if (milliValue(ratio) / 1000 > limitRatio) {
        errs.push(field.invalid(at.child('maxLimitRequestRatio').key(k), bare(ratio), `ratio ${qtext(ratio)} is greater than max/min = ${limitRatio.toFixed(6)}`));
      }
    }
    if (!isOvercommitAllowed(k) && df && dr && compareQuantities(df, dr) !== 0) {
      errs.push(field.invalid(at.child('defaultRequest').key(k), bare(dr), `default value ${qtext(df)} must equal to defaultRequest value ${qtext(dr)} in ${k}`));
    }
  }
  return errs;
}

const highestUserDefinablePriority = 1_000_000_000;
const systemPriorityClasses: Record<string, number> = { 'system-cluster-critical': 2_000_000_000, 'system-node-critical': 2_000_001_000 };

export function validatePriorityClass(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, false, nameIsDNSSubdomain);
  const name: string = obj.metadata?.name ?? '';
  const value = obj.value ?? 0;
  if (name.startsWith('system-')) {
    const known = systemPriorityClasses[name];
    const problem = known === undefined ? `${name} is not a known system priority class` : known !== value ? `value of ${name} PriorityClass must be ${known}` : '';
    if (problem) {
      errs.push(field.forbidden(path('metadata', 'name'), `priority class names with 'system-' prefix are reserved for system use only. error: ${problem}`));
    }
  } else if (value > highestUserDefinablePriority) {
    errs.push(field.forbidden(path('value'), `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
  }
  const policy = obj.preemptionPolicy;
  if (policy !== undefined && policy !== null) {
    if (!policy) errs.push(field.required(path('preemptionPolicy')));
    else if (policy !== 'PreemptLowerPriority' && policy !== 'Never') errs.push(field.notSupported(path('preemptionPolicy'), policy, ['PreemptLowerPriority', 'Never']));
  }
  if (old) {
    if (value !== (old.value ?? 0)) errs.push(field.forbidden(path('value'), 'may not be changed in an update.'));
    errs.push(...immutable(obj.preemptionPolicy, old.preemptionPolicy, path('preemptionPolicy')));
  }
  return errs;
}

export function validateControllerRevision(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  if (obj.data === undefined || obj.data === null) errs.push(field.required(path('data'), 'data is mandatory'));
  errs.push(...nonNegative(obj.revision, path('revision')));
  if (old) errs.push(...immutable(obj.data, old.data, path('data'), goLiteral('runtime.RawExtension{...}')));
  return errs;
}

/** Kinds with nothing to check beyond their metadata (Endpoints, slices, events, leases, accounts). */
export function metadataOnly(namespaced: boolean) {
  return (obj: any, old?: any): FieldCause[] => validateMeta(obj, old, namespaced, nameIsDNSSubdomain);
}
