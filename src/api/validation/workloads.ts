// Deployments, ReplicaSets, ReplicationControllers and DaemonSets (pkg/apis/apps and core validation).
import type { FieldCause } from '../errors.js';
import { field, immutable, nonNegative, path, type Path } from './fieldPath.js';
import { goLabelSelector, goLiteral, goQuote } from './goFormat.js';
import { validateLabelSelector, validateMeta } from './meta.js';
import { isValidPercent, nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './podSpec.js';
import { compileSelector, isEmptySelector, selectorFromSet, templateLabelsMismatch, validateRequiredSelector } from './selectors.js';

// --- IntOrString fields (maxSurge, maxUnavailable) ------------------------------------------

// IntOrString is a fmt.Stringer: Go prints it bare, `25%` or `1`, never quoted.
const intOrString = (v: unknown) => goLiteral(String(v));

function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue: percents as their number, other strings as Atoi would read them. */
function intOrPercentValue(v: unknown): number {
  const pct = percentValue(v);
  if (pct !== undefined) return pct;
  if (typeof v === 'number') return v;
  return /^[+-]?\d+$/.test(String(v ?? '')) ? Number(v) : 0;
}

export function validatePositiveIntOrPercent(v: unknown, at: Path): FieldCause[] {
  if (typeof v === 'string') return isValidPercent(v).map((msg) => field.invalid(at, intOrString(v), msg));
  if (typeof v === 'number') return nonNegative(v, at);
  if (v === undefined || v === null) return [];
  return [field.invalid(at, intOrString(v), "must be an integer or percentage (e.g '5%')")];
}

export function isNotMoreThan100Percent(v: unknown, at: Path): FieldCause[] {
  const pct = percentValue(v);
  return pct !== undefined && pct > 100 ? [field.invalid(at, intOrString(v), 'must not be greater than 100%')] : [];
}

// --- pod templates of replica-managing controllers -------------------------------------------

function validateReplicaTemplate(template: any, kindName: string, at: Path): FieldCause[] {
  if (!template) return [field.required(at)];
  const errs = validatePodTemplateSpec(template, at);
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy !== 'Always') errs.push(field.notSupported(at.child('spec', 'restartPolicy'), restartPolicy ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec?.activeDeadlineSeconds !== null) {
    errs.push(field.forbidden(at.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kindName} is not Supported`));
  }
  return errs;
}

/** ValidateReplicaSetSpec's core, shared with Deployments (whose empty-selector text it borrows, as upstream does). */
function validateSelectorAndTemplate(spec: any, kindName: string, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const selector = validateRequiredSelector(spec.selector, at.child('selector'), 'deployment', errs);
  if (selector) {
    // apps/v1 templates are values, not pointers: a missing one is an empty template.
    const template = spec.template ?? {};
    if (!isEmptySelector(selector)) {
      errs.push(...templateLabelsMismatch(selector, template.metadata?.labels, at.child('template', 'metadata', 'labels')));
    }
    errs.push(...validateReplicaTemplate(template, kindName, at.child('template')));
  }
  return errs;
}

// --- Deployment ------------------------------------------------------------------------------

function validateDeploymentStrategy(strategy: any, at: Path): FieldCause[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate ? [field.forbidden(at.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [field.required(at.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      const p = at.child('rollingUpdate');
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')),
        ...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')),
      ];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(field.invalid(p.child('maxUnavailable'), intOrString(ru.maxUnavailable ?? 0), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      return errs;
    }
    default: {
      const shown = goLiteral(`apps.DeploymentStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`);
      return [field.notSupported(at, shown, ['Recreate', 'RollingUpdate'])];
    }
  }
}

function validateDeploymentSpec(spec: any, at: Path): FieldCause[] {
  const errs = [...nonNegative(spec.replicas, at.child('replicas')), ...validateSelectorAndTemplate(spec, 'ReplicaSet', at)];
  errs.push(...validateDeploymentStrategy(spec.strategy, at.child('strategy')));
  errs.push(...nonNegative(spec.minReadySeconds, at.child('minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, at.child('revisionHistoryLimit')));
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === 'number') {
    errs.push(...nonNegative(deadline, at.child('progressDeadlineSeconds')));
    if (deadline <= (spec.minReadySeconds ?? 0)) errs.push(field.invalid(at.child('progressDeadlineSeconds'), deadline, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateDeployment(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  errs.push(...validateDeploymentSpec(spec, path('spec')));
  if (old) errs.push(...selectorImmutable(spec.selector, old.spec?.selector));
  return errs;
}

/** apps/v1 forbids changing a controller's selector after creation. */
function selectorImmutable(selector: any, oldSelector: any): FieldCause[] {
  return immutable(selector, oldSelector, path('spec', 'selector'), goLiteral(goLabelSelector(selector)));
}

// --- ReplicaSet ------------------------------------------------------------------------------

export function validateReplicaSet(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  errs.push(...nonNegative(spec.replicas, path('spec', 'replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, path('spec', 'minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(spec, 'ReplicaSet', path('spec')));
  if (old) errs.push(...selectorImmutable(spec.selector, old.spec?.selector));
  return errs;
}

// --- ReplicationController (core/v1: a plain map selector, mutable) ---------------------------

export function validateReplicationController(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  const at = path('spec');
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  errs.push(...nonNegative(spec.minReadySeconds, at.child('minReadySeconds')));
  const selector = selectorFromSet(spec.selector);
  if (isEmptySelector(selector)) errs.push(field.required(at.child('selector')));
  errs.push(...nonNegative(spec.replicas, at.child('replicas')));
  if (spec.template && !isEmptySelector(selector)) {
    errs.push(...templateLabelsMismatch(selector, spec.template.metadata?.labels, at.child('template', 'metadata', 'labels')));
  }
  errs.push(...validateReplicaTemplate(spec.template, 'ReplicationController', at.child('template')));
  return errs;
}

// --- DaemonSet -------------------------------------------------------------------------------

function validateDaemonSetUpdateStrategy(strategy: any, at: Path): FieldCause[] {
  const s = strategy ?? {};
  if (s.type === 'OnDelete') return [];
  if (s.type === 'RollingUpdate') {
    const ru = s.rollingUpdate;
    if (!ru) return [field.required(at.child('rollingUpdate'))];
    const p = at.child('rollingUpdate');
    const errs = [
      ...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')),
      ...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')),
      ...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')),
      ...isNotMoreThan100Percent(ru.maxSurge, p.child('maxSurge')),
    ];
    const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
    const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
    if (hasUnavailable && hasSurge) errs.push(field.invalid(p.child('maxSurge'), intOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
    else if (!hasUnavailable && !hasSurge) errs.push(field.required(p.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
    return errs;
  }
  const shown = goLiteral(`apps.DaemonSetUpdateStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`);
  return [field.notSupported(at, shown, ['RollingUpdate', 'OnDelete'])];
}

export function validateDaemonSet(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  const at = path('spec');
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  errs.push(...validateDaemonSetSpec(spec, at));
  if (old) errs.push(...selectorImmutable(spec.selector, old.spec?.selector));
  return errs;
}

function validateDaemonSetSpec(spec: any, at: Path): FieldCause[] {
  const errs = validateLabelSelector(spec.selector, at.child('selector'));
  // Unlike the other controllers, a missing selector is not "Required": it selects nothing, so the
  // template's labels do not match it.
  const selector = compileSelector(spec.selector);
  if (selector) errs.push(...templateLabelsMismatch(selector, spec.template?.metadata?.labels, at.child('template', 'metadata', 'labels')));
  const sel = spec.selector;
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(field.invalid(at.child('selector'), goLiteral(goLabelSelector(sel)), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, at.child('template')));
  const restartPolicy = spec.template?.spec?.restartPolicy;
  if (restartPolicy !== 'Always') errs.push(field.notSupported(at.child('template', 'spec', 'restartPolicy'), restartPolicy ?? '', ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined && spec.template?.spec?.activeDeadlineSeconds !== null) {
    errs.push(field.forbidden(at.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...nonNegative(spec.minReadySeconds, at.child('minReadySeconds')));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy, at.child('updateStrategy')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, at.child('revisionHistoryLimit')));
  return errs;
}
