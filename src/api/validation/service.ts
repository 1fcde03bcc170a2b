// Services (ValidateService, ValidateServiceUpdate) plus the port allocator's range check.
import type { FieldCause } from '../errors.js';
import { field, path, type Path } from './fieldPath.js';
import { goLiteral, goQuote, goStringSlice } from './goFormat.js';
import { validatePortNumOrName, validateDNS1123Label } from './containers.js';
import { validateLabels, validateMeta, validateQualifiedName } from './meta.js';
import { invalidCIDRMsg, invalidIPMsg, isCIDR, isIP, isIPv6, isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain } from './names.js';

export const nodePortRange = { min: 30000, max: 32767 };

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const protocols = ['SCTP', 'TCP', 'UDP'];
const maxClientIPServiceAffinitySeconds = 86400;

const isHeadless = (spec: any): boolean => spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === 'None';
const externallyAccessible = (spec: any): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);

function servicePortText(port: any): string {
  const target = port.targetPort;
  const targetText =
    typeof target === 'string'
      ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(target)}}`
      : `intstr.IntOrString{Type:0, IntVal:${target ?? 0}, StrVal:""}`;
  return `core.ServicePort{Name:"", Protocol:${goQuote(port.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${port.port ?? 0}, TargetPort:${targetText}, NodePort:0}`;
}

function validateServicePort(sp: any, requireName: boolean, names: Set<string>, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (requireName && !sp.name) errs.push(field.required(at.child('name')));
  else if (sp.name) {
    errs.push(...validateDNS1123Label(sp.name, at.child('name')));
    if (names.has(sp.name)) errs.push(field.duplicate(at.child('name'), sp.name));
    else names.add(sp.name);
  }
  for (const msg of isValidPortNum(sp.port ?? 0)) errs.push(field.invalid(at.child('port'), sp.port ?? 0, msg));
  if (!sp.protocol) errs.push(field.required(at.child('protocol')));
  else if (!protocols.includes(sp.protocol)) errs.push(field.notSupported(at.child('protocol'), sp.protocol, protocols));
  errs.push(...validatePortNumOrName(sp.targetPort ?? 0, at.child('targetPort')));
  if (sp.appProtocol) errs.push(...validateQualifiedName(sp.appProtocol, at.child('appProtocol')));
  return errs;
}

function validateClusterIPs(spec: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const ips: string[] = spec.clusterIPs ?? [];
  const ipsPath = at.child('clusterIPs');
  if (spec.clusterIP) {
    if (!ips.length) errs.push(field.required(ipsPath));
    else if (ips[0] !== spec.clusterIP) errs.push(field.invalid(ipsPath, goLiteral(goStringSlice(ips)), 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(field.invalid(ipsPath, goLiteral(goStringSlice(ips)), 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((family: string, i: number) => {
    if (family !== 'IPv4' && family !== 'IPv6') errs.push(field.notSupported(at.child('ipFamilies').index(i), family, ['IPv4', 'IPv6']));
    if (seen.has(family)) errs.push(field.duplicate(at.child('ipFamilies').index(i), family));
    seen.add(family);
  });
  const policy = spec.ipFamilyPolicy;
  if (policy !== undefined && policy !== null && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(policy)) {
    errs.push(field.notSupported(at.child('ipFamilyPolicy'), policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let badIP = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIP = true;
        errs.push(field.invalid(ipsPath, goLiteral(goStringSlice(ips)), "'None' must be the first and only value"));
      }
      return;
    }
    if (!isIP(ip)) {
      badIP = true;
      errs.push(field.invalid(ipsPath.index(i), ip, invalidIPMsg));
    }
  });
  if (ips.length > 2) errs.push(field.invalid(ipsPath, goLiteral(goStringSlice(ips)), 'may only hold up to 2 values'));
  if (badIP) return errs;
  if (ips.length > 1 && isIPv6(ips[0]!) === isIPv6(ips[1]!)) {
    errs.push(field.invalid(ipsPath, goLiteral(goStringSlice(ips)), 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      const family = spec.ipFamilies?.[i];
      if (family === 'IPv4' && isIPv6(ip)) errs.push(field.invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (family === 'IPv6' && !isIPv6(ip)) errs.push(field.invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validateServiceSpec(spec: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const ports: any[] = spec.ports ?? [];
  const headless = isHeadless(spec);
  if (!ports.length && !headless && spec.type !== 'ExternalName') errs.push(field.required(at.child('ports')));
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && headless) {
    errs.push(field.invalid(at.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length) errs.push(field.forbidden(at.child('clusterIPs'), 'may not be set for ExternalName services'));
    if (spec.ipFamilies?.length) errs.push(field.forbidden(at.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy) errs.push(field.forbidden(at.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    // A CNAME may carry a trailing dot.
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (!cname) errs.push(field.required(at.child('externalName')));
    else for (const msg of nameIsDNSSubdomain(cname, false)) errs.push(field.invalid(at.child('externalName'), cname, msg));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, at.child('ports').index(i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, at.child('selector')));

  const affinity = spec.sessionAffinity;
  if (!affinity) errs.push(field.required(at.child('sessionAffinity')));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(field.notSupported(at.child('sessionAffinity'), affinity, ['ClientIP', 'None']));
  const cfgPath = at.child('sessionAffinityConfig');
  if (affinity === 'ClientIP') {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (!spec.sessionAffinityConfig) errs.push(field.required(cfgPath, 'when session affinity type is ClientIP'));
    else if (!spec.sessionAffinityConfig.clientIP) errs.push(field.required(cfgPath.child('clientIP'), 'when session affinity type is ClientIP'));
    else if (timeout === undefined || timeout === null) errs.push(field.required(cfgPath.child('clientIP', 'timeoutSeconds'), 'when session affinity type is ClientIP'));
    else if (timeout <= 0 || timeout > maxClientIPServiceAffinitySeconds) {
      errs.push(field.invalid(cfgPath.child('clientIP', 'timeoutSeconds'), timeout, `must be greater than 0 and less than ${maxClientIPServiceAffinitySeconds}`));
    }
  } else if (affinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(field.forbidden(cfgPath, 'must not be set when session affinity is None'));
  }

  if (spec.type !== 'ExternalName') errs.push(...validateClusterIPs(spec, at));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!isIP(ip)) errs.push(field.invalid(at.child('externalIPs').index(i), ip, invalidIPMsg));
  });

  if (!spec.type) errs.push(field.required(at.child('type')));
  else if (!serviceTypes.includes(spec.type)) errs.push(field.notSupported(at.child('type'), spec.type, serviceTypes));
  errs.push(...validateNodePorts(spec, ports, at));

  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seenPorts.has(key)) errs.push(field.duplicate(at.child('ports').index(i), goLiteral(servicePortText(p))));
    seenPorts.add(key);
  });

  const ranges: string[] = spec.loadBalancerSourceRanges ?? [];
  if (ranges.length) {
    const rp = at.child('LoadBalancerSourceRanges');
    if (spec.type !== 'LoadBalancer') errs.push(field.forbidden(rp, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => {
      if (!isCIDR(r.trim())) errs.push(field.invalid(rp.index(i), r.trim(), invalidCIDRMsg));
    });
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && spec.type !== 'LoadBalancer') {
    errs.push(field.forbidden(at.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    errs.push(field.required(path('allocateLoadBalancerNodePorts')));
  }
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null) {
    if (spec.type === 'LoadBalancer') errs.push(...validateQualifiedName(spec.loadBalancerClass, at.child('loadBalancerClass')));
    else errs.push(field.forbidden(at.child('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
  }

  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) {
      errs.push(field.invalid(at.child('externalTrafficPolicy'), spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) errs.push(field.required(at.child('externalTrafficPolicy')));
  else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) {
    errs.push(field.notSupported(at.child('externalTrafficPolicy'), spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  const itp = spec.internalTrafficPolicy;
  if ((itp === undefined || itp === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) errs.push(field.required(at.child('internalTrafficPolicy')));
  if (itp !== undefined && itp !== null && !['Cluster', 'Local'].includes(itp)) errs.push(field.notSupported(at.child('internalTrafficPolicy'), itp, ['Cluster', 'Local']));
  return errs;
}

/** NodePorts: only on NodePort/LoadBalancer services, unique, and inside the apiserver's range. */
function validateNodePorts(spec: any, ports: any[], at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const np = at.child('ports').index(i).child('nodePort');
    if (spec.type === 'ClusterIP') {
      errs.push(field.forbidden(np, "may not be used when `type` is 'ClusterIP'"));
      return;
    }
    const key = `${p.protocol}/${p.nodePort}`;
    if (seen.has(key)) errs.push(field.duplicate(np, p.nodePort));
    seen.add(key);
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && (p.nodePort < nodePortRange.min || p.nodePort > nodePortRange.max)) {
      errs.push(
        field.invalid(np, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}`),
      );
    }
  });
  return errs;
}

