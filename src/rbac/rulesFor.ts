// What a subject may do in a namespace: every rule of every role bound to it (a
// SelfSubjectRulesReview), and the table `kubectl auth can-i --list` prints from it.
import type { Store } from '../store/store.js';
import { applicableBindings, describeBinding, type ObjectName } from './authorizer.js';
import type { PolicyRule } from './policyRules.js';
import { effectiveGroups, type UserIdentity } from './subjects.js';

export interface GrantedRule {
  rule: PolicyRule;
  /** `RoleBinding "default/read-pods"`. */
  binding: string;
  role: ObjectName;
}

export function rulesFor(store: Store, subject: UserIdentity, namespace?: string): GrantedRule[] {
  const groups = effectiveGroups(subject);
  const out: GrantedRule[] = [];
  for (const b of applicableBindings(store, subject.user, groups, namespace)) {
    for (const rule of b.rules ?? []) out.push({ rule, binding: describeBinding(b.binding), role: b.role });
  }
  return out;
}

export interface CanIRow {
  resources: string; // `deployments.apps`, `pods/log`, `*.*`
  nonResourceURLs: string; // `[/healthz]`
  resourceNames: string; // `[web-0]`
  verbs: string; // `[get list watch]`
}

/** One rule per group × resource (× name) and per URL: kubectl's BreakdownRule. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      if (rule.resourceNames?.length) {
        for (const name of rule.resourceNames) out.push({ verbs: rule.verbs, apiGroups: [group], resources: [resource], resourceNames: [name] });
      } else {
        out.push({ verbs: rule.verbs, apiGroups: [group], resources: [resource] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) out.push({ verbs: rule.verbs, nonResourceURLs: [url] });
  return out;
}

/** Resource rules that differ only in verbs become one (CompactRules). */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const merged = new Map<string, PolicyRule>();
  const out: PolicyRule[] = [];
  for (const rule of rules) {
    if (rule.nonResourceURLs?.length) {
      out.push(rule);
      continue;
    }
    const key = `${rule.apiGroups![0]}\0${rule.resources![0]}\0${rule.resourceNames?.[0] ?? ''}`;
    const existing = merged.get(key);
    if (existing) {
      for (const v of rule.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else {
      const copy = { ...rule, verbs: [...rule.verbs] };
      merged.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

const list = (items: readonly string[] | undefined) => `[${(items ?? []).join(' ')}]`;

/** The PolicyRule's Go String(), which kubectl sorts the rows by (so verbs lead the order). */
function sortKey(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${list(r.verbs)},APIGroups:${list(r.apiGroups)},Resources:${list(r.resources)},ResourceNames:${list(r.resourceNames)},NonResourceURLs:${list(r.nonResourceURLs)},}`;
}

/** `pods/log` in group `` → `pods/log`; `deployments` in `apps` → `deployments.apps` (CombineResourceGroup). */
function combineResourceGroup(resources: readonly string[] | undefined, groups: readonly string[] | undefined): string {
  if (!resources?.length) return '';
  const [base, sub] = resources[0].split('/', 2);
  let out = base;
  if (groups?.length && groups[0] !== '') out += `.${groups[0]}`;
  if (sub !== undefined) out += `/${sub}`;
  return out;
}

/** The rows of `kubectl auth can-i --list`: broken down, compacted and sorted as kubectl does. */
export function canIListRows(granted: readonly GrantedRule[]): CanIRow[] {
  const rules = compact(granted.flatMap((g) => breakdown(g.rule)));
  const keyed = rules.map((r) => ({ r, key: sortKey(r) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ r }) => ({
    resources: combineResourceGroup(r.resources, r.apiGroups),
    nonResourceURLs: list(r.nonResourceURLs),
    resourceNames: list(r.resourceNames),
    verbs: list(r.verbs),
  }));
}
