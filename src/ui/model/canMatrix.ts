// `:can SUBJECT`: what an RBAC subject may do, resource by resource and verb by verb, with the
// authorizer's reason for each answer (the binding and rule that allowed it, or what it looked at).
// Subjects are written as k9s does: `u:jane` (or just `jane`), `g:developers`, `s:NAMESPACE:NAME`.
import { KINDS } from '../../api/kinds.js';
import { authorize, type AuthorizationDecision } from '../../rbac/authorizer.js';
import { serviceAccountUsername } from '../../rbac/subjects.js';
import type { Store } from '../../store/store.js';

export const CAN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;

export interface CanSubject {
  user: string;
  groups: string[];
  /** `User "jane"`, `Group "developers"`, `ServiceAccount "default/builder"`. */
  label: string;
}

export function parseSubject(text: string): CanSubject | { error: string } {
  const t = text.trim();
  const [prefix, ...rest] = t.split(':');
  if (prefix === 'g' && rest.length) {
    const group = rest.join(':');
    // A group is asked about through a member who is in that group and no other.
    return { user: `member-of:${group}`, groups: [group], label: `Group "${group}"` };
  }
  if (prefix === 's' && rest.length === 2 && rest[0] && rest[1]) {
    return { user: serviceAccountUsername(rest[0], rest[1]), groups: [], label: `ServiceAccount "${rest[0]}/${rest[1]}"` };
  }
  if (prefix === 's') return { error: 'a service account is s:NAMESPACE:NAME, e.g. :can s:default:builder' };
  const user = prefix === 'u' && rest.length ? rest.join(':') : t;
  if (!user) return { error: 'usage: :can SUBJECT (jane, u:jane, g:developers, s:default:builder)' };
  return { user, groups: [], label: `User "${user}"` };
}

export interface CanRow {
  /** `deployments`, `ingresses` (the plural, as RBAC rules name it). */
  resource: string;
  group: string;
  namespaced: boolean;
  decisions: AuthorizationDecision[];
}

/** Every kind's verbs for the subject: in `namespace` for namespaced kinds (cluster-wide when undefined). */
export function canMatrix(store: Store, subject: CanSubject, namespace: string | undefined, filter?: RegExp): CanRow[] {
  const rows: CanRow[] = [];
  const kinds = [...KINDS].sort((a, b) => a.plural.localeCompare(b.plural));
  for (const k of kinds) {
    if (filter && !filter.test(`${k.plural} ${k.group}`)) continue;
    const ns = k.namespaced ? namespace : undefined;
    rows.push({
      resource: k.plural,
      group: k.group,
      namespaced: k.namespaced,
      decisions: CAN_VERBS.map((verb) => authorize(store, { user: subject.user, groups: subject.groups, verb, resource: k.plural, apiGroup: k.group, namespace: ns })),
    });
  }
  return rows;
}

const VERBS_SLOT = '\u0000';

/**
 * The row's answers grouped by reason: `get list watch` → `allowed by ...`. A denial names the verb
 * it was asked about (`no rule allows create pods ...`), so denials that differ only there are one
 * group whose text names all of its verbs.
 */
export function reasonsOf(row: CanRow): Array<{ verbs: string[]; allowed: boolean; reason: string }> {
  const groups: Array<{ verbs: string[]; allowed: boolean; template: string }> = [];
  row.decisions.forEach((d, i) => {
    const verb = CAN_VERBS[i];
    const template = d.reason.replace(` ${verb} ${row.resource}`, ` ${VERBS_SLOT} ${row.resource}`);
    const same = groups.find((g) => g.template === template && g.allowed === d.allowed);
    if (same) same.verbs.push(verb);
    else groups.push({ verbs: [verb], allowed: d.allowed, template });
  });
  return groups.map((g) => ({ verbs: g.verbs, allowed: g.allowed, reason: g.template.replace(VERBS_SLOT, g.verbs.join('/')) }));
}