/** Allocated addresses stay put: the primary cluster IP and IP family cannot change. */
function validateServiceUpdate(spec: any, old: any): FieldCause[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(old)) return [];
  const now: string[] = spec.clusterIPs ?? [];
  const before: string[] = old.clusterIPs ?? [];
  // kubesim's admission carries the allocated IPs over when a client leaves them out.
  if (!now.length && !spec.clusterIP) return [];
  const errs: FieldCause[] = [];
  const shown = goLiteral(goStringSlice(now));
  if (now.length === before.length) {
    before.forEach((ip, i) => {
      if (ip !== now[i]) errs.push(field.invalid(path('spec', 'clusterIPs').index(i), shown, 'may not change once set'));
    });
  } else if (before.length && now.length && now[0] !== before[0]) {
    errs.push(field.invalid(path('spec', 'clusterIPs').index(0), shown, 'may not change once set'));
  }
  const families: string[] = spec.ipFamilies ?? [];
  const oldFamilies: string[] = old.ipFamilies ?? [];
  if (families.length && families.length === oldFamilies.length && families.some((f, i) => f !== oldFamilies[i])) {
    errs.push(field.invalid(path('spec', 'ipFamilies').index(0), goLiteral(goStringSlice(families, '[]core.IPFamily')), 'may not change once set'));
  }
  return errs;
}

export function validateService(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  const errs = validateMeta(obj, old, true, nameIsDNS1035Label);
  if (old) errs.push(...validateServiceUpdate(spec, old.spec ?? {}));
  errs.push(...validateServiceSpec(spec, path('spec')));
  return errs;
}
