// Volume set-up for a pod, as far as the simulation needs it: ConfigMap, Secret and projected
// volumes must find their objects (and keys), a PersistentVolumeClaim must exist and be Bound.
// A failure carries the FailedMount text the kubelet prints; success yields the files each
// container sees at its mount paths (so `cat /etc/config/app.properties` prints the ConfigMap).
import type { ConfigMap, Container, core, PersistentVolumeClaim, Pod, Secret } from '../api/types.js';

type Volume = core.Volume;
import type { Store } from '../store/store.js';
import { decodeSecretValue, type ObjectWait } from './envVars.js';
import { VolumeFiles } from './volumeFiles.js';
import { BoundedCache } from '../util/boundedCache.js';

export type MountResult = { ok: true; files: ReadonlyMap<string, ReadonlyMap<string, string>> } | { ok: false; volume: string; message: string; waitFor: ObjectWait };

interface KeyToPath {
  key: string;
  path: string;
}

/** Every volume of the pod, or the first one that cannot be set up. */
export function mountVolumes(store: Store, pod: Pod): MountResult {
  const ns = pod.metadata.namespace ?? 'default';
  const volumes = pod.spec?.volumes ?? [];
  const contents: Array<Map<string, string>> = new Array(volumes.length); // relative path → content, per volume
  for (let i = 0; i < volumes.length; i++) {
    const vol = volumes[i];
    const versions: string[] = [];
    const r = mountOne(store, ns, vol, versions);
    if (!r.ok) return r;
    contents[i] = sharedContent(store, vol, ns, versions, r.files);
  }
  // Keyed by the spec's own volume names: the pod spec is never changed in place.
  return { ok: true, files: VolumeFiles.of(volumes, contents) };
}

/**
 * Contents of volumes kept once: in one store, the same source read from the same object versions
 * gives the same files (every pod's service-account volume, the replicas of a template).
 */
const contentsByStore = new WeakMap<Store, BoundedCache<string, Map<string, string>>>();
const sourceTexts = new WeakMap<object, string>();
const CONTENTS_LIMIT = 4096;

function sharedContent(store: Store, vol: Volume, ns: string, versions: string[], files: Map<string, string>): Map<string, string> {
  let contents = contentsByStore.get(store);
  if (!contents) contentsByStore.set(store, (contents = new BoundedCache(CONTENTS_LIMIT)));
  // Every pod's service-account volume is one shared (interned) object: its text is made once.
  const part = vol.projected ?? vol.configMap ?? vol.secret ?? vol.persistentVolumeClaim;
  let text = part ? sourceTexts.get(part) : undefined;
  if (text === undefined) {
    // The volume's name (random per pod for the service-account volume) does not decide the files.
    text = JSON.stringify({ ...vol, name: undefined });
    if (part) sourceTexts.set(part, text);
  }
  const key = `${ns}\n${versions.join(',')}\n${text}`;
  const known = contents.get(key);
  if (known) return known;
  return contents.set(key, files);
}

function failed(vol: Volume, message: string, waitFor: ObjectWait): Extract<MountResult, { ok: false }> {
  return { ok: false, volume: vol.name, message: `MountVolume.SetUp failed for volume "${vol.name}" : ${message}`, waitFor };
}

