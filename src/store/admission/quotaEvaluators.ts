// What each object costs against a ResourceQuota (pkg/quota/v1/evaluator/core): the resource names a
// kind can consume, the usage of one object, which quota scopes it falls under, and the pod rule that
// a quota on cpu or memory makes every container state them.
import { kindInfo, KINDS } from '../../api/kinds.js';
import type { KObject } from '../../api/object.js';
import { newQuantity } from '../../api/quantity.js';
import { COMPUTE_QUOTA_NAMES, CONTAINER_COMPUTE_RESOURCES } from '../../api/validation/quantities.js';
import type { Operation } from '../admission.js';
import { isBestEffort, podLimits, podRequests } from './podResources.js';
import { parseResources, type Resources } from './resourceList.js';

export interface ScopeSelector {
  scopeName: string;
  operator: string; // In | NotIn | Exists | DoesNotExist
  values?: string[];
}

export interface QuotaEvaluator {
  kind: string;
  /** Whether admission charges this operation (pods only on create; services and claims also on update). */
  handles(op: Operation): boolean;
  /** Which of a quota's resource names this kind can consume. */
  matchingResources(names: string[]): string[];
  usage(obj: KObject, now: number): Resources;
  matchesScope(scope: ScopeSelector, obj: KObject): boolean;
  /** `must specify limits.cpu for: app` — or undefined when the object satisfies the quota. */
  constraints?(required: string[], obj: KObject): string | undefined;
}

const one = () => newQuantity(1);

/** `count/pods`, `count/deployments.apps`: the generic object-count resource of a kind. */
export function objectCountName(kind: string): string | undefined {
  const info = kindInfo(kind);
  if (!info) return undefined;
  return info.group ? `count/${info.plural}.${info.group}` : `count/${info.plural}`;
}

// ---- pods -----------------------------------------------------------------------------------

const POD_COMPUTE = new Set(['pods', 'count/pods', ...COMPUTE_QUOTA_NAMES]);
/** Quotas on these make every container state them (a backward-compatibility rule upstream keeps). */
const MUST_SPECIFY = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** Extended resources (`nvidia.com/gpu`): a domain-qualified name outside kubernetes.io. */
function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.') && !name.startsWith('limits.');
}

function isPodResource(name: string): boolean {
  if (POD_COMPUTE.has(name)) return true;
  if (name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || name.startsWith('limits.hugepages-')) return true;
  // Extended resources are quota'd by request only: `requests.nvidia.com/gpu`.
  return name.startsWith('requests.') && isExtendedResource(name.slice('requests.'.length));
}

/** What one container (or a pod's totals) charges: `cpu` and `requests.cpu` from the request, `limits.cpu` from the limit. */
function computeUsage(requests: Resources, limits: Resources): Resources {
  const out: Resources = new Map([['pods', one()]]);
  for (const r of CONTAINER_COMPUTE_RESOURCES) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [r, q] of requests) {
    if (r.startsWith('hugepages-')) {
      out.set(r, q);
      out.set(`requests.${r}`, q);
    } else if (isExtendedResource(r)) {
      out.set(`requests.${r}`, q);
    }
  }
  for (const [r, q] of limits) if (r.startsWith('hugepages-')) out.set(`limits.${r}`, q);
  return out;
}

/**
 * Whether a pod still counts: terminal pods do not, nor pods stuck terminating past their grace
 * period (a lost node must not block scaling up elsewhere) — QuotaV1Pod.
 */
export function podCountsAt(pod: KObject, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return now <= podStopsCountingAt(pod);
}

/** When a terminating pod stops counting: deletionTimestamp + grace period (Infinity if not terminating). */
export function podStopsCountingAt(pod: KObject): number {
  const ts = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (!ts || grace === undefined || grace === null) return Number.POSITIVE_INFINITY;
  return Date.parse(ts) + grace * 1000;
}

function isTerminating(pod: KObject): boolean {
  const d = pod.spec?.activeDeadlineSeconds;
  return typeof d === 'number' && d >= 0;
}

function usesCrossNamespaceAffinity(pod: KObject): boolean {
  const affinity = pod.spec?.affinity ?? {};
  const terms = [affinity.podAffinity, affinity.podAntiAffinity].flatMap((a) => [
    ...(a?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: { podAffinityTerm: unknown }) => w.podAffinityTerm),
  ]) as Array<{ namespaces?: string[]; namespaceSelector?: unknown }>;
  return terms.some((t) => (t.namespaces?.length ?? 0) > 0 || t.namespaceSelector !== undefined);
}

function matchesPriorityClass(scope: ScopeSelector, pod: KObject): boolean {
  const name: string = pod.spec?.priorityClassName ?? '';
  switch (scope.operator) {
    case 'Exists':
      return name !== '';
    case 'DoesNotExist':
      return name === '';
    case 'In':
      return (scope.values ?? []).includes(name);
    case 'NotIn':
      return !(scope.values ?? []).includes(name);
    default:
      return false;
  }
}

const podEvaluator: QuotaEvaluator = {
  kind: 'Pod',
  handles: (op) => op === 'CREATE',
  matchingResources: (names) => names.filter(isPodResource),
  usage(pod, now) {
    const out: Resources = new Map([['count/pods', one()]]);
    if (!podCountsAt(pod, now)) return out;
    for (const [k, v] of computeUsage(podRequests(pod), podLimits(pod))) out.set(k, v);
    return out;
  },
  matchesScope(scope, pod) {
    switch (scope.scopeName) {
      case 'Terminating':
        return isTerminating(pod);
      case 'NotTerminating':
        return !isTerminating(pod);
      case 'BestEffort':
        return isBestEffort(pod);
      case 'NotBestEffort':
        return !isBestEffort(pod);
      case 'PriorityClass':
        return matchesPriorityClass(scope, pod);
      case 'CrossNamespacePodAffinity':
        return usesCrossNamespaceAffinity(pod);
      default:
        return false;
    }
  },
  constraints(required, pod) {
    const wanted = required.filter((r) => MUST_SPECIFY.has(r));
    if (!wanted.length) return undefined;
    const missing = new Map<string, Set<string>>();
    const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
    for (const c of containers) {
      const has = computeUsage(parseResources(c.resources?.requests), parseResources(c.resources?.limits));
      for (const r of wanted) {
        if (has.has(r)) continue;
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)!.add(c.name);
      }
    }
    if (!missing.size) return undefined;
    const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
};

