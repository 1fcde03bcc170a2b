// Where an HTTP request would go through the cluster's (simulated ingress-nginx) Ingresses, and what
// stands behind a backend. Pure reads of the store, for the ingress controller's decisions and for
// the dashboard's "where does this URL go" view.
//
// Matching follows the Ingress spec: host exact, else a `*.` wildcard matching exactly one leading
// label, else rules without a host; within that host, the longest matching path wins and on equal
// length Exact beats Prefix. Prefix matches whole `/`-separated elements (trailing slash ignored).
// ImplementationSpecific is what nginx does with a plain `location /path`: a string prefix, so
// `/foo` also matches `/foobar`; it ranks after Prefix on equal length. Older Ingresses win ties.
import type { EndpointSlice, Ingress, Service, networking } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import { SERVICE_NAME_LABEL } from '../endpoints/sliceLayout.js';
import { selectorFromSet } from '../../api/labels.js';
import { isServedHere } from './ingressClass.js';

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';
export type IngressBackend = networking.IngressBackend;

export interface RouteMatch {
  ingress: { namespace: string; name: string };
  /** `rule` when a host and path matched; `defaultBackend` when an Ingress's spec.defaultBackend took the request. */
  via: 'rule' | 'defaultBackend';
  /** The matched rule's host (`*.foo.com`, or undefined for a rule without host). */
  host?: string;
  path?: string;
  pathType?: PathType;
  backend: IngressBackend;
}

export interface RouteResult {
  /** Undefined when nothing matched: the controller's default backend answers 404. */
  match?: RouteMatch;
  explanation: string;
}

const TYPE_RANK: Record<PathType, number> = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 };

export function normalizeHost(host: string): string {
  const h = host.trim().toLowerCase();
  // Strip a port (`foo.com:8080`), but not from a bracketed IPv6 literal's inside.
  const m = /^(\[[^\]]+\]|[^:]+)(:\d+)?$/.exec(h);
  return m ? m[1] : h;
}

/** 0 = exact host, 1 = wildcard, 2 = rule without host; undefined = no match. */
export function hostMatchLevel(ruleHost: string | undefined, host: string): 0 | 1 | 2 | undefined {
  if (!ruleHost) return 2;
  const rule = ruleHost.toLowerCase();
  if (rule === host) return 0;
  if (rule.startsWith('*.')) {
    const dot = host.indexOf('.');
    if (dot > 0 && host.slice(dot + 1) === rule.slice(2)) return 1;
  }
  return undefined;
}

export function pathMatches(pathType: PathType, rulePath: string, requestPath: string): boolean {
  switch (pathType) {
    case 'Exact':
      return rulePath === requestPath;
    case 'Prefix': {
      const want = rulePath.split('/').filter(Boolean);
      const have = requestPath.split('/').filter(Boolean);
      if (want.length > have.length) return false;
      for (let i = 0; i < want.length; i++) if (want[i] !== have[i]) return false;
      return true;
    }
    default:
      return requestPath.startsWith(rulePath);
  }
}

