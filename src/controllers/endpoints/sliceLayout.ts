// EndpointSlice contents and their layout: the endpoint of each pod (conditions ready / serving /
// terminating), grouped by the ports the pod serves, packed at most 100 to a slice. Existing slices
// are reused and kept where they are, so a change to one pod rewrites one slice, not all of them.
import type { discovery, Pod, Service, Writable } from '../../api/types.js';
import { resolveTargetPort } from './namedPorts.js';
import { isPodReady, isPodTerminating, podIpOf, shouldPodBeInEndpoints } from './podEndpoints.js';

export type SliceEndpoint = Writable<discovery.Endpoint>;
export type SlicePort = Writable<discovery.EndpointPort>;

/** --max-endpoints-per-slice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

export interface DesiredEndpoint {
  uid: string;
  endpoint: SliceEndpoint;
  ports: SlicePort[];
  /** The ports as one comparable string: endpoints with the same ports may share a slice. */
  portsKey: string;
}

export function portsKeyOf(ports: readonly SlicePort[] | undefined): string {
  return JSON.stringify((ports ?? []).map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? 'TCP', p.appProtocol ?? '']));
}

/** podToEndpoint: serving = Ready, terminating = being deleted, ready = serving and not terminating (or publishNotReadyAddresses). */
export function desiredEndpoints(svc: Service, pods: readonly Pod[], zoneOf: (node: string) => string | undefined): DesiredEndpoint[] {
  const family = svc.spec?.ipFamilies?.[0] === 'IPv6' ? 'IPv6' : 'IPv4';
  const out: DesiredEndpoint[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ip = podIpOf(pod, family);
    if (!ip) continue;
    const ports: SlicePort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) continue;
      const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    if (!ports.length && (svc.spec?.ports?.length ?? 0) > 0) continue;
    const serving = isPodReady(pod);
    const terminating = isPodTerminating(pod);
    const endpoint: SliceEndpoint = {
      addresses: [ip],
      conditions: { ready: !!svc.spec?.publishNotReadyAddresses || (serving && !terminating), serving, terminating },
    };
    if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name) endpoint.hostname = pod.spec.hostname;
    if (pod.spec?.nodeName) {
      endpoint.nodeName = pod.spec.nodeName;
      const zone = zoneOf(pod.spec.nodeName);
      if (zone) endpoint.zone = zone;
    }
    endpoint.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    out.push({ uid: pod.metadata.uid ?? pod.metadata.name!, endpoint, ports, portsKey: portsKeyOf(ports) });
  }
  // A stable order, so that equal inputs lay out equal slices.
  out.sort((a, b) => (a.endpoint.targetRef!.name! < b.endpoint.targetRef!.name! ? -1 : a.endpoint.targetRef!.name! > b.endpoint.targetRef!.name! ? 1 : 0));
  return out;
}

export interface ExistingSlice {
  name: string;
  endpoints: readonly SliceEndpoint[];
  ports: readonly SlicePort[];
}

export interface SliceContent {
  endpoints: SliceEndpoint[];
  ports: SlicePort[];
}

export interface SlicePlan {
  /** Existing slices whose endpoints or ports change. */
  update: Array<{ name: string } & SliceContent>;
  /** Existing slices that stay exactly as they are. */
  unchanged: string[];
  create: SliceContent[];
  delete: string[];
}

/**
 * Lays desired endpoints into slices: each existing slice keeps the endpoints it already holds that
 * are still wanted with the same ports; new endpoints fill slices with room, then new slices;
 * slices left empty are deleted (or reused for new content). With nothing to publish, one empty
 * placeholder slice remains.
 */
export function planSlices(existing: readonly ExistingSlice[], desired: readonly DesiredEndpoint[], max = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { update: [], unchanged: [], create: [], delete: [] };
  const sorted = [...existing].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (!desired.length) return placeholderPlan(sorted, plan);

  const groups = new Map<string, Map<string, DesiredEndpoint>>();
  for (const d of desired) {
    let group = groups.get(d.portsKey);
    if (!group) groups.set(d.portsKey, (group = new Map()));
    group.set(d.uid, d);
  }
  const placed = new Set<string>();
  const kept: Array<{ slice: ExistingSlice; key: string; endpoints: SliceEndpoint[] }> = [];
  for (const slice of sorted) {
    const key = portsKeyOf(slice.ports);
    const group = groups.get(key);
    if (!group) {
      plan.delete.push(slice.name);
      continue;
    }
    const endpoints: SliceEndpoint[] = [];
    for (const ep of slice.endpoints) {
      const uid = ep.targetRef?.uid ?? ep.targetRef?.name ?? '';
      const want = group.get(uid);
      if (want && !placed.has(uid) && endpoints.length < max) {
        endpoints.push(want.endpoint);
        placed.add(uid);
      }
    }
    kept.push({ slice, key, endpoints });
  }
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    const waiting = [...group.values()].filter((d) => !placed.has(d.uid));
    for (const k of kept) {
      if (k.key !== key) continue;
      while (waiting.length && k.endpoints.length < max) k.endpoints.push(waiting.shift()!.endpoint);
    }
    const ports = group.values().next().value!.ports;
    for (let i = 0; i < waiting.length; i += max) plan.create.push({ endpoints: waiting.slice(i, i + max).map((d) => d.endpoint), ports });
  }
  for (const k of kept) {
    if (!k.endpoints.length) {
      plan.delete.push(k.slice.name);
      continue;
    }
    const ports = groups.get(k.key)!.values().next().value!.ports;
    if (JSON.stringify(k.endpoints) === JSON.stringify(k.slice.endpoints) && JSON.stringify(ports) === JSON.stringify(k.slice.ports)) {
      plan.unchanged.push(k.slice.name);
    } else {
      plan.update.push({ name: k.slice.name, endpoints: k.endpoints, ports });
    }
  }
  // The reconciler's finalize(): a slice about to be deleted takes the content of one about to be
  // created instead, so the placeholder becomes the first real slice and keeps its name.
  while (plan.delete.length && plan.create.length) plan.update.push({ name: plan.delete.shift()!, ...plan.create.pop()! });
  return plan;
}

function placeholderPlan(sorted: readonly ExistingSlice[], plan: SlicePlan): SlicePlan {
  if (!sorted.length) {
    plan.create.push({ endpoints: [], ports: [] });
    return plan;
  }
  const keep = sorted.find((s) => !s.endpoints.length && !s.ports.length) ?? sorted[0];
  if (keep.endpoints.length || keep.ports.length) plan.update.push({ name: keep.name, endpoints: [], ports: [] });
  else plan.unchanged.push(keep.name);
  for (const s of sorted) if (s !== keep) plan.delete.push(s.name);
  return plan;
}
