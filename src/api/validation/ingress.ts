// Ingresses, networking.k8s.io/v1 (pkg/apis/networking/validation).
import type { FieldCause } from '../errors.js';
import { field, path, type Path } from './fieldPath.js';
import { goLiteral } from './goFormat.js';
import { validateMeta } from './meta.js';
import {
  isDNS1123Subdomain,
  isIP,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
} from './names.js';

const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];
const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];

function validateBackend(backend: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const resource = backend?.resource;
  const service = backend?.service;
  if (resource && service) return [field.invalid(at, '', 'cannot set both resource and service backends')];
  if (resource) {
    if (!resource.kind) errs.push(field.required(at.child('resource', 'kind')));
    if (!resource.name) errs.push(field.required(at.child('resource', 'name')));
    return errs;
  }
  if (!service) return [field.invalid(at, '', 'resource or service backend is required')];
  if (!service.name) errs.push(field.required(at.child('service', 'name')));
  else for (const msg of nameIsDNS1035Label(service.name, false)) errs.push(field.invalid(at.child('service', 'name'), service.name, msg));
  const portName = service.port?.name;
  const portNumber = service.port?.number;
  if (portName && portNumber) errs.push(field.invalid(at, '', 'cannot set both port name & port number'));
  else if (portName) for (const msg of isValidPortName(portName)) errs.push(field.invalid(at.child('service', 'port', 'name'), portName, msg));
  else if (portNumber) for (const msg of isValidPortNum(portNumber)) errs.push(field.invalid(at.child('service', 'port', 'number'), portNumber, msg));
  else errs.push(field.required(at, 'port name or number is required'));
  return errs;
}

function validatePath(p: any, at: Path): FieldCause[] {
  if (!p.pathType) return [field.required(at.child('pathType'), 'pathType must be specified')];
  const errs: FieldCause[] = [];
  const value: string = p.path ?? '';
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/')) errs.push(field.invalid(at.child('path'), value, 'must be an absolute path'));
      if (value) {
        for (const seq of invalidPathSequences) if (value.includes(seq)) errs.push(field.invalid(at.child('path'), value, `must not contain '${seq}'`));
        for (const suffix of invalidPathSuffixes) if (value.endsWith(suffix)) errs.push(field.invalid(at.child('path'), value, `cannot end with '${suffix}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (value && !value.startsWith('/')) errs.push(field.invalid(at.child('path'), value, 'must be an absolute path'));
      break;
    default:
      errs.push(field.notSupported(at.child('pathType'), p.pathType, pathTypes));
  }
  errs.push(...validateBackend(p.backend, at.child('backend')));
  return errs;
}

function validateHost(host: string, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (isIP(host)) errs.push(field.invalid(at, host, 'must be a DNS name, not an IP address'));
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const msg of msgs) errs.push(field.invalid(at, host, msg));
  return errs;
}

function validateRules(rules: any[], at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  rules.forEach((rule, i) => {
    const p = at.index(i);
    if (rule.host) errs.push(...validateHost(rule.host, p.child('host')));
    if (rule.http) {
      const paths: any[] = rule.http.paths ?? [];
      if (!paths.length) errs.push(field.required(p.child('http', 'paths')));
      paths.forEach((hp, j) => errs.push(...validatePath(hp, p.child('http', 'paths').index(j))));
    }
  });
  return errs;
}

function validateTLS(tls: any[], at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  tls.forEach((t, i) => {
    (t.hosts ?? []).forEach((host: string, j: number) => {
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const msg of msgs) errs.push(field.invalid(at.index(i).child('hosts').index(j), host, msg));
    });
    if (t.secretName) for (const msg of nameIsDNSSubdomain(t.secretName, false)) errs.push(field.invalid(at.index(i).child('secretName'), t.secretName, msg));
  });
  return errs;
}

export function validateIngress(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  const at = path('spec');
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  const rules: any[] = spec.rules ?? [];
  if (!rules.length && !spec.defaultBackend) {
    errs.push(field.invalid(at, goLiteral('[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, at.child('defaultBackend')));
  if (rules.length) errs.push(...validateRules(rules, at.child('rules')));
  if (spec.tls?.length) errs.push(...validateTLS(spec.tls, at.child('tls')));
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    for (const msg of nameIsDNSSubdomain(spec.ingressClassName, false)) errs.push(field.invalid(at.child('ingressClassName'), spec.ingressClassName, msg));
  }
  return errs;
}
