// The subsets of an Endpoints object (endpoints_controller syncService + RepackSubsets +
// truncateEndpoints): each pod contributes one address per Service port it can serve; addresses
// with the same set of ports share a subset; ready ones go to `addresses`, the rest to
// `notReadyAddresses`; past 1000 addresses the object is truncated.
import type { Pod, Service, core } from '../../api/types.js';
import type { Writable } from '../../api/types.js';
import { resolveTargetPort } from './namedPorts.js';
import { isPodReady, podIpOf, shouldPodBeInEndpoints } from './podEndpoints.js';

export type EndpointSubset = Writable<core.EndpointSubset>;
export type EndpointAddress = Writable<core.EndpointAddress>;
export type EndpointPort = Writable<core.EndpointPort>;

/** --max-endpoints-per-... for the legacy Endpoints object: 1000 addresses, then truncation. */
export const MAX_ENDPOINTS_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface SubsetsResult {
  subsets: EndpointSubset[];
  /** Pods counted as ready / not ready (each pod once, whatever its ports). */
  readyPods: Pod[];
  notReadyPods: Pod[];
  /** Pods left out of a port because they lack its named targetPort. */
  missingPorts: Array<{ pod: string; port: string }>;
  truncated: boolean;
}

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** The address of a pod: IP, node and a reference back to the pod (plus hostname for a headless subdomain). */
export function podAddress(pod: Pod, ip: string, svc: Service): EndpointAddress {
  const address: EndpointAddress = { ip };
  // The pod's hostname is published when its subdomain names this Service (StatefulSet pods).
  if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name) address.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  address.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return address;
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}\0${p.port}\0${p.protocol ?? 'TCP'}`;
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  return compareIp(a.ip, b.ip) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
}

/** Numeric order for IPv4 (10.0.0.9 before 10.0.0.10), text order otherwise. */
export function compareIp(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  if (pa.length === 4 && pb.length === 4) {
    for (let i = 0; i < 4; i++) {
      const d = Number(pa[i]) - Number(pb[i]);
      if (d) return d;
    }
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildEndpointSubsets(svc: Service, pods: readonly Pod[]): SubsetsResult {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const servicePorts = svc.spec?.ports ?? [];
  const family = svc.spec?.ipFamilies?.[0] === 'IPv6' ? 'IPv6' : 'IPv4';
  const readyPods: Pod[] = [];
  const notReadyPods: Pod[] = [];
  const missingPorts: SubsetsResult['missingPorts'] = [];
  // signature of a pod's ports → subset under construction
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();

  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, false)) continue;
    const ip = podIpOf(pod, family);
    if (!ip) continue;
    const ready = publishNotReady || isPodReady(pod);
    const ports: EndpointPort[] = [];
    for (const sp of servicePorts) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) {
        missingPorts.push({ pod: pod.metadata.name!, port: String(sp.targetPort ?? sp.port) });
        continue;
      }
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    // A pod that serves none of the ports is not an endpoint, except for a headless Service without ports.
    if (!ports.length && !(servicePorts.length === 0 && isHeadless(svc))) continue;
    ports.sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port));
    const signature = ports.map(portKey).join('\n');
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = { ports, ready: [], notReady: [] }));
    (ready ? group.ready : group.notReady).push(podAddress(pod, ip, svc));
    (ready ? readyPods : notReadyPods).push(pod);
  }

  const subsets: EndpointSubset[] = [];
  for (const signature of [...groups.keys()].sort()) {
    const g = groups.get(signature)!;
    const subset: EndpointSubset = {};
    if (g.ready.length) subset.addresses = g.ready.sort(compareAddresses);
    if (g.notReady.length) subset.notReadyAddresses = g.notReady.sort(compareAddresses);
    if (g.ports.length) subset.ports = g.ports;
    subsets.push(subset);
  }
  const truncated = truncateSubsets(subsets, MAX_ENDPOINTS_CAPACITY);
  return { subsets, readyPods, notReadyPods, missingPorts, truncated };
}

/**
 * truncateEndpoints: past `max` addresses, keep ready ones first; each subset keeps a share
 * proportional to its size (rounded up, the last ones get what is left).
 */
export function truncateSubsets(subsets: EndpointSubset[], max: number): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= max) return false;
  const truncateReady = totalReady > max;
  const room = truncateReady ? max : max - totalReady;
  const total = truncateReady ? totalReady : totalNotReady;
  let left = room;
  for (const s of subsets) {
    const inSubset = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const share = Math.min(left, Math.ceil((inSubset / total) * room));
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, share);
      delete s.notReadyAddresses;
      left -= s.addresses.length;
      if (!s.addresses.length) delete s.addresses;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, share);
      left -= s.notReadyAddresses.length;
      if (!s.notReadyAddresses.length) delete s.notReadyAddresses;
    }
  }
  return true;
}
