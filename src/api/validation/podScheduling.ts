// The scheduling parts of a pod spec: tolerations, node and pod affinity, topology spread.
import type { FieldCause } from '../errors.js';
import { validateLabelValue } from '../labels.js';
import { field, type Path } from './fieldPath.js';
import { validateLabelName, validateLabelSelector } from './meta.js';
import { nameIsDNSLabel } from './names.js';

const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, at: Path): FieldCause[] {
  if (!effect) return allowEmpty ? [] : [field.required(at)];
  return taintEffects.includes(effect) ? [] : [field.notSupported(at, effect, taintEffects)];
}

export function validateTolerations(tolerations: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = at.index(i);
    if (t.key) errs.push(...validateLabelName(t.key, p.child('key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(field.invalid(p.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(field.invalid(p.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = validateLabelValue(t.value ?? '');
        if (msgs.length) errs.push(field.invalid(p.child('operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(field.invalid(p.child('operator'), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(field.notSupported(p.child('operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect) errs.push(...validateTaintEffect(t.effect, true, p.child('effect')));
  });
  return errs;
}

function validateNodeSelectorRequirement(req: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const values: unknown[] = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (!values.length) errs.push(field.required(at.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length) errs.push(field.forbidden(at.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(field.required(at.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(field.invalid(at.child('operator'), req.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(req.key ?? '', at.child('key')));
  values.forEach((v, i) => {
    for (const msg of validateLabelValue(String(v))) errs.push(field.invalid(at.child('values').index(i), v, msg));
  });
  return errs;
}

function validateNodeSelectorTerm(term: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  (term?.matchExpressions ?? []).forEach((req: any, i: number) =>
    errs.push(...validateNodeSelectorRequirement(req, at.child('matchExpressions').index(i))),
  );
  (term?.matchFields ?? []).forEach((req: any, i: number) => {
    const p = at.child('matchFields').index(i);
    if (req.operator !== 'In' && req.operator !== 'NotIn') errs.push(field.invalid(p.child('operator'), req.operator ?? '', 'not a valid selector operator'));
    else if ((req.values ?? []).length !== 1) {
      errs.push(field.required(p.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
    if (req.key !== 'metadata.name') errs.push(field.invalid(p.child('key'), req.key ?? '', 'not a valid field selector key'));
  });
  return errs;
}

function validatePodAffinityTerm(term: any, at: Path): FieldCause[] {
  const errs = [...validateLabelSelector(term.labelSelector, at.child('labelSelector')), ...validateLabelSelector(term.namespaceSelector, at.child('namespaceSelector'))];
  for (const ns of term.namespaces ?? []) for (const msg of nameIsDNSLabel(ns, false)) errs.push(field.invalid(at.child('namespace'), ns, msg));
  if (!term.topologyKey) errs.push(field.required(at.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', at.child('topologyKey')));
  return errs;
}

function validateWeight(weight: unknown, at: Path): FieldCause[] {
  return typeof weight === 'number' && weight >= 1 && weight <= 100 ? [] : [field.invalid(at, weight ?? 0, 'must be in the range 1-100')];
}

function validatePodAffinityGroup(group: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  (group?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) =>
    errs.push(...validatePodAffinityTerm(t, at.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))),
  );
  (group?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) => {
    const p = at.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    errs.push(...validateWeight(t.weight, p.child('weight')));
    errs.push(...validatePodAffinityTerm(t.podAffinityTerm ?? {}, p.child('podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(affinity: any, at: Path): FieldCause[] {
  if (!affinity) return [];
  const errs: FieldCause[] = [];
  const na = affinity.nodeAffinity;
  if (na?.requiredDuringSchedulingIgnoredDuringExecution) {
    const p = at.child('nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
    const terms: any[] = na.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms ?? [];
    if (!terms.length) errs.push(field.required(p, 'must have at least one node selector term'));
    terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, p.index(i))));
  }
  (na?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) => {
    const p = at.child('nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution').index(i);
    errs.push(...validateWeight(t.weight, p.child('weight')));
    errs.push(...validateNodeSelectorTerm(t.preference, p.child('preference')));
  });
  if (affinity.podAffinity) errs.push(...validatePodAffinityGroup(affinity.podAffinity, at.child('podAffinity')));
  if (affinity.podAntiAffinity) errs.push(...validatePodAffinityGroup(affinity.podAntiAffinity, at.child('podAntiAffinity')));
  return errs;
}

const scheduleActions = ['DoNotSchedule', 'ScheduleAnyway'];

export function validateTopologySpreadConstraints(constraints: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const p = at.index(i);
    if (!(typeof c.maxSkew === 'number' && c.maxSkew > 0)) errs.push(field.invalid(p.child('maxSkew'), c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(field.required(p.child('topologyKey'), 'can not be empty'));
    if (!scheduleActions.includes(c.whenUnsatisfiable)) errs.push(field.notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable ?? '', scheduleActions));
    const repeated = list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (repeated) errs.push(field.duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(field.invalid(p.child('minDomains'), c.minDomains, 'must be greater than 0'));
      else if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(field.invalid(p.child('minDomains'), c.minDomains, 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway'));
      }
    }
    if (c.labelSelector) errs.push(...validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  });
  return errs;
}
