// Which endpoint a URL path names: discovery, OpenAPI, health, or a resource (group, version,
// resource, namespace, name, subresource), parsed the way the apiserver's RequestInfoFactory does.
import { findResource } from './apiResources.js';
import type { ResourceRoute } from './context.js';

export type Endpoint =
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'coreVersions' }
  | { type: 'groups' }
  | { type: 'group'; group: string }
  | { type: 'resourceList'; groupVersion: string }
  | { type: 'openapiV2' }
  | { type: 'openapiV3' }
  | { type: 'openapiV3Document'; groupVersion: string }
  | { type: 'resource'; route: ResourceRoute }
  | { type: 'badPath' }
  | { type: 'notFound' };

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

export function parsePath(pathname: string): Endpoint {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/version') return { type: 'version' };
  if (HEALTH.has(path)) return { type: 'health' };
  if (path === '/api') return { type: 'coreVersions' };
  if (path === '/apis') return { type: 'groups' };
  if (path === '/openapi/v2') return { type: 'openapiV2' };
  if (path === '/openapi/v3') return { type: 'openapiV3' };
  if (path.startsWith('/openapi/v3/')) {
    const rest = path.slice('/openapi/v3/'.length);
    if (rest.startsWith('api/')) return { type: 'openapiV3Document', groupVersion: rest.slice(4) };
    if (rest.startsWith('apis/')) return { type: 'openapiV3Document', groupVersion: rest.slice(5) };
    return { type: 'notFound' };
  }
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { type: 'badPath' };
  }
  let groupVersion: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 2) {
    groupVersion = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length === 2) {
    return { type: 'group', group: segments[1] };
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    groupVersion = `${segments[1]}/${segments[2]}`;
    rest = segments.slice(3);
  } else return { type: 'notFound' };
  if (!rest.length) return { type: 'resourceList', groupVersion };

  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const inner = findResource(groupVersion, rest[2]);
    if (inner?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const resource = findResource(groupVersion, rest[0]);
  if (!resource || rest.length > 3) return { type: 'notFound' };
  const route: ResourceRoute = { resource, namespace, name: rest[1], subresource: rest[2], watchPrefix };
  if (namespace === undefined && resource.namespaced && route.name !== undefined) return { type: 'notFound' };
  return { type: 'resource', route };
}
