// The endpoints invariant: for every Service with a selector, its Endpoints object lists exactly the
// pods the selector picks that can take traffic — ready ones (every one, with
// publishNotReadyAddresses) under `addresses`, the others under `notReadyAddresses` — and never a
// terminating or finished pod, nor one without an IP of the Service's family.
import { selectorFromSet } from '../../api/labels.js';
import type { Endpoints, Pod, Service } from '../../api/types.js';
import { resolveTargetPort } from '../../controllers/endpoints/namedPorts.js';
import { isReady, isTerminal, type CheckContext } from './context.js';

/** The legacy Endpoints object holds at most this many addresses, then is marked truncated. */
const MAX_ADDRESSES = 1000;
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

function ipOf(pod: Pod, v6: boolean): string | undefined {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (!ips.length && pod.status?.podIP) ips.push(pod.status.podIP);
  return ips.find((ip) => ip.includes(':') === v6);
}

/** A pod can back the Service when it serves one of its ports (a headless Service without ports takes any). */
function servesAPort(svc: Service, pod: Pod): boolean {
  const ports = svc.spec?.ports ?? [];
  if (!ports.length) return svc.spec?.clusterIP === 'None';
  return ports.some((p) => resolveTargetPort(pod, p) !== undefined);
}

function uidsIn(ep: Endpoints | undefined, field: 'addresses' | 'notReadyAddresses'): Set<string> {
  const out = new Set<string>();
  for (const subset of ep?.subsets ?? []) for (const a of subset[field] ?? []) out.add(a.targetRef?.uid ?? `ip ${a.ip}`);
  return out;
}

export function checkEndpoints(ctx: CheckContext): void {
  if (!ctx.runs('endpoint-controller')) return;
  for (const svc of ctx.store.list<Service>('Service')) {
    const selector = svc.spec?.selector;
    if (!selector || !Object.keys(selector).length) continue;
    const { namespace, name } = svc.metadata;
    const ep = ctx.store.get<Endpoints>('Endpoints', namespace, name!);
    if (!ep) {
      ctx.fail('endpoints', svc, `has selector ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',')} but no Endpoints object`);
      continue;
    }
    const v6 = svc.spec?.ipFamilies?.[0] === 'IPv6';
    const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
    const ready = new Map<string, Pod>();
    const notReady = new Map<string, Pod>();
    for (const pod of ctx.store.list<Pod>('Pod', { namespace, labelSelector: selectorFromSet(selector) })) {
      if (isTerminal(pod) || pod.metadata.deletionTimestamp || !ipOf(pod, v6) || !servesAPort(svc, pod)) continue;
      (publishNotReady || isReady(pod) ? ready : notReady).set(pod.metadata.uid!, pod);
    }
    const listedReady = uidsIn(ep, 'addresses');
    const listedNotReady = uidsIn(ep, 'notReadyAddresses');
    const truncated = ep.metadata.annotations?.[OVER_CAPACITY] === 'truncated';
    const problems: string[] = [];
    compare(ctx, problems, 'addresses', ready, listedReady, truncated);
    compare(ctx, problems, 'notReadyAddresses', notReady, listedNotReady, truncated);
    const total = ready.size + notReady.size;
    if (truncated !== total > MAX_ADDRESSES) problems.push(`${total} addresses but the over-capacity annotation is ${truncated ? 'set' : 'missing'}`);
    if (truncated && listedReady.size + listedNotReady.size > MAX_ADDRESSES) problems.push(`truncated yet lists ${listedReady.size + listedNotReady.size} > ${MAX_ADDRESSES} addresses`);
    if (problems.length) ctx.fail('endpoints', ep, problems.join('; '));
  }
}

/** Exactly the expected pods, or (when truncated) only expected ones. */
function compare(ctx: CheckContext, out: string[], field: string, expected: Map<string, Pod>, listed: Set<string>, truncated: boolean): void {
  const extra = [...listed].filter((uid) => !expected.has(uid));
  const missing = truncated ? [] : [...expected.keys()].filter((uid) => !listed.has(uid));
  const name = (uid: string) => (expected.get(uid) ?? ctx.store.getByUid(uid))?.metadata.name ?? uid;
  if (extra.length) out.push(`${field} lists ${extra.length} pod(s) that should not be there (${extra.slice(0, 3).map(name).join(', ')})`);
  if (missing.length) out.push(`${field} misses ${missing.length} pod(s) (${missing.slice(0, 3).map(name).join(', ')})`);
}
