// Containers of a pod spec: names, images, ports, env, mounts, probes, lifecycle, resources.
import type { FieldCause } from '../errors.js';
import { field, nonNegative, type Path } from './fieldPath.js';
import { validateQualifiedName } from './meta.js';
import {
  isConfigMapKey,
  isDNS1123Label,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  nameIsDNSSubdomain,
} from './names.js';
import { validateContainerResources } from './resources.js';

const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];
const supportedPullPolicies = ['Always', 'IfNotPresent', 'Never'];

export function validateDNS1123Label(value: string, at: Path): FieldCause[] {
  return isDNS1123Label(value).map((msg) => field.invalid(at, value, msg));
}

/** A port given as number or IANA name (probes, service targetPort). */
export function validatePortNumOrName(port: unknown, at: Path): FieldCause[] {
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => field.invalid(at, port, msg));
  if (typeof port === 'string') {
    // YAML `port: "8080"` decodes to a string; IntOrString keeps it a name, so it must be a valid one.
    return isValidPortName(port).map((msg) => field.invalid(at, port, msg));
  }
  return [field.required(at)];
}

function validateContainerPorts(ports: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = at.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const msg of msgs) errs.push(field.invalid(p.child('name'), port.name, msg));
      else if (names.has(port.name)) errs.push(field.duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(field.required(p.child('containerPort')));
    else for (const msg of isValidPortNum(port.containerPort)) errs.push(field.invalid(p.child('containerPort'), port.containerPort, msg));
    if (port.hostPort) for (const msg of isValidPortNum(port.hostPort)) errs.push(field.invalid(p.child('hostPort'), port.hostPort, msg));
    if (!port.protocol) errs.push(field.required(p.child('protocol')));
    else if (!supportedPortProtocols.includes(port.protocol)) errs.push(field.notSupported(p.child('protocol'), port.protocol, supportedPortProtocols));
  });
  return errs;
}

const envFieldPaths = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const resourceFieldPaths = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function validateKeySelector(ref: any, at: Path): FieldCause[] {
  const errs = nameIsDNSSubdomain(ref.name ?? '', false).map((msg) => field.invalid(at.child('name'), ref.name ?? '', msg));
  if (!ref.key) errs.push(field.required(at.child('key')));
  else for (const msg of isConfigMapKey(ref.key)) errs.push(field.invalid(at.child('key'), ref.key, msg));
  return errs;
}

function validateFieldRef(ref: any, at: Path): FieldCause[] {
  if (!ref.apiVersion) return [field.required(at.child('apiVersion'))];
  if (!ref.fieldPath) return [field.required(at.child('fieldPath'))];
  const subscripted = /^(metadata\.(labels|annotations))\['(.*)'\]$/.exec(ref.fieldPath);
  if (subscripted) {
    const key = subscripted[2] === 'annotations' ? subscripted[3]!.toLowerCase() : subscripted[3]!;
    return validateQualifiedName(key, at);
  }
  return envFieldPaths.includes(ref.fieldPath) ? [] : [field.notSupported(at.child('fieldPath'), ref.fieldPath, envFieldPaths)];
}

