// ClusterIP and NodePort allocation, which the apiserver's Service storage does on create and update
// (pkg/registry/core/service/storage): a virtual IP for every Service but headless and ExternalName
// ones, a NodePort for every port of NodePort and LoadBalancer Services, and on update the values a
// client left out are carried over rather than reallocated.
import { ApiError, invalid, type FieldCause } from '../../api/errors.js';
import type { KObject } from '../../api/object.js';
import type { AdmissionPlugin } from '../admission.js';
import type { Store } from '../store.js';
import { requestedName } from './requestName.js';
import { ServiceAllocator } from './serviceAllocator.js';
import { formatIPv4, inRange, NODE_PORT_RANGE, parseIPv4, SERVICE_IP_RANGE } from './serviceRanges.js';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  nodePort?: number;
}

function typeOf(svc: KObject | undefined): string {
  return svc?.spec?.type ?? 'ClusterIP';
}

function needsClusterIP(svc: KObject): boolean {
  return typeOf(svc) !== 'ExternalName';
}

function needsNodePorts(svc: KObject): boolean {
  const type = typeOf(svc);
  return type === 'NodePort' || (type === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);
}

function needsHealthCheckPort(svc: KObject): boolean {
  return typeOf(svc) === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';
}

function requestedIP(svc: KObject): string | undefined {
  return svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || undefined;
}

function samePorts(a: ServicePort[] = [], b: ServicePort[] = []): boolean {
  return a.length === b.length && a.every((p, i) => p.nodePort === b[i].nodePort);
}

/**
 * On update: forget what the old type needed and the new does not (if the client did not change it),
 * and keep what both need but the client left out (dropTypeDependentFields, patchAllocatedValues).
 */
function carryOver(svc: KObject, old: KObject): void {
  const spec = svc.spec;
  if (needsClusterIP(old) && !needsClusterIP(svc) && requestedIP(svc) === requestedIP(old)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  if (needsNodePorts(old) && !needsNodePorts(svc) && samePorts(spec.ports, old.spec?.ports)) {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheckPort(old) && !needsHealthCheckPort(svc) && spec.healthCheckNodePort === old.spec?.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  // Fields only externally reachable Services (or load balancers) may carry go with the type.
  const external = (x: KObject) => typeOf(x) === 'NodePort' || typeOf(x) === 'LoadBalancer';
  if (external(old) && !external(svc) && spec.externalTrafficPolicy === old.spec?.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  const balanced = (x: KObject) => typeOf(x) === 'LoadBalancer';
  if (balanced(old) && !balanced(svc)) {
    if (spec.allocateLoadBalancerNodePorts === old.spec?.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass === old.spec?.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (needsClusterIP(svc) && !requestedIP(svc) && requestedIP(old)) {
    spec.clusterIP = old.spec.clusterIP;
    spec.clusterIPs = old.spec.clusterIPs ?? [old.spec.clusterIP];
  }
  if (needsNodePorts(svc)) {
    for (const p of (spec.ports ?? []) as ServicePort[]) {
      if (p.nodePort) continue;
      const before = (old.spec?.ports ?? []).find((o: ServicePort) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (before?.nodePort) p.nodePort = before.nodePort;
    }
  }
  if (needsHealthCheckPort(svc) && !spec.healthCheckNodePort && old.spec?.healthCheckNodePort) {
    spec.healthCheckNodePort = old.spec.healthCheckNodePort;
  }
}

function assignClusterIP(svc: KObject, allocator: ServiceAllocator, causes: FieldCause[]): void {
  const spec = svc.spec;
  const self = svc.metadata.uid;
  const wanted = requestedIP(svc);
  if (wanted === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
  } else if (wanted) {
    const ip = parseIPv4(wanted);
    const shown = `[]string{"${wanted}"}`;
    if (ip === undefined) {
      causes.push({
        field: 'spec.clusterIPs[0]',
        type: 'FieldValueInvalid',
        message: `spec.clusterIPs[0]: Invalid value: "${wanted}": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`,
      });
      return;
    }
    let problem: string | undefined;
    if (!inRange(SERVICE_IP_RANGE, ip)) {
      problem = `the provided IP (${wanted}) is not in the valid range. The range of valid IPs is ${SERVICE_IP_RANGE.text}`;
    } else {
      const owner = allocator.ips.owner(ip);
      if (owner !== undefined && (!self || owner !== self)) problem = 'provided IP is already allocated';
    }
    if (problem) {
      causes.push({
        field: 'spec.clusterIPs',
        type: 'FieldValueInvalid',
        message: `spec.clusterIPs: Invalid value: ${shown}: failed to allocate IP ${wanted}: ${problem}`,
      });
      return;
    }
    spec.clusterIP = wanted;
    spec.clusterIPs = [wanted];
  } else {
    const ip = allocator.ips.next(new Set(), self);
    if (ip === undefined) throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
    spec.clusterIP = formatIPv4(ip);
    spec.clusterIPs = [spec.clusterIP];
  }
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
}

function checkPort(field: string, port: number, allocator: ServiceAllocator, self: string | undefined, causes: FieldCause[]): boolean {
  let problem: string | undefined;
  if (!inRange(NODE_PORT_RANGE, port)) {
    problem = `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.text}`;
  } else {
    const owner = allocator.ports.owner(port);
    if (owner !== undefined && (!self || owner !== self)) problem = 'provided port is already allocated';
  }
  if (!problem) return true;
  causes.push({ field, type: 'FieldValueInvalid', message: `${field}: Invalid value: ${port}: ${problem}` });
  return false;
}

function assignNodePorts(svc: KObject, allocator: ServiceAllocator, causes: FieldCause[]): void {
  const spec = svc.spec;
  const self = svc.metadata.uid;
  const ports = (spec.ports ?? []) as ServicePort[];
  const taken = new Set<number>();
  const allocate = !!needsNodePorts(svc);
  // Ports the client chose are checked first, so a generated one never takes them.
  ports.forEach((p, i) => {
    if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
      if (checkPort(`spec.ports[${i}].nodePort`, p.nodePort, allocator, self, causes)) taken.add(p.nodePort);
    }
  });
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort !== 0) {
    if (checkPort('spec.healthCheckNodePort', spec.healthCheckNodePort, allocator, self, causes)) taken.add(spec.healthCheckNodePort);
  }
  const next = (): number => {
    const port = allocator.ports.next(taken, self);
    if (port === undefined) throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a nodePort: range is full');
    taken.add(port);
    return port;
  };
  if (allocate) for (const p of ports) if (!p.nodePort) p.nodePort = next();
  if (needsHealthCheckPort(svc) && !spec.healthCheckNodePort) spec.healthCheckNodePort = next();
}

export function serviceAllocation(store: Store): AdmissionPlugin {
  const allocator = new ServiceAllocator(store);
  return {
    name: 'ServiceAllocation',
    mutate({ operation, object: svc, old }) {
      if (svc.kind !== 'Service' || (operation !== 'CREATE' && operation !== 'UPDATE')) return;
      svc.spec ??= {};
      allocator.refresh();
      if (operation === 'UPDATE' && old) carryOver(svc, old);
      const causes: FieldCause[] = [];
      if (needsClusterIP(svc)) assignClusterIP(svc, allocator, causes);
      assignNodePorts(svc, allocator, causes);
      if (causes.length) throw invalid('Service', requestedName(svc), causes);
      allocator.reserve(svc);
    },
  };
}