/** One volume's files; `versions` collects the resourceVersion of every object read (their contents decide the files). */
function mountOne(store: Store, ns: string, vol: Volume, versions: string[]): { ok: true; files: Map<string, string> } | Extract<MountResult, { ok: false }> {
  const files = new Map<string, string>();
  if (vol.configMap) {
    const name = vol.configMap.name ?? '';
    const r = configMapFiles(store, ns, name, vol.configMap.items, vol.configMap.optional, versions);
    if ('error' in r) return failed(vol, r.error, { kind: 'ConfigMap', namespace: ns, name });
    return { ok: true, files: r };
  }
  if (vol.secret) {
    const name = vol.secret.secretName ?? '';
    const r = secretFiles(store, ns, name, vol.secret.items, vol.secret.optional, versions);
    if ('error' in r) return failed(vol, r.error, { kind: 'Secret', namespace: ns, name });
    return { ok: true, files: r };
  }
  if (vol.projected) {
    for (const source of vol.projected.sources ?? []) {
      if (source.configMap) {
        const name = source.configMap.name ?? '';
        const r = configMapFiles(store, ns, name, source.configMap.items, source.configMap.optional, versions);
        if ('error' in r) return failed(vol, r.error, { kind: 'ConfigMap', namespace: ns, name });
        for (const [k, v] of r) files.set(k, v);
      } else if (source.secret) {
        const name = source.secret.name ?? '';
        const r = secretFiles(store, ns, name, source.secret.items, source.secret.optional, versions);
        if ('error' in r) return failed(vol, r.error, { kind: 'Secret', namespace: ns, name });
        for (const [k, v] of r) files.set(k, v);
      } else if (source.serviceAccountToken) {
        files.set(source.serviceAccountToken.path, 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVzaW0ifQ.simulated.token');
      }
    }
    return { ok: true, files };
  }
  if (vol.persistentVolumeClaim) {
    const claim = vol.persistentVolumeClaim.claimName;
    const pvc = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, claim);
    const prefix = `Unable to attach or mount volumes: unmounted volumes=[${vol.name}], unattached volumes=[], failed to process volumes=[${vol.name}]: error processing PVC ${ns}/${claim}`;
    const waitFor: ObjectWait = { kind: 'PersistentVolumeClaim', namespace: ns, name: claim };
    if (!pvc) return { ok: false, volume: vol.name, message: `${prefix}: failed to fetch PVC from API server: persistentvolumeclaims "${claim}" not found`, waitFor };
    if (pvc.status?.phase !== 'Bound') return { ok: false, volume: vol.name, message: `${prefix}: PVC is not bound`, waitFor };
    return { ok: true, files };
  }
  return { ok: true, files };
}

function configMapFiles(store: Store, ns: string, name: string, items: KeyToPath[] | undefined, optional: boolean | undefined, versions: string[]): Map<string, string> | { error: string } {
  const cm = store.get<ConfigMap>('ConfigMap', ns, name);
  versions.push(cm ? (cm.metadata.resourceVersion ?? '?') : '-');
  if (!cm) return optional ? new Map() : { error: `configmap "${name}" not found` };
  const all = new Map<string, string>(Object.entries(cm.data ?? {}));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) all.set(k, decodeSecretValue(v));
  return pick(all, items, optional, (key) => `configmap references non-existent config key: ${key}`);
}

function secretFiles(store: Store, ns: string, name: string, items: KeyToPath[] | undefined, optional: boolean | undefined, versions: string[]): Map<string, string> | { error: string } {
  const secret = store.get<Secret>('Secret', ns, name);
  versions.push(secret ? (secret.metadata.resourceVersion ?? '?') : '-');
  if (!secret) return optional ? new Map() : { error: `secret "${name}" not found` };
  const all = new Map<string, string>(Object.entries(secret.data ?? {}).map(([k, v]) => [k, decodeSecretValue(v)]));
  return pick(all, items, optional, (key) => `references non-existent secret key: ${key}`);
}

function pick(all: Map<string, string>, items: KeyToPath[] | undefined, optional: boolean | undefined, missing: (key: string) => string): Map<string, string> | { error: string } {
  if (!items?.length) return all;
  const out = new Map<string, string>();
  for (const item of items) {
    const v = all.get(item.key);
    if (v === undefined) {
      if (optional) continue;
      return { error: missing(item.key) };
    }
    out.set(item.path, v);
  }
  return out;
}

/** The files one container sees: each mounted volume's files under its mountPath (or one subPath file). */
export function containerFiles(container: Container, volumeFiles: ReadonlyMap<string, ReadonlyMap<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const mount of container.volumeMounts ?? []) {
    const files = volumeFiles.get(mount.name);
    if (!files?.size) continue;
    const base = mount.mountPath.replace(/\/+$/, '');
    if (mount.subPath) {
      const content = files.get(mount.subPath);
      if (content !== undefined) out.set(base, content);
      continue;
    }
    for (const [rel, content] of files) out.set(`${base}/${rel}`, content);
  }
  return out;
}
