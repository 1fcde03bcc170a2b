// Acting as a user (`--as jane --as-group devs`): the store as that user sees it. Every read and
// write made through it is first put to the RBAC authorizer with the attributes kubectl's request
// would carry, and refused with the apiserver's own 403 text
// (`pods "web-0" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the
// namespace "default"`). Writes carry the user to admission. The control plane never comes here:
// controllers hold the store itself.
import { ApiError } from '../api/errors.js';
import { isNamespaced, kindInfo } from '../api/kinds.js';
import type { KObject } from '../api/object.js';
import type { Cluster } from '../cluster.js';
import type { UserInfo } from '../store/admission.js';
import type { ListOptions, Store, WriteOptions } from '../store/store.js';
import { authorize, forbiddenMessage, type AuthorizationRequest } from './authorizer.js';

/**
 * The verb each Store method is to the API. kubectl changes objects with PATCH (apply, edit, scale,
 * set image, rollout restart/undo, cordon all patch), so the read-change-write methods count as
 * `patch`; a status write is `patch` of the `status` subresource.
 */
type Attributes = Omit<AuthorizationRequest, 'user' | 'groups'>;

function resourceOf(kind: string, namespace: string | undefined): Pick<Attributes, 'resource' | 'apiGroup' | 'namespace'> {
  const info = kindInfo(kind);
  return {
    resource: info?.plural ?? `${kind.toLowerCase()}s`,
    apiGroup: info?.group ?? '',
    namespace: isNamespaced(kind) ? namespace || 'default' : undefined,
  };
}

const objectOf = (input: unknown) => (input ?? {}) as KObject;

type Describe = (...args: unknown[]) => Attributes;

const REQUESTS: Record<string, Describe> = {
  get: (kind, namespace, name) => ({ verb: 'get', ...resourceOf(kind as string, namespace as string), name: name as string }),
  list: (kind, options) => {
    // Without a namespace a list spans every namespace: a request at the cluster scope.
    const ns = (options as ListOptions | undefined)?.namespace;
    return { verb: 'list', ...resourceOf(kind as string, ns), ...(ns === undefined ? { namespace: undefined } : {}) };
  },
  create: (input) => {
    const obj = objectOf(input);
    return { verb: 'create', ...resourceOf(obj.kind, obj.metadata?.namespace) };
  },
  update: (input) => {
    const obj = objectOf(input);
    return { verb: 'patch', ...resourceOf(obj.kind, obj.metadata?.namespace), name: obj.metadata?.name };
  },
  updateStatus: (input) => {
    const obj = objectOf(input);
    return { verb: 'patch', ...resourceOf(obj.kind, obj.metadata?.namespace), subresource: 'status', name: obj.metadata?.name };
  },
  modify: (kind, namespace, name, _change, options) => ({
    verb: 'patch',
    ...resourceOf(kind as string, namespace as string),
    name: name as string,
    ...((options as { subresource?: string } | undefined)?.subresource === 'status' ? { subresource: 'status' } : {}),
  }),
  patch: (kind, namespace, name) => ({ verb: 'patch', ...resourceOf(kind as string, namespace as string), name: name as string }),
  delete: (kind, namespace, name) => ({ verb: 'delete', ...resourceOf(kind as string, namespace as string), name: name as string }),
};

/** Where each write method takes its options object (0-based argument index). */
const OPTIONS_ARG: Record<string, number> = { create: 1, update: 1, updateStatus: 1, modify: 4, patch: 4, delete: 3 };

/** The 403 the apiserver would answer, or undefined when the user may. */
export function refusal(store: Store, user: UserInfo, attributes: Attributes): ApiError | undefined {
  const request: AuthorizationRequest = { ...attributes, user: user.username, groups: user.groups };
  if (authorize(store, request).allowed) return undefined;
  return new ApiError('Forbidden', forbiddenMessage(request), [], { kind: attributes.resource, name: attributes.name });
}

