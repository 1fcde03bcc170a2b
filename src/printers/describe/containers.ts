// The `Containers:` section of pods and pod templates (describeContainers): image, ports, command,
// state, readiness and restarts (pods only), resources, probes, environment and mounts.
import type { Container, ContainerStatus } from '../../api/types.js';
import { printBool, rfc1123z, writeResources } from './fields.js';
import { probeText } from './probe.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './prefixWriter.js';

/** Resolves `valueFrom.fieldRef` for a pod's containers; templates have no values to show. */
export type FieldResolver = (fieldPath: string) => string;

type ContainerState = NonNullable<ContainerStatus['state']>;

export function writeContainers(
  w: PrefixWriter,
  label: string,
  containers: Container[] | undefined,
  statuses: ContainerStatus[] | undefined,
  space: string,
  resolve?: FieldResolver,
): void {
  const list = containers ?? [];
  w.write(LEVEL_0, `${space}${label}:${list.length ? '' : ' <none>'}\n`);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  for (const c of list) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    const restartPolicy = (c as { restartPolicy?: string }).restartPolicy;
    if (restartPolicy) w.write(LEVEL_2, `Restart Policy:\t${restartPolicy}\n`);
    writeList(w, 'Command', c.command);
    writeList(w, 'Args', c.args);
    if (status) {
      writeState(w, 'State', status.state);
      if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    writeResources(w, c.resources as Parameters<typeof writeResources>[1], LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${probeText(c.livenessProbe as Parameters<typeof probeText>[0])}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${probeText(c.readinessProbe as Parameters<typeof probeText>[0])}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${probeText(c.startupProbe as Parameters<typeof probeText>[0])}\n`);
    if (c.envFrom?.length) writeEnvFrom(w, c);
    writeEnv(w, c, resolve);
    writeMounts(w, c);
  }
}

function writeList(w: PrefixWriter, title: string, items: string[] | undefined): void {
  if (!items?.length) return;
  w.write(LEVEL_2, `${title}:\n`);
  for (const item of items) for (const s of item.split('\n')) w.write(LEVEL_3, `${s}\n`);
}

function writeState(w: PrefixWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(LEVEL_2, `${title}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
  }
}

function writeEnvFrom(w: PrefixWriter, c: Container): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? 'ConfigMap' : 'Secret';
    const optional = ref?.optional ?? false;
    w.write(LEVEL_3, e.prefix ? `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
  }
}

function writeEnv(w: PrefixWriter, c: Container, resolve: FieldResolver | undefined): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(LEVEL_3, i ? `\t${s}\n` : `${e.name}:\t${s}\n`));
    } else if (from.fieldRef) {
      const value = resolve ? resolve(from.fieldRef.fieldPath) : '';
      w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      w.write(LEVEL_3, `${e.name}:\t${resourceFieldValue(c, resource)} (${resource})\n`);
    } else if (from.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${from.secretKeyRef.optional ?? false}\n`);
    } else if (from.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${from.configMapKeyRef.optional ?? false}\n`);
    }
  }
}

/** `limits.cpu` → the container's limit, or `node allocatable` when it has none, as kubectl says. */
function resourceFieldValue(c: Container, resource: string): string {
  const [section, name] = resource.split('.', 2);
  const list = section === 'limits' ? c.resources?.limits : section === 'requests' ? c.resources?.requests : undefined;
  const value = list?.[name ?? ''];
  if (value !== undefined) return String(value);
  return section === 'limits' && (name === 'cpu' || name === 'memory') ? 'node allocatable' : '0';
}

function writeMounts(w: PrefixWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

