// ServiceAccount admission (plugin/pkg/admission/serviceaccount): a new pod runs as `default` unless it
// names another account, the account must exist, and unless automounting is turned off the pod gets
// the projected API-credentials volume `kube-api-access-<5 chars>` mounted in every container.
import type { KObject } from '../../api/object.js';
import type { AdmissionPlugin } from '../admission.js';
import type { Store } from '../store.js';
import { forbiddenFor } from './requestName.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The bound token's lifetime the apiserver asks for (1 h 7 s: long enough to warn before it expires). */
const TOKEN_EXPIRATION_SECONDS = 3607;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}

export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',

  mutate({ operation, object: pod, store }) {
    if (operation !== 'CREATE' || pod.kind !== 'Pod') return;
    // The kubelet owns mirror pods' specs; they may not use service accounts at all.
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
      if (pod.spec?.serviceAccountName) throw forbiddenFor(pod, 'a mirror pod may not reference service accounts');
      return;
    }
    const spec = (pod.spec ??= {});
    if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
    // The deprecated alias kubectl still prints: the API keeps both in step.
    spec.serviceAccount = spec.serviceAccountName;

    const ns = pod.metadata.namespace ?? 'default';
    const account = store.get('ServiceAccount', ns, spec.serviceAccountName) ?? awaitedDefaultAccount(store, ns, spec.serviceAccountName);
    if (!account) {
      throw forbiddenFor(
        pod,
        `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
      );
    }
    if (shouldAutomount(account, pod)) mountToken(pod, () => TOKEN_VOLUME_PREFIX + store.random.nameSuffix());
    if (!(spec.imagePullSecrets?.length) && account.imagePullSecrets?.length) {
      spec.imagePullSecrets = account.imagePullSecrets.map((s: { name: string }) => ({ name: s.name }));
    }
  },
};

/**
 * The apiserver does not give up on `default` at once: it looks it up live up to 10 times, 100–200 ms
 * apart, because the serviceaccount controller creates it right after the namespace. That controller
 * runs after this write here (and inside an apply transaction it has not even heard of the namespace
 * yet), so for an existing, active namespace the lookup is taken to succeed as it would within that
 * window: the account has no settings of its own, and the controller creates it in the same settle.
 */
function awaitedDefaultAccount(store: Store, namespace: string, name: string): KObject | undefined {
  if (name !== DEFAULT_SERVICE_ACCOUNT) return undefined;
  const ns = store.get('Namespace', undefined, namespace);
  if (!ns || ns.metadata.deletionTimestamp) return undefined;
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}

/** The pod's own setting wins, then the account's; the default is to mount. */
function shouldAutomount(account: KObject, pod: KObject): boolean {
  if (typeof pod.spec?.automountServiceAccountToken === 'boolean') return pod.spec.automountServiceAccountToken;
  if (typeof account.automountServiceAccountToken === 'boolean') return account.automountServiceAccountToken;
  return true;
}

function mountToken(pod: KObject, newVolumeName: () => string): void {
  const spec = pod.spec;
  const volumes: Array<{ name: string }> = spec.volumes ?? [];
  const existing = volumes.find((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? newVolumeName();
  let needed = false;
  for (const list of [spec.initContainers, spec.containers] as Array<Array<{ volumeMounts?: VolumeMount[] }> | undefined>) {
    for (const container of list ?? []) {
      // A container that already mounts something at the token path keeps it.
      if (container.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
      container.volumeMounts = [...(container.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
      needed = true;
    }
  }
  if (needed && !existing) spec.volumes = [...volumes, tokenVolume(volumeName)];
}

/** The projected volume: a bound token, the cluster CA and the pod's namespace. */
export function tokenVolume(name: string): Record<string, unknown> {
  return {
    name,
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}
