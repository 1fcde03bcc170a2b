// A container's environment, resolved at start as the kubelet's makeEnvironmentVariables does:
// `envFrom` then `env` (later wins), `$(VAR)` references to earlier variables, values from
// ConfigMaps, Secrets, the pod's own fields and its resources, and the Service link variables of
// every Service in the namespace. A missing ConfigMap, Secret or key that is not optional is an
// error with the kubelet's exact text; the caller turns it into CreateContainerConfigError.
import { podFieldValue } from '../api/downwardApi.js';
import type { ConfigMap, Container, Node, Pod, Secret, Service } from '../api/types.js';
import { milliValue, tryParseQuantity, value as quantityValue } from '../api/quantity.js';
import { serviceEnvironment } from '../sim/serviceDns.js';
import { sharedEnvironment } from './sharedByContent.js';
import type { Store } from '../store/store.js';
import { BoundedCache } from '../util/boundedCache.js';

export interface ObjectWait {
  kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';
  namespace: string;
  name: string;
}

export type EnvResult = { ok: true; env: Readonly<Record<string, string>> } | { ok: false; error: string; waitFor: ObjectWait };

export interface EnvContext {
  store: Store;
  pod: Pod;
  node: Node | undefined;
  podIP: string;
  hostIP: string;
}

export function decodeSecretValue(data: string): string {
  return Buffer.from(data, 'base64').toString('utf8');
}

export function resolveEnv(container: Container, ctx: EnvContext): EnvResult {
  const { store, pod } = ctx;
  // Nothing of its own: the environment is the Service variables, as worked out for the namespace.
  if (!container.envFrom?.length && !container.env?.length) return { ok: true, env: serviceEnv(store, pod) };
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {};
  const fail = (error: string, kind: ObjectWait['kind'], name: string): EnvResult => ({ ok: false, error, waitFor: { kind, namespace: ns, name } });

  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    if (source.configMapRef) {
      const name = source.configMapRef.name ?? '';
      const cm = store.get<ConfigMap>('ConfigMap', ns, name);
      if (!cm) {
        if (source.configMapRef.optional) continue;
        return fail(`configmap "${name}" not found`, 'ConfigMap', name);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env[prefix + k] = v;
    } else if (source.secretRef) {
      const name = source.secretRef.name ?? '';
      const secret = store.get<Secret>('Secret', ns, name);
      if (!secret) {
        if (source.secretRef.optional) continue;
        return fail(`secret "${name}" not found`, 'Secret', name);
      }
      for (const [k, v] of Object.entries(secret.data ?? {})) env[prefix + k] = decodeSecretValue(v);
    }
  }

  const services = serviceEnv(store, pod);
  for (const item of container.env ?? []) {
    if (item.valueFrom === undefined || item.valueFrom === null) {
      env[item.name] = expandReferences(item.value ?? '', env, services);
      continue;
    }
    const from = item.valueFrom;
    if (from.configMapKeyRef) {
      const { name = '', key, optional } = from.configMapKeyRef;
      const cm = store.get<ConfigMap>('ConfigMap', ns, name);
      if (!cm) {
        if (optional) continue;
        return fail(`configmap "${name}" not found`, 'ConfigMap', name);
      }
      // Own keys only: `key: constructor` must not find Object.prototype's.
      const v = ownValue(cm.data, key) ?? (ownValue(cm.binaryData, key) !== undefined ? decodeSecretValue(ownValue(cm.binaryData, key)!) : undefined);
      if (v === undefined) {
        if (optional) continue;
        return fail(`couldn't find key ${key} in ConfigMap ${ns}/${name}`, 'ConfigMap', name);
      }
      env[item.name] = v;
    } else if (from.secretKeyRef) {
      const { name = '', key, optional } = from.secretKeyRef;
      const secret = store.get<Secret>('Secret', ns, name);
      if (!secret) {
        if (optional) continue;
        return fail(`secret "${name}" not found`, 'Secret', name);
      }
      const v = ownValue(secret.data, key);
      if (v === undefined) {
        if (optional) continue;
        return fail(`couldn't find key ${key} in Secret ${ns}/${name}`, 'Secret', name);
      }
      env[item.name] = decodeSecretValue(v);
    } else if (from.fieldRef) {
      env[item.name] = fieldValue(from.fieldRef.fieldPath, ctx);
    } else if (from.resourceFieldRef) {
      env[item.name] = resourceValue(from.resourceFieldRef, container, ctx);
    }
  }
  // Service variables only fill in what the container did not set itself.
  for (const [k, v] of Object.entries(services)) if (!(k in env)) env[k] = v;
  return { ok: true, env };
}

function ownValue(map: Record<string, string> | undefined, key: string): string | undefined {
  return map && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** `$(VAR)` expands to an earlier variable; `$$(VAR)` is a literal `$(VAR)`; unknown names stay as written. */
export function expandReferences(text: string, env: Record<string, string>, services: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    const v = env[name!] ?? services[name!];
    return v ?? match;
  });
}

function fieldValue(path: string, ctx: EnvContext): string {
  return podFieldValue(ctx.pod, path, { hostIP: ctx.hostIP, podIP: ctx.podIP });
}

function resourceValue(ref: { containerName?: string; resource: string; divisor?: string | number }, container: Container, ctx: EnvContext): string {
  const target = ref.containerName ? (ctx.pod.spec?.containers.find((c) => c.name === ref.containerName) ?? container) : container;
  const [kind, resource] = ref.resource.split('.') as ['limits' | 'requests', string];
  const raw = target.resources?.[kind]?.[resource] ?? (kind === 'limits' ? ctx.node?.status?.allocatable?.[resource] : undefined);
  const q = tryParseQuantity(raw ?? '0');
  const divisor = tryParseQuantity(ref.divisor ?? '1');
  if (!q || !divisor || divisor.nanos === 0n) return '0';
  if (resource === 'cpu') return String(Math.ceil(milliValue(q) / Math.max(1, milliValue(divisor))));
  return String(Math.ceil(quantityValue(q) / Math.max(1, quantityValue(divisor))));
}

/**
 * The docker-link style variables for every Service in the namespace (and `kubernetes` from
 * default), as a map; the one implementation lives in sim/serviceDns.ts beside the DNS names.
 */
export function serviceEnv(store: Store, pod: Pod): Readonly<Record<string, string>> {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  // What serviceEnvironment reads: the kubernetes Service and (with service links) the namespace's
  // Services. Stored objects are never changed in place, so the same objects give the same variables.
  const read: Service[] = [];
  const master = store.get<Service>('Service', 'default', 'kubernetes');
  if (master) read.push(master);
  if (links) read.push(...store.list<Service>('Service', { namespace: ns }));
  let cache = serviceEnvCache.get(store);
  if (!cache) serviceEnvCache.set(store, (cache = new BoundedCache(4096)));
  const key = `${links ? '+' : '-'}${ns}`;
  const known = cache.get(key);
  if (known && known.read.length === read.length && known.read.every((o, i) => o === read[i])) return known.env;
  const env: Record<string, string> = {};
  for (const v of serviceEnvironment(store, pod)) env[v.name] = v.value;
  cache.set(key, { read, env });
  return sharedEnvironment(env);
}

/** The Service variables of each namespace as last worked out, with the Services they came from. */
const serviceEnvCache = new WeakMap<Store, BoundedCache<string, { read: Service[]; env: Readonly<Record<string, string>> }>>();
