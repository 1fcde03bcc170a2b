// The review APIs: SelfSubjectAccessReview (`kubectl auth can-i VERB RESOURCE`),
// SelfSubjectRulesReview (`kubectl auth can-i --list`) and SelfSubjectReview (`kubectl auth
// whoami`), answered by the RBAC authorizer for the requesting (or impersonated) user.
import { authorize, rulesFor } from '../rbac/index.js';
import type { ApiRequest } from './context.js';
import { sendJson } from './http.js';
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
