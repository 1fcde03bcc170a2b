// StatefulSets. As upstream, the pod template's spec is not validated here (its volumes may name
// volumeClaimTemplates); a bad template surfaces when the controller creates the pod.
import type { FieldCause } from '../errors.js';
import { deepEqual, field, nonNegative, path, type Path } from './fieldPath.js';
import { goLiteral, goQuote } from './goFormat.js';
import { validateMeta, validateTemplateMeta } from './meta.js';
import { nameIsDNSLabel } from './names.js';
import { isEmptySelector, templateLabelsMismatch, validateRequiredSelector } from './selectors.js';
import { validatePositiveIntOrPercent, isNotMoreThan100Percent } from './workloads.js';

const retentionPolicies = ['Retain', 'Delete'];

function validateUpdateStrategy(strategy: any, at: Path): FieldCause[] {
  const s = strategy ?? {};
  const ru = s.rollingUpdate;
  switch (s.type) {
    case undefined:
    case '':
      return [field.required(at)];
    case 'OnDelete':
      return ru ? [field.invalid(at.child('rollingUpdate'), goLiteral(rollingUpdateText(ru)), "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate': {
      if (!ru) return [];
      const p = at.child('rollingUpdate');
      const errs = nonNegative(ru.partition, p.child('partition'));
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')));
        if (ru.maxUnavailable === 0 || ru.maxUnavailable === '0%') errs.push(field.invalid(p.child('maxUnavailable'), goLiteral(String(ru.maxUnavailable)), 'cannot be 0'));
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      }
      return errs;
    }
    default:
      return [
        field.invalid(
          at,
          goLiteral(`apps.StatefulSetUpdateStrategy{Type:${goQuote(s.type)}, RollingUpdate:${ru ? `&${rollingUpdateText(ru)}` : '(*apps.RollingUpdateStatefulSetStrategy)(nil)'}}`),
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      ];
  }
}

function rollingUpdateText(ru: any): string {
  const mu = ru.maxUnavailable === undefined || ru.maxUnavailable === null ? '(*intstr.IntOrString)(nil)' : `&${String(ru.maxUnavailable)}`;
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${mu}}`;
}

function validateStatefulSetSpec(spec: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  switch (spec.podManagementPolicy) {
    case undefined:
    case '':
      errs.push(field.required(at.child('podManagementPolicy')));
      break;
    case 'OrderedReady':
    case 'Parallel':
      break;
    default:
      errs.push(field.invalid(at.child('podManagementPolicy'), spec.podManagementPolicy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(spec.updateStrategy, at.child('updateStrategy')));
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const key of ['whenDeleted', 'whenScaled']) {
      if (!retentionPolicies.includes(retention[key])) {
        errs.push(field.notSupported(at.child('persistentVolumeClaimRetentionPolicy', key), retention[key] ?? '', retentionPolicies));
      }
    }
  }
  errs.push(...nonNegative(spec.replicas, at.child('replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, at.child('minReadySeconds')));
  if (spec.ordinals) errs.push(...nonNegative(spec.ordinals.start, at.child('ordinals.start')));
  const selector = validateRequiredSelector(spec.selector, at.child('selector'), 'statefulset', errs, '');
  const template = spec.template ?? {};
  if (selector) {
    if (!isEmptySelector(selector)) errs.push(...templateLabelsMismatch(selector, template.metadata?.labels, at.child('template', 'metadata', 'labels')));
    errs.push(...validateTemplateMeta(template.metadata, at.child('template')));
  }
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy !== 'Always') errs.push(field.notSupported(at.child('template', 'spec', 'restartPolicy'), restartPolicy ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec?.activeDeadlineSeconds !== null) {
    errs.push(field.forbidden(at.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

// The fields an update may change; everything else in the spec is fixed at creation.
const mutableSpecFields = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export function validateStatefulSet(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  // StatefulSet names become pod hostnames, so they must be DNS labels.
  const errs = validateMeta(obj, old, true, nameIsDNSLabel);
  errs.push(...validateStatefulSetSpec(spec, path('spec')));
  if (old) {
    const now = { ...spec };
    const before = { ...(old.spec ?? {}) };
    for (const key of mutableSpecFields) {
      delete now[key];
      delete before[key];
    }
    if (!deepEqual(now, before)) {
      errs.push(
        field.forbidden(
          path('spec'),
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
  }
  return errs;
}
