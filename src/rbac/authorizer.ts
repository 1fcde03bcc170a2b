// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is allowed if any rule of any role
// bound to the user, one of their groups or their service account allows it. ClusterRoleBindings are
// consulted first, then the RoleBindings of the request's namespace. Members of `system:masters` are
// allowed everything before RBAC is asked, as kube-apiserver's privileged-group authorizer does.
import type { KObject } from '../api/object.js';
import type { Store } from '../store/store.js';
import { describeRule, isResourceRequest, ruleAllows, type AccessAttributes, type PolicyRule } from './policyRules.js';
import { resolveRole, rulesOfRole } from './roleRules.js';
import { describeSubject, effectiveGroups, MASTERS_GROUP, subjectApplies, type Subject } from './subjects.js';

export interface AuthorizationRequest extends AccessAttributes {
  user: string;
  groups?: string[];
  namespace?: string;
}

export interface ObjectName {
  kind: string;
  namespace?: string;
  name: string;
}

export interface GrantingRule {
  binding: ObjectName;
  role: ObjectName;
  rule: PolicyRule;
  /** The binding subject that names the user (directly, by group or as a service account). */
  subject: Subject;
}

export interface AuthorizationDecision {
  allowed: boolean;
  /** One sentence: the rule that granted it, or what was looked at and found wanting. */
  reason: string;
  rule?: GrantingRule;
}

/** A binding that names the user, with the rules of the role it grants. */
export interface ApplicableBinding {
  binding: KObject;
  subject: Subject;
  role: ObjectName;
  /** Undefined when the role does not exist. */
  rules?: PolicyRule[];
}

function byName(a: KObject, b: KObject): number {
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/** ClusterRoleBindings, then (with a namespace) that namespace's RoleBindings, that apply to the user. */
export function applicableBindings(store: Store, user: string, groups: readonly string[], namespace?: string): ApplicableBinding[] {
  const out: ApplicableBinding[] = [];
  const consider = (binding: KObject, bindingNamespace: string) => {
    const subject = ((binding.subjects ?? []) as Subject[]).find((s) => subjectApplies(s, user, groups, bindingNamespace));
    if (!subject) return;
    const ref = binding.roleRef ?? { kind: '', name: '' };
    const roleNamespace = ref.kind === 'Role' ? bindingNamespace : undefined;
    const role = resolveRole(store, ref, bindingNamespace);
    out.push({
      binding,
      subject,
      role: { kind: ref.kind, namespace: roleNamespace, name: ref.name },
      rules: role ? rulesOfRole(store, role) : undefined,
    });
  };
  for (const crb of store.list('ClusterRoleBinding').sort(byName)) consider(crb, '');
  if (namespace) for (const rb of store.list('RoleBinding', { namespace }).sort(byName)) consider(rb, namespace);
  return out;
}

export function describeBinding(binding: KObject): string {
  return binding.kind === 'RoleBinding' ? `RoleBinding "${binding.metadata.namespace}/${binding.metadata.name}"` : `ClusterRoleBinding "${binding.metadata.name}"`;
}

function nameOf(obj: KObject): ObjectName {
  return obj.metadata.namespace
    ? { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name! }
    : { kind: obj.kind, name: obj.metadata.name! };
}

/** `delete pods "web-0" in namespace "default"`, `list nodes at the cluster scope`, `get path "/healthz"`. */
export function describeRequest(req: AuthorizationRequest): string {
  if (!isResourceRequest(req)) return `${req.verb} path "${req.path ?? ''}"`;
  const resource = req.subresource ? `${req.resource}/${req.subresource}` : req.resource!;
  const qualified = req.apiGroup ? `${resource}.${req.apiGroup}` : resource;
  const named = req.name ? ` "${req.name}"` : '';
  const scope = req.namespace ? `in namespace "${req.namespace}"` : 'at the cluster scope';
  return `${req.verb} ${qualified}${named} ${scope}`;
}

export function authorize(store: Store, req: AuthorizationRequest): AuthorizationDecision {
  const groups = effectiveGroups({ user: req.user, groups: req.groups });
  if (groups.includes(MASTERS_GROUP)) {
    return { allowed: true, reason: `allowed: User "${req.user}" is in group "${MASTERS_GROUP}", which the API server lets do anything` };
  }
  const bindings = applicableBindings(store, req.user, groups, req.namespace);
  for (const b of bindings) {
    for (const rule of b.rules ?? []) {
      if (!ruleAllows(req, rule)) continue;
      return {
        allowed: true,
        reason: `allowed by ${describeBinding(b.binding)} of ${b.role.kind} "${b.role.name}": rule ${describeRule(rule)}`,
        rule: { binding: nameOf(b.binding), role: b.role, rule, subject: b.subject },
      };
    }
  }
  return { allowed: false, reason: denialReason(req, groups, bindings) };
}

function denialReason(req: AuthorizationRequest, groups: string[], bindings: ApplicableBinding[]): string {
  const who = `User "${req.user}"`;
  const what = describeRequest(req);
  const where = req.namespace ? `no ClusterRoleBinding, nor RoleBinding in namespace "${req.namespace}",` : 'no ClusterRoleBinding';
  if (!bindings.length) return `denied: ${where} names ${who} or one of its groups (${groups.join(', ')}), so nothing allows ${what}`;
  const looked = bindings.map((b) => {
    const missing = b.rules === undefined ? ` (${b.role.kind} "${b.role.name}" not found)` : '';
    return `${describeBinding(b.binding)} of ${b.role.kind} "${b.role.name}" to ${describeSubject(b.subject, b.binding.metadata.namespace ?? '')}${missing}`;
  });
  return `denied: no rule allows ${what}; ${who} is bound by ${looked.join(', ')}`;
}

/**
 * The apiserver's 403 text: `pods "web-0" is forbidden: User "jane" cannot get resource "pods" in
 * API group "" in the namespace "default"` (or `... at the cluster scope`, or `forbidden: User "jane"
 * cannot get path "/metrics"` for non-resource URLs).
 */
export function forbiddenMessage(req: AuthorizationRequest): string {
  if (!isResourceRequest(req)) return `forbidden: User "${req.user}" cannot ${req.verb} path "${req.path ?? ''}"`;
  const resource = req.subresource ? `${req.resource}/${req.subresource}` : req.resource!;
  const group = req.apiGroup ?? '';
  const scope = req.namespace ? `in the namespace "${req.namespace}"` : 'at the cluster scope';
  const why = `User "${req.user}" cannot ${req.verb} resource "${resource}" in API group "${group}" ${scope}`;
  const qualified = group ? `${req.resource}.${group}` : req.resource!;
  return req.name ? `${qualified} "${req.name}" is forbidden: ${why}` : `${qualified} is forbidden: ${why}`;
}
