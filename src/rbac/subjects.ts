// Who is asking, and whether a binding's subject names them. Service accounts authenticate as
// `system:serviceaccount:<ns>:<name>` with groups `system:serviceaccounts` and
// `system:serviceaccounts:<ns>`; every authenticated user is in `system:authenticated`.
import type { rbac } from '../api/types.js';

export type Subject = rbac.Subject;

export interface UserIdentity {
  user: string;
  groups?: string[];
}

const SA_PREFIX = 'system:serviceaccount:';
export const ANONYMOUS = 'system:anonymous';
export const MASTERS_GROUP = 'system:masters';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** `{namespace, name}` for a service account's username, else undefined. */
export function parseServiceAccountUsername(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const rest = user.slice(SA_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  return { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

/** The groups an authenticator would attach, added to what the caller passed. */
export function effectiveGroups(identity: UserIdentity): string[] {
  const groups = new Set(identity.groups ?? []);
  const sa = parseServiceAccountUsername(identity.user);
  if (sa) {
    groups.add('system:serviceaccounts');
    groups.add(`system:serviceaccounts:${sa.namespace}`);
  }
  groups.add(identity.user === ANONYMOUS ? 'system:unauthenticated' : 'system:authenticated');
  return [...groups];
}

/** appliesToUser: a ServiceAccount subject without a namespace means the binding's own namespace. */
export function subjectApplies(subject: Subject, user: string, groups: readonly string[], bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user;
    case 'Group':
      return groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return !!ns && user === serviceAccountUsername(ns, subject.name);
    }
    default:
      return false;
  }
}

/** `User "jane"`, `Group "devs"`, `ServiceAccount "default/builder"`. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') return `ServiceAccount "${subject.namespace || bindingNamespace}/${subject.name}"`;
  return `${subject.kind} "${subject.name}"`;
}
