// Who asks and whether they may: the token's user (kubesim-admin, in system:masters) or the user it
// impersonates (`kubectl --as`, `--as-group`), every request checked by the RBAC authorizer (403
// with the apiserver's message), and the review APIs: SelfSubjectAccessReview (`kubectl auth can-i
// VERB RESOURCE`), SelfSubjectRulesReview (`kubectl auth can-i --list`) and SelfSubjectReview
// (`kubectl auth whoami`).
import type { IncomingMessage } from 'node:http';
import { authorize, forbiddenMessage, rulesFor, type AuthorizationRequest } from '../rbac/index.js';
import type { UserInfo } from '../store/admission.js';
import type { Store } from '../store/store.js';
import type { ApiRequest, ResourceRoute } from './context.js';
import { boolParam, sendJson } from './http.js';
import { HttpError } from './status.js';
import { requestBody } from './writes.js';

export async function handleReview(r: ApiRequest): Promise<void> {
  if (r.method !== 'POST') throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const body = (await requestBody(r)) as Record<string, any>;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError('BadRequest', 'the body must be a review object');
  const kind = r.route.resource.kind;
  if (body.kind && body.kind !== kind) throw new HttpError('BadRequest', `${body.kind} in version "${r.route.resource.version}" cannot be handled as a ${kind}`);
  const { username, groups } = r.user;
  const base = { kind, apiVersion: r.route.resource.groupVersion, metadata: { creationTimestamp: null } };
  switch (kind) {
    case 'SelfSubjectAccessReview': {
      const spec = body.spec ?? {};
      const res = spec.resourceAttributes;
      const nonRes = spec.nonResourceAttributes;
      if (!res && !nonRes) {
        throw new HttpError('Invalid', 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
      }
      const decision = res
        ? authorize(r.ctx.store, {
            user: username,
            groups,
            verb: res.verb ?? '',
            resource: res.resource ?? '',
            subresource: res.subresource || undefined,
            apiGroup: res.group ?? '',
            namespace: res.namespace || undefined,
            name: res.name || undefined,
          })
        : authorize(r.ctx.store, { user: username, groups, verb: nonRes.verb ?? '', path: nonRes.path ?? '' });
      // A denial by RBAC carries no reason, as on a real server; kubectl then prints just "no".
      const status = decision.allowed ? { allowed: true, reason: decision.reason } : { allowed: false };
      sendJson(r.res, 201, { ...base, spec, status });
      return;
    }
    case 'SelfSubjectRulesReview': {
      const namespace = body.spec?.namespace || undefined;
      const granted = rulesFor(r.ctx.store, { user: username, groups }, namespace);
      const resourceRules = granted
        .filter((g) => g.rule.resources?.length)
        .map((g) => ({ verbs: g.rule.verbs, apiGroups: g.rule.apiGroups ?? [], resources: g.rule.resources ?? [], ...(g.rule.resourceNames?.length ? { resourceNames: g.rule.resourceNames } : {}) }));
      const nonResourceRules = granted.filter((g) => g.rule.nonResourceURLs?.length).map((g) => ({ verbs: g.rule.verbs, nonResourceURLs: g.rule.nonResourceURLs }));
      sendJson(r.res, 201, { ...base, spec: body.spec ?? {}, status: { resourceRules, nonResourceRules, incomplete: false } });
      return;
    }
    case 'SelfSubjectReview':
      sendJson(r.res, 201, { ...base, status: { userInfo: { username, groups } } });
      return;
    default:
      throw new HttpError('NotFound', 'the server could not find the requested resource');
  }
}

export const ADMIN_USER = 'kubesim-admin';
export const ADMIN_GROUPS = ['system:masters', 'system:authenticated'];

/** The token's user, or the user it impersonates, once the token's user may impersonate them. */
export function impersonatedUser(store: Store, req: IncomingMessage): UserInfo {
  const admin: UserInfo = { username: ADMIN_USER, groups: ADMIN_GROUPS };
  const asUser = req.headers['impersonate-user'];
  const rawGroups = req.headers['impersonate-group'];
  const asGroups = (Array.isArray(rawGroups) ? rawGroups : rawGroups ? [rawGroups] : []).flatMap((g) => g.split(',').map((s) => s.trim())).filter(Boolean);
  if (!asUser) {
    if (asGroups.length) throw new HttpError('BadRequest', `requested [${asGroups.map((g) => `{Group  ${g}}`).join(' ')}] without impersonating a user`);
    return admin;
  }
  const username = Array.isArray(asUser) ? asUser[0] : asUser;
  for (const [resource, name] of [['users', username], ...asGroups.map((g) => ['groups', g])] as Array<[string, string]>) {
    const check: AuthorizationRequest = { user: admin.username, groups: admin.groups, verb: 'impersonate', resource, apiGroup: '', name };
    if (!authorize(store, check).allowed) {
      throw new HttpError('Forbidden', `${resource} "${name}" is forbidden: User "${admin.username}" cannot impersonate resource "${resource}" in API group "" at the cluster scope`);
    }
  }
  const groups = username === 'system:anonymous' ? asGroups : [...new Set([...asGroups, 'system:authenticated'])];
  return { username, groups };
}

export function authorizeNonResource(store: Store, user: UserInfo, method: string, path: string): void {
  const verb = method === 'GET' || method === 'HEAD' ? 'get' : method.toLowerCase();
  const request: AuthorizationRequest = { user: user.username, groups: user.groups, verb, path };
  if (!authorize(store, request).allowed) throw new HttpError('Forbidden', forbiddenMessage(request));
}

const VERBS: Record<string, (item: boolean, watch: boolean) => string> = {
  GET: (item, watch) => (watch ? 'watch' : item ? 'get' : 'list'),
  HEAD: (item, watch) => (watch ? 'watch' : item ? 'get' : 'list'),
  POST: () => 'create',
  PUT: () => 'update',
  PATCH: () => 'patch',
  DELETE: (item) => (item ? 'delete' : 'deletecollection'),
};

export function authorizeResource(store: Store, user: UserInfo, method: string, route: ResourceRoute, query: URLSearchParams): void {
  const verbOf = VERBS[method];
  if (!verbOf) throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const request: AuthorizationRequest = {
    user: user.username,
    groups: user.groups,
    verb: verbOf(route.name !== undefined, !!route.watchPrefix || boolParam(query, 'watch')),
    resource: route.resource.resource,
    subresource: route.subresource,
    apiGroup: route.resource.group,
    namespace: route.namespace,
    name: route.name,
  };
  if (authorize(store, request).allowed) return;
  throw new HttpError('Forbidden', forbiddenMessage(request), { name: route.name ?? '', group: route.resource.group, kind: route.resource.resource });
}