function validateEnvValueFrom(ev: any, at: Path): FieldCause[] {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: FieldCause[] = [];
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    errs.push(...validateFieldRef(from.fieldRef, at.child('fieldRef')));
  }
  if (from.resourceFieldRef) {
    sources++;
    const r = from.resourceFieldRef;
    const p = at.child('resourceFieldRef');
    if (!r.resource) errs.push(field.required(p.child('resource')));
    else if (!resourceFieldPaths.includes(r.resource) && !/^(requests|limits)\.hugepages-/.test(r.resource)) {
      errs.push(field.notSupported(p.child('resource'), r.resource, resourceFieldPaths));
    }
  }
  if (from.configMapKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.configMapKeyRef, at.child('configMapKeyRef')));
  }
  if (from.secretKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.secretKeyRef, at.child('secretKeyRef')));
  }
  if (sources === 0) errs.push(field.invalid(at, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(field.invalid(at, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(field.invalid(at, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateEnv(env: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  (env ?? []).forEach((ev, i) => {
    const p = at.index(i);
    if (!ev.name) errs.push(field.required(p.child('name')));
    else for (const msg of isRelaxedEnvVarName(ev.name)) errs.push(field.invalid(p.child('name'), ev.name, msg));
    errs.push(...validateEnvValueFrom(ev, p.child('valueFrom')));
  });
  return errs;
}

function validateEnvFrom(envFrom: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  (envFrom ?? []).forEach((ev, i) => {
    const p = at.index(i);
    if (ev.prefix) for (const msg of isRelaxedEnvVarName(ev.prefix)) errs.push(field.invalid(p.child('prefix'), ev.prefix, msg));
    let sources = 0;
    for (const [key, ref] of [
      ['configMapRef', ev.configMapRef],
      ['secretRef', ev.secretRef],
    ] as const) {
      if (!ref) continue;
      sources++;
      if (!ref.name) errs.push(field.required(p.child(key, 'name')));
      else for (const msg of nameIsDNSSubdomain(ref.name, true)) errs.push(field.invalid(p.child(key, 'name'), ref.name, msg));
    }
    if (sources === 0) errs.push(field.invalid(at, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(field.invalid(at, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: any[] | undefined, volumes: ReadonlySet<string>, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = at.index(i);
    if (!m.name) errs.push(field.required(p.child('name')));
    if (!volumes.has(m.name ?? '')) errs.push(field.notFound(p.child('name'), m.name ?? ''));
    if (!m.mountPath) errs.push(field.required(p.child('mountPath')));
    if (paths.has(m.mountPath ?? '')) errs.push(field.invalid(p.child('mountPath'), m.mountPath ?? '', 'must be unique'));
    paths.add(m.mountPath ?? '');
    if (m.subPath) errs.push(...validateRelativePath(m.subPath, at.child('subPath')));
  });
  return errs;
}

/** validateLocalDescendingPath: relative, without `..` elements. */
export function validateRelativePath(value: string, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (value.startsWith('/')) errs.push(field.invalid(at, value, 'must be a relative path'));
  if (value.split('/').includes('..')) errs.push(field.invalid(at, value, "must not contain '..'"));
  return errs;
}

function validateHandler(handler: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  let count = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const) {
    const h = handler[kind];
    if (!h) continue;
    const p = at.child(kind);
    if (count > 0) {
      errs.push(field.forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    if (kind === 'exec' && !(h.command?.length > 0)) errs.push(field.required(p.child('command')));
    if (kind === 'httpGet') {
      if (!h.path) errs.push(field.required(p.child('path')));
      errs.push(...validatePortNumOrName(h.port, p.child('port')));
      if (!['HTTP', 'HTTPS'].includes(h.scheme)) errs.push(field.notSupported(p.child('scheme'), h.scheme ?? '', ['HTTP', 'HTTPS']));
      for (const header of h.httpHeaders ?? []) {
        for (const msg of isHTTPHeaderName(header.name ?? '')) errs.push(field.invalid(p.child('httpHeaders'), header.name ?? '', msg));
      }
    }
    if (kind === 'tcpSocket' || kind === 'grpc') errs.push(...validatePortNumOrName(h.port, p.child('port')));
  }
  if (count === 0) errs.push(field.required(at, 'must specify a handler type'));
  return errs;
}

type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

function validateProbe(probe: any, kind: ProbeKind, at: Path): FieldCause[] {
  if (!probe) return [];
  const errs = validateHandler(probe, at);
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[key], at.child(key)));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && grace !== null && grace <= 0) errs.push(field.invalid(at.child('terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  if (kind === 'readinessProbe' && grace !== undefined && grace !== null) {
    errs.push(field.invalid(at.child('terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes'));
  }
  // Only readiness may require several successes in a row.
  if (kind !== 'readinessProbe' && probe.successThreshold !== 1) {
    errs.push(field.invalid(at.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  }
  return errs;
}

function validateSecurityContext(sc: any, at: Path): FieldCause[] {
  if (!sc) return [];
  const errs: FieldCause[] = [];
  for (const key of ['runAsUser', 'runAsGroup']) {
    if (typeof sc[key] === 'number') for (const msg of isValidUserID(sc[key])) errs.push(field.invalid(at.child(key), sc[key], msg));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(field.invalid(at, '', 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}

/** validateContainerCommon: what every container (regular, init) must satisfy. */
function validateContainerCommon(c: any, volumes: ReadonlySet<string>, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (!c.name) errs.push(field.required(at.child('name')));
  else errs.push(...validateDNS1123Label(c.name, at.child('name')));
  if (!c.image) errs.push(field.required(at.child('image')));
  switch (c.terminationMessagePolicy) {
    case 'File':
    case 'FallbackToLogsOnError':
      break;
    case undefined:
    case '':
      errs.push(field.required(at.child('terminationMessagePolicy')));
      break;
    default:
      errs.push(field.notSupported(at.child('terminationMessagePolicy'), c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(c.ports, at.child('ports')));
  errs.push(...validateEnv(c.env, at.child('env')));
  errs.push(...validateEnvFrom(c.envFrom, at.child('envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, at.child('volumeMounts')));
  if (!c.imagePullPolicy) errs.push(field.required(at.child('imagePullPolicy')));
  else if (!supportedPullPolicies.includes(c.imagePullPolicy)) errs.push(field.notSupported(at.child('imagePullPolicy'), c.imagePullPolicy, supportedPullPolicies));
  errs.push(...validateContainerResources(c.resources, at.child('resources')));
  errs.push(...validateSecurityContext(c.securityContext, at.child('securityContext')));
  return errs;
}

function validateLifecycleAndProbes(c: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  if (c.lifecycle?.postStart) errs.push(...validateHandler(c.lifecycle.postStart, at.child('lifecycle', 'postStart')));
  if (c.lifecycle?.preStop) errs.push(...validateHandler(c.lifecycle.preStop, at.child('lifecycle', 'preStop')));
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) errs.push(...validateProbe(c[kind], kind, at.child(kind)));
  return errs;
}

/** validateContainers: at least one; unique names; host ports not reused. */
export function validateContainers(containers: any[] | undefined, volumes: ReadonlySet<string>, at: Path): FieldCause[] {
  if (!containers?.length) return [field.required(at)];
  const errs: FieldCause[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = at.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(field.duplicate(p.child('name'), c.name ?? ''));
    else names.add(c.name);
    errs.push(...validateLifecycleAndProbes(c, p));
    if (c.restartPolicy) errs.push(field.forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, at));
  return errs;
}

/** validateInitContainers: names unique across init and regular containers; sidecars may have probes. */
export function validateInitContainers(init: any[] | undefined, regular: any[] | undefined, volumes: ReadonlySet<string>, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const names = new Set<string>((regular ?? []).map((c) => c.name));
  (init ?? []).forEach((c, i) => {
    const p = at.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const sidecar = c.restartPolicy === 'Always';
    if (c.restartPolicy && !sidecar) errs.push(field.notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
    if (names.has(c.name)) errs.push(field.duplicate(p.child('name'), c.name ?? ''));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], at));
    if (sidecar) errs.push(...validateLifecycleAndProbes(c, p));
    else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[key]) errs.push(field.forbidden(p.child(key), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

function checkHostPortConflicts(containers: any[], at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port: any, pi: number) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(field.duplicate(at.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

/** Pod-only (not template) container checks. */
export function validateContainersOnlyForPod(containers: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  (containers ?? []).forEach((c, i) => {
    if (typeof c.image === 'string' && c.image !== c.image.trim()) {
      errs.push(field.invalid(at.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'));
    }
  });
  return errs;
}
