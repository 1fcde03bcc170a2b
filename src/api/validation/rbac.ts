// Roles, ClusterRoles and their bindings (pkg/apis/rbac/validation).
import type { FieldCause } from '../errors.js';
import { field, path, type Path } from './fieldPath.js';
import { goLiteral, goQuote, goStringSlice } from './goFormat.js';
import { validateLabelSelector, validateMeta } from './meta.js';
import { nameIsDNSSubdomain, pathSegmentName } from './names.js';

const rbacGroup = 'rbac.authorization.k8s.io';

function validatePolicyRule(rule: any, namespaced: boolean, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!rule.verbs?.length) errs.push(field.required(at.child('verbs'), 'verbs must contain at least one value'));
  const urls: string[] = rule.nonResourceURLs ?? [];
  if (urls.length) {
    const shown = goLiteral(goStringSlice(urls));
    if (namespaced) errs.push(field.invalid(at.child('nonResourceURLs'), shown, 'namespaced rules cannot apply to non-resource URLs'));
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errs.push(field.invalid(at.child('nonResourceURLs'), shown, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!rule.apiGroups?.length) errs.push(field.required(at.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (!rule.resources?.length) errs.push(field.required(at.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(rules: any[] | undefined, namespaced: boolean): FieldCause[] {
  const errs: FieldCause[] = [];
  (rules ?? []).forEach((r, i) => errs.push(...validatePolicyRule(r, namespaced, path('rules').index(i))));
  return errs;
}

export function validateRole(obj: any, old?: any): FieldCause[] {
  return [...validateMeta(obj, old, true, pathSegmentName), ...validateRules(obj.rules, true)];
}

export function validateClusterRole(obj: any, old?: any): FieldCause[] {
  const errs = [...validateMeta(obj, old, false, pathSegmentName), ...validateRules(obj.rules, false)];
  const selectors: any[] = obj.aggregationRule?.clusterRoleSelectors ?? [];
  if (obj.aggregationRule) {
    if (!selectors.length) errs.push(field.required(path('aggregationRule', 'clusterRoleSelectors'), 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((s, i) => errs.push(...validateLabelSelector(s, path('aggregationRule', 'clusterRoleSelectors').index(i))));
  }
  return errs;
}

function validateSubject(subject: any, namespaced: boolean, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!subject.name) errs.push(field.required(at.child('name')));
  switch (subject.kind) {
    case 'ServiceAccount':
      if (subject.name) for (const msg of nameIsDNSSubdomain(subject.name, false)) errs.push(field.invalid(at.child('name'), subject.name, msg));
      if (subject.apiGroup) errs.push(field.notSupported(at.child('apiGroup'), subject.apiGroup, ['']));
      if (!namespaced && !subject.namespace) errs.push(field.required(at.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (subject.apiGroup !== rbacGroup) errs.push(field.notSupported(at.child('apiGroup'), subject.apiGroup ?? '', [rbacGroup]));
      break;
    default:
      errs.push(field.notSupported(at.child('kind'), subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function roleRefText(ref: any): string {
  return `rbac.RoleRef{APIGroup:${goQuote(ref?.apiGroup ?? '')}, Kind:${goQuote(ref?.kind ?? '')}, Name:${goQuote(ref?.name ?? '')}}`;
}

function validateBinding(obj: any, old: any, namespaced: boolean): FieldCause[] {
  const errs = validateMeta(obj, old, namespaced, pathSegmentName);
  const ref = obj.roleRef ?? {};
  if (ref.apiGroup !== rbacGroup) errs.push(field.notSupported(path('roleRef', 'apiGroup'), ref.apiGroup ?? '', [rbacGroup]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(field.notSupported(path('roleRef', 'kind'), ref.kind ?? '', kinds));
  if (!ref.name) errs.push(field.required(path('roleRef', 'name')));
  else for (const msg of pathSegmentName(ref.name, false)) errs.push(field.invalid(path('roleRef', 'name'), ref.name, msg));
  (obj.subjects ?? []).forEach((s: any, i: number) => errs.push(...validateSubject(s, namespaced, path('subjects').index(i))));
  // A binding's role is fixed: to point at another role, delete and recreate the binding.
  if (old) {
    const before = old.roleRef ?? {};
    if (before.apiGroup !== ref.apiGroup || before.kind !== ref.kind || before.name !== ref.name) {
      errs.push(field.invalid(path('roleRef'), goLiteral(roleRefText(ref)), 'cannot change roleRef'));
    }
  }
  return errs;
}

export const validateRoleBinding = (obj: any, old?: any): FieldCause[] => validateBinding(obj, old, true);
export const validateClusterRoleBinding = (obj: any, old?: any): FieldCause[] => validateBinding(obj, old, false);