// ---- services, claims and plain object counts ---------------------------------------------

/** Quotas with scopes only ever match pods. */
const noScopes = () => false;

const serviceEvaluator: QuotaEvaluator = {
  kind: 'Service',
  handles: (op) => op === 'CREATE' || op === 'UPDATE',
  matchingResources: (names) => names.filter((n) => ['services', 'count/services', 'services.nodeports', 'services.loadbalancers'].includes(n)),
  usage(svc) {
    const out: Resources = new Map([
      ['services', one()],
      ['count/services', one()],
    ]);
    const ports: Array<{ nodePort?: number }> = svc.spec?.ports ?? [];
    const type = svc.spec?.type ?? 'ClusterIP';
    if (type === 'NodePort') out.set('services.nodeports', newQuantity(ports.length));
    if (type === 'LoadBalancer') {
      // Without allocation only the ports the user pinned count.
      const counted = svc.spec?.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort).length : ports.length;
      out.set('services.nodeports', newQuantity(counted));
      out.set('services.loadbalancers', one());
    }
    return out;
  },
  matchesScope: noScopes,
};

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

function claimClass(claim: KObject): string {
  return claim.spec?.storageClassName ?? claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

const claimEvaluator: QuotaEvaluator = {
  kind: 'PersistentVolumeClaim',
  handles: (op) => op === 'CREATE' || op === 'UPDATE',
  matchingResources: (names) =>
    names.filter(
      (n) =>
        n === 'persistentvolumeclaims' ||
        n === 'count/persistentvolumeclaims' ||
        n === 'requests.storage' ||
        (n.includes(STORAGE_CLASS_SUFFIX) && (n.endsWith('/requests.storage') || n.endsWith('/persistentvolumeclaims'))),
    ),
  usage(claim) {
    const out: Resources = new Map([
      ['persistentvolumeclaims', one()],
      ['count/persistentvolumeclaims', one()],
    ]);
    const cls = claimClass(claim);
    if (cls) out.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, one());
    const storage = parseResources(claim.spec?.resources?.requests).get('storage');
    if (storage) {
      out.set('requests.storage', storage);
      if (cls) out.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return out;
  },
  matchesScope: noScopes,
};

/** The older names some kinds are counted under besides `count/…`. */
const LEGACY_COUNT: Record<string, string> = {
  Secret: 'secrets',
  ConfigMap: 'configmaps',
  ReplicationController: 'replicationcontrollers',
  ResourceQuota: 'resourcequotas',
};

function objectCountEvaluator(kind: string): QuotaEvaluator | undefined {
  const countName = objectCountName(kind);
  if (!countName) return undefined;
  const names = [countName, ...(LEGACY_COUNT[kind] ? [LEGACY_COUNT[kind]] : [])];
  return {
    kind,
    handles: (op) => op === 'CREATE',
    matchingResources: (hard) => hard.filter((n) => names.includes(n)),
    usage: () => new Map(names.map((n) => [n, one()])),
    matchesScope: noScopes,
  };
}

const special: Record<string, QuotaEvaluator> = {
  Pod: podEvaluator,
  Service: serviceEvaluator,
  PersistentVolumeClaim: claimEvaluator,
};
const generic = new Map<string, QuotaEvaluator | undefined>();

export function evaluatorFor(kind: string): QuotaEvaluator | undefined {
  if (special[kind]) return special[kind];
  if (!generic.has(kind)) generic.set(kind, objectCountEvaluator(kind));
  return generic.get(kind);
}

/** Every kind whose objects some quota resource name can count (what the controller recomputes from). */
export function kindsCountedBy(names: string[]): string[] {
  const kinds = new Set<string>();
  for (const kind of ['Pod', 'Service', 'PersistentVolumeClaim']) if (special[kind].matchingResources(names).length) kinds.add(kind);
  for (const name of names) {
    for (const [kind, legacy] of Object.entries(LEGACY_COUNT)) if (legacy === name) kinds.add(kind);
    if (name.startsWith('count/')) {
      const kind = kindForCountName(name);
      if (kind) kinds.add(kind);
    }
  }
  return [...kinds];
}

const countNameToKind = new Map<string, string>();
function kindForCountName(name: string): string | undefined {
  if (!countNameToKind.size) for (const info of KINDS) if (info.namespaced) countNameToKind.set(objectCountName(info.kind)!, info.kind);
  return countNameToKind.get(name);
}

/** The scopes a quota applies to: `spec.scopes` (each an Exists) and `spec.scopeSelector`. */
export function quotaScopes(quota: KObject): ScopeSelector[] {
  const out: ScopeSelector[] = (quota.spec?.scopes ?? []).map((s: string) => ({ scopeName: s, operator: 'Exists' }));
  for (const e of quota.spec?.scopeSelector?.matchExpressions ?? []) out.push(e);
  return out;
}

/** Whether an object falls under a quota's scopes (no scopes: everything does). */
export function matchesScopes(evaluator: QuotaEvaluator, quota: KObject, obj: KObject): boolean {
  return quotaScopes(quota).every((scope) => evaluator.matchesScope(scope, obj));
}
