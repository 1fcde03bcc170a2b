// PolicyRule matching as the RBAC authorizer does it (pkg/apis/rbac/v1/evaluation_helpers.go): verbs,
// API groups, resources (with `*`, `pods/log`, `*/scale`), resource names and non-resource URLs.
import type { rbac } from '../api/types.js';

export type PolicyRule = rbac.PolicyRule;

/** What is asked: a verb on a resource (or a non-resource URL path). */
export interface AccessAttributes {
  verb: string;
  /** Plural resource name: `pods`, `deployments`. Absent for non-resource requests. */
  resource?: string;
  subresource?: string;
  /** `''` for the core group. */
  apiGroup?: string;
  name?: string;
  /** Non-resource URL such as `/healthz`. */
  path?: string;
}

export function isResourceRequest(a: AccessAttributes): boolean {
  return a.resource !== undefined && a.resource !== '';
}

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

function resourceMatches(rule: PolicyRule, combined: string, subresource: string | undefined): boolean {
  return (rule.resources ?? []).some((r) => {
    if (r === '*' || r === combined) return true;
    // `*/scale` grants that subresource of every resource.
    return !!subresource && r.startsWith('*/') && combined.endsWith(r.slice(1));
  });
}

function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  if (!rule.resourceNames?.length) return true;
  return !!name && rule.resourceNames.includes(name);
}

function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

export function ruleAllows(a: AccessAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, a.verb)) return false;
  if (!isResourceRequest(a)) return nonResourceURLMatches(rule, a.path ?? '');
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
  return apiGroupMatches(rule, a.apiGroup ?? '') && resourceMatches(rule, combined, a.subresource) && resourceNameMatches(rule, a.name);
}

/** `{verbs: [get list watch], resources: [pods]}` — the core group is left implicit. */
export function describeRule(rule: PolicyRule): string {
  const parts = [`verbs: [${rule.verbs.join(' ')}]`];
  const groups = rule.apiGroups ?? [];
  if (groups.length && !(groups.length === 1 && groups[0] === '')) parts.push(`apiGroups: [${groups.map((g) => g || '""').join(' ')}]`);
  if (rule.resources?.length) parts.push(`resources: [${rule.resources.join(' ')}]`);
  if (rule.resourceNames?.length) parts.push(`resourceNames: [${rule.resourceNames.join(' ')}]`);
  if (rule.nonResourceURLs?.length) parts.push(`nonResourceURLs: [${rule.nonResourceURLs.join(' ')}]`);
  return `{${parts.join(', ')}}`;
}