/** Why the user may not list `kind` (in `namespace`, or in every namespace), if they may not. */
export function listRefusal(store: Store, user: UserInfo, kind: string, namespace: string | undefined): string | undefined {
  return refusal(store, user, REQUESTS.list!(kind, { namespace }))?.message;
}

/** Whether `user` may list each kind in each namespace (answers kept for this one use); anyone may without a user. */
export function listPermission(store: Store, user: UserInfo | undefined): (kind: string, namespace: string | undefined) => boolean {
  if (!user) return () => true;
  const known = new Map<string, boolean>();
  return (kind, namespace) => {
    const key = `${kind}/${namespace ?? ''}`;
    let allowed = known.get(key);
    if (allowed === undefined) known.set(key, (allowed = listRefusal(store, user, kind, namespace) === undefined));
    return allowed;
  };
}

/**
 * Why the user may not get the object (or its `subresource`: `pods/log`, `deployments/scale`), if
 * they may not: the 403 text kubectl prints.
 */
export function getRefusal(store: Store, user: UserInfo, kind: string, namespace: string | undefined, name: string, subresource?: string): string | undefined {
  return refusal(store, user, { ...REQUESTS.get!(kind, namespace, name), ...(subresource ? { subresource } : {}) })?.message;
}

export interface AsUserOptions {
  /**
   * Writes go to this subresource of the object: `kubectl scale` patches `deployments/scale`, which
   * RBAC grants apart from `deployments`.
   */
  writeSubresource?: string;
}

const WRITES_TO_OBJECT = new Set(['update', 'modify', 'patch']);

/** The user and the store itself behind a store returned by asUser. */
const ACTING = Symbol('acting user');

export function actingUserOf(store: Store): { store: Store; user: UserInfo } | undefined {
  return (store as unknown as Record<symbol, { store: Store; user: UserInfo } | undefined>)[ACTING];
}

/**
 * `store` as `user` sees it: get, list and every write are authorized first (a refusal throws the
 * Forbidden ApiError) and writes carry the user in their WriteOptions. Everything else passes
 * through. Methods run on the store itself, so its own inner reads are not checked again.
 */
export function asUser(store: Store, user: UserInfo, options: AsUserOptions = {}): Store {
  const inner = actingUserOf(store)?.store ?? store;
  return new Proxy(inner, {
    get(target, property) {
      if (property === ACTING) return { store: target, user };
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...a: unknown[]) => unknown;
      const describe = typeof property === 'string' && Object.hasOwn(REQUESTS, property) ? REQUESTS[property] : undefined;
      if (!describe) return method.bind(target);
      const subresource = options.writeSubresource && WRITES_TO_OBJECT.has(property as string) ? options.writeSubresource : undefined;
      return (...args: unknown[]) => {
        const attributes = describe(...args);
        const denied = refusal(target, user, subresource ? { ...attributes, subresource } : attributes);
        if (denied) throw denied;
        const at = OPTIONS_ARG[property as string];
        if (at !== undefined) args[at] = { ...((args[at] as WriteOptions | undefined) ?? {}), user };
        return method.apply(target, args);
      };
    },
  });
}

/** `--as jane --as-group devs` → the user the API would see (deduplicated groups, in order). */
export function userFromFlags(name: string | undefined, groups: readonly string[] | undefined): UserInfo | undefined {
  if (name === undefined) return undefined;
  return { username: name, groups: [...new Set(groups ?? [])] };
}

/** `User "jane" (groups devs, qa)`, for the dashboard's notice. */
export function describeUser(user: UserInfo): string {
  return `User "${user.username}"${user.groups.length ? ` (groups ${user.groups.join(', ')})` : ''}`;
}

/**
 * The cluster as the dashboard's key handlers see it under `--as`: its `store` is the user's (every
 * action and read they make is authorized); everything else, and the cluster's own methods (which
 * the control plane runs), use the real store.
 */
export function clusterAs(cluster: Cluster, user: UserInfo | undefined): Cluster {
  if (!user) return cluster;
  const store = asUser(cluster.store, user);
  return new Proxy(cluster, {
    get(target, property) {
      if (property === 'store') return store;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