/** Served Ingresses, oldest first (ingress-nginx lets the older Ingress win a conflict). */
export function servedIngresses(store: Store): Ingress[] {
  return store
    .list<Ingress>('Ingress')
    .filter((ing) => isServedHere(ing) && !ing.metadata.deletionTimestamp)
    .sort((a, b) => {
      const ta = a.metadata.creationTimestamp ?? '';
      const tb = b.metadata.creationTimestamp ?? '';
      if (ta !== tb) return ta < tb ? -1 : 1;
      const ka = `${a.metadata.namespace}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

export function routeRequest(store: Store, host: string, path: string): RouteResult {
  const wantHost = normalizeHost(host);
  let wantPath = path.split('?')[0].split('#')[0] || '/';
  if (!wantPath.startsWith('/')) wantPath = `/${wantPath}`;
  const ingresses = servedIngresses(store);

  type Candidate = { ing: Ingress; order: number; host?: string; path: string; pathType: PathType; backend: IngressBackend };
  let bestLevel: number | undefined;
  const hostIngresses: Ingress[] = [];
  const candidates: Candidate[] = [];
  ingresses.forEach((ing, order) => {
    for (const rule of ing.spec?.rules ?? []) {
      const level = hostMatchLevel(rule.host, wantHost);
      if (level === undefined) continue;
      if (bestLevel === undefined || level < bestLevel) {
        bestLevel = level;
        candidates.length = 0;
        hostIngresses.length = 0;
      }
      if (level !== bestLevel) continue;
      if (!hostIngresses.includes(ing)) hostIngresses.push(ing);
      for (const p of rule.http?.paths ?? []) {
        const pathType = (p.pathType ?? 'ImplementationSpecific') as PathType;
        const rulePath = p.path || '/';
        if (pathMatches(pathType, rulePath, wantPath)) candidates.push({ ing, order, host: rule.host, path: rulePath, pathType, backend: p.backend });
      }
    }
  });

  candidates.sort((a, b) => b.path.length - a.path.length || TYPE_RANK[a.pathType] - TYPE_RANK[b.pathType] || a.order - b.order);
  const best = candidates[0];
  const request = `${wantHost}${wantPath}`;
  if (best) {
    const match: RouteMatch = {
      ingress: { namespace: best.ing.metadata.namespace!, name: best.ing.metadata.name! },
      via: 'rule',
      host: best.host,
      path: best.path,
      pathType: best.pathType,
      backend: best.backend,
    };
    const others = candidates.length > 1 ? ` (longest of ${candidates.length} matching paths)` : '';
    return {
      match,
      explanation: `${request} matched ${best.pathType} ${best.path} on host ${best.host ?? '*'} of ingress ${match.ingress.namespace}/${match.ingress.name}${others} → ${backendText(best.backend)}`,
    };
  }
  // No path matched: the default backend of an Ingress serving this host, else of any Ingress.
  const fallback = [...hostIngresses, ...ingresses].find((ing) => ing.spec?.defaultBackend);
  if (fallback) {
    const match: RouteMatch = {
      ingress: { namespace: fallback.metadata.namespace!, name: fallback.metadata.name! },
      via: 'defaultBackend',
      backend: fallback.spec!.defaultBackend!,
    };
    return { match, explanation: `${request} matched no rule; defaultBackend of ingress ${match.ingress.namespace}/${match.ingress.name} → ${backendText(match.backend)}` };
  }
  const why = bestLevel === undefined ? `no rule for host ${wantHost}` : `no path of host ${wantHost} matches ${wantPath}`;
  return { explanation: `${request}: ${why} and no defaultBackend → the ingress controller's default backend answers 404` };
}

/** `web:80`, `web:http`, or `resource StorageBucket/static`. */
export function backendText(backend: IngressBackend): string {
  if (backend.service) {
    const port = backend.service.port?.number ?? backend.service.port?.name ?? '?';
    return `${backend.service.name}:${port}`;
  }
  if (backend.resource) return `resource ${backend.resource.kind}/${backend.resource.name}`;
  return '<none>';
}

export interface BackendState {
  /** `3 ready endpoints`, `no endpoints: service web has no ready pods`, `service "web" not found`. */
  text: string;
  ready: number;
  addresses: string[];
}

/** What stands behind a backend: the Service, its port, and its ready endpoints (from EndpointSlices). */
export function describeBackend(store: Store, namespace: string, backend: IngressBackend): BackendState {
  if (backend.resource) return { text: `resource ${backend.resource.kind}/${backend.resource.name}`, ready: 0, addresses: [] };
  const ref = backend.service;
  if (!ref) return { text: 'no backend', ready: 0, addresses: [] };
  const svc = store.get<Service>('Service', namespace, ref.name);
  if (!svc) return { text: `service "${ref.name}" not found`, ready: 0, addresses: [] };
  if (svc.spec?.type === 'ExternalName') return { text: `ExternalName ${svc.spec.externalName}`, ready: 0, addresses: [] };
  const sp = (svc.spec?.ports ?? []).find((p) => (ref.port?.number !== undefined ? p.port === ref.port.number : p.name === ref.port?.name));
  if (!sp) return { text: `service "${ref.name}" has no port ${ref.port?.number ?? ref.port?.name}`, ready: 0, addresses: [] };
  const slices = store.list<EndpointSlice>('EndpointSlice', { namespace, labelSelector: selectorFromSet({ [SERVICE_NAME_LABEL]: ref.name }) });
  const addresses: string[] = [];
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? ''));
    if (!port) continue;
    for (const ep of slice.endpoints ?? []) if (ep.conditions?.ready) for (const ip of ep.addresses) addresses.push(`${ip}:${port.port}`);
  }
  addresses.sort();
  if (!addresses.length) return { text: `no endpoints: service ${ref.name} has no ready pods`, ready: 0, addresses };
  return { text: `${addresses.length} ready endpoint${addresses.length === 1 ? '' : 's'}`, ready: addresses.length, addresses };
}
