// HorizontalPodAutoscalers, autoscaling/v2 (pkg/apis/autoscaling/validation).
import type { FieldCause } from '../errors.js';
import type { Quantity } from '../quantity.js';
import { field, path, type Path } from './fieldPath.js';
import { goLiteral } from './goFormat.js';
import { validateLabelSelector, validateMeta } from './meta.js';
import { isValidPathSegmentName, nameIsDNSSubdomain } from './names.js';
import { qtext, readQuantity, validateContainerResourceName } from './quantities.js';

const metricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const sourceField: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
};
const maxPeriodSeconds = 1800;
const maxStabilizationWindowSeconds = 3600;

function validateRef(ref: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  for (const key of ['kind', 'name']) {
    const v = ref?.[key];
    if (!v) errs.push(field.required(at.child(key)));
    else for (const msg of isValidPathSegmentName(v)) errs.push(field.invalid(at.child(key), v, msg));
  }
  return errs;
}

/** A positive quantity, printed bare as Go prints a *Quantity. */
function positiveQuantity(raw: unknown, at: Path, errs: FieldCause[]): Quantity | undefined {
  const q = readQuantity(raw, at, errs);
  if (q && q.nanos <= 0n) errs.push(field.invalid(at, goLiteral(qtext(q)), 'must be positive'));
  return q;
}

function validateMetricTarget(t: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!t?.type) errs.push(field.required(at.child('type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(t?.type)) errs.push(field.invalid(at.child('type'), t?.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  if (t?.value !== undefined && t?.value !== null) positiveQuantity(t.value, at.child('value'), errs);
  if (t?.averageValue !== undefined && t?.averageValue !== null) positiveQuantity(t.averageValue, at.child('averageValue'), errs);
  if (typeof t?.averageUtilization === 'number' && t.averageUtilization < 1) {
    errs.push(field.invalid(at.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetricIdentifier(metric: any, at: Path): FieldCause[] {
  if (!metric?.name) return [field.required(at.child('name'), 'must specify a metric name')];
  return metric.selector ? validateLabelSelector(metric.selector, at.child('selector')) : [];
}

function validateSource(kind: string, src: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const target = src.target ?? {};
  const tp = at.child('target');
  if (kind === 'resource' || kind === 'containerResource') {
    if (!src.name) errs.push(field.required(at.child('name'), 'must specify a resource name'));
    else errs.push(...validateContainerResourceName(src.name, at.child('name')));
    if (kind === 'containerResource' && !src.container) errs.push(field.required(at.child('container'), 'must specify a container'));
    errs.push(...validateMetricTarget(target, tp));
    const hasUtil = target.averageUtilization !== undefined && target.averageUtilization !== null;
    const hasAvg = target.averageValue !== undefined && target.averageValue !== null;
    if (!hasUtil && !hasAvg) errs.push(field.required(tp.child('averageUtilization'), 'must set either a target raw value or a target utilization'));
    if (hasUtil && hasAvg) errs.push(field.forbidden(tp.child('averageValue'), 'may not set both a target raw value and a target utilization'));
    return errs;
  }
  errs.push(...validateMetricIdentifier(src.metric, at.child('metric')));
  errs.push(...validateMetricTarget(target, tp));
  if (kind === 'pods') {
    if (target.averageValue === undefined || target.averageValue === null) {
      errs.push(field.required(tp.child('averageValue'), 'must specify a positive target averageValue'));
    }
  } else {
    if (kind === 'object') errs.push(...validateRef(src.describedObject, at.child('describedObject')));
    const hasValue = target.value !== undefined && target.value !== null;
    const hasAvg = target.averageValue !== undefined && target.averageValue !== null;
    if (!hasValue && !hasAvg) errs.push(field.required(tp.child('averageValue'), 'must set either a target value or averageValue'));
  }
  return errs;
}

function validateMetricSpec(spec: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!spec.type) errs.push(field.required(at.child('type'), 'must specify a metric source type'));
  if (!metricSourceTypes.includes(spec.type)) errs.push(field.notSupported(at.child('type'), spec.type ?? '', metricSourceTypes));
  const present = Object.values(sourceField).filter((k) => spec[k]);
  if (present.length) errs.push(...validateSource(present[0]!, spec[present[0]!], at.child(present[0]!)));
  const expected = sourceField[spec.type];
  if (expected && !spec[expected]) errs.push(field.required(at.child(expected), 'must populate information for the given metric source'));
  if (present.length !== 1) for (const k of present.filter((k) => k !== expected)) errs.push(field.forbidden(at.child(k), 'must populate the given metric source only'));
  return errs;
}

function validateScalingRules(rules: any, at: Path): FieldCause[] {
  if (!rules) return [];
  const errs: FieldCause[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === 'number') {
    if (window < 0) errs.push(field.invalid(at.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
    if (window > maxStabilizationWindowSeconds) {
      errs.push(field.invalid(at.child('stabilizationWindowSeconds'), window, `must be less than or equal to ${maxStabilizationWindowSeconds}`));
    }
  }
  if (rules.selectPolicy !== undefined && rules.selectPolicy !== null && !['Disabled', 'Max', 'Min'].includes(rules.selectPolicy)) {
    errs.push(field.notSupported(at.child('selectPolicy'), rules.selectPolicy, ['Disabled', 'Max', 'Min']));
  }
  const policies: any[] = rules.policies ?? [];
  if (!policies.length) errs.push(field.required(at.child('policies'), 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pp = at.child('policies').index(i);
    if (p.type !== 'Pods' && p.type !== 'Percent') errs.push(field.notSupported(pp.child('type'), p.type ?? '', ['Percent', 'Pods']));
    if (!(p.value > 0)) errs.push(field.invalid(pp.child('value'), p.value ?? 0, 'must be greater than zero'));
    if (!(p.periodSeconds > 0)) errs.push(field.invalid(pp.child('periodSeconds'), p.periodSeconds ?? 0, 'must be greater than zero'));
    if (p.periodSeconds > maxPeriodSeconds) errs.push(field.invalid(pp.child('periodSeconds'), p.periodSeconds, `must be less than or equal to ${maxPeriodSeconds}`));
  });
  return errs;
}

function validateSpec(spec: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const min = spec.minReplicas;
  if (typeof min === 'number' && min < 1) errs.push(field.invalid(at.child('minReplicas'), min, 'must be greater than or equal to 1'));
  const max = spec.maxReplicas ?? 0;
  if (max < 1) errs.push(field.invalid(at.child('maxReplicas'), max, 'must be greater than 0'));
  if (typeof min === 'number' && max < min) errs.push(field.invalid(at.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateRef(spec.scaleTargetRef, at.child('scaleTargetRef')));
  (spec.metrics ?? []).forEach((m: any, i: number) => errs.push(...validateMetricSpec(m, at.child('metrics').index(i))));
  if (spec.behavior) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, at.child('behavior', 'scaleUp')));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, at.child('behavior', 'scaleDown')));
  }
  return errs;
}

export function validateHorizontalPodAutoscaler(obj: any, old?: any): FieldCause[] {
  return [...validateMeta(obj, old, true, nameIsDNSSubdomain), ...validateSpec(obj.spec ?? {}, path('spec'))];
}
