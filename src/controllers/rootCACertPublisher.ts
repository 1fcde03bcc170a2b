// root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher): every namespace holds the
// ConfigMap `kube-root-ca.crt` with the cluster's CA bundle under `ca.crt`. The service-account
// volume every pod mounts (`kube-api-access-…`) projects it, so the kubelet cannot start a pod in a
// namespace without it. The publisher creates it with the namespace and puts it back if it is
// deleted or its data changed.
//
// kubesim speaks no TLS: the bundle is the simulated cluster's CA, PEM-shaped bytes drawn once from
// the seeded random and then read back from the stored ConfigMaps (so a restored cluster keeps it).
import { isApiError } from '../api/errors.js';
import type { ConfigMap, Namespace } from '../api/types.js';
import { isNamespaceTerminatingError } from '../store/admission/namespaceLifecycle.js';
import { Controller } from './controller.js';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
/** About the DER size of a kubeadm CA certificate. */
const CA_BYTES = 795;

export class RootCACertPublisher extends Controller {
  readonly name = 'root-ca-cert-publisher';
  protected override readonly primaryKind = 'Namespace';
  private bundle: string | undefined;

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'Namespace' }, (e) => {
      if (e.type === 'ADDED') this.enqueue(e.object.metadata.name!);
    });
    store.watch({ kind: 'ConfigMap' }, (e) => {
      if (e.object.metadata.name !== ROOT_CA_CONFIGMAP || e.type === 'ADDED') return;
      if (e.type === 'DELETED' || e.object.data?.['ca.crt'] !== e.old?.data?.['ca.crt']) this.enqueue(e.object.metadata.namespace!);
    });
    for (const ns of store.list<Namespace>('Namespace')) this.enqueue(ns.metadata.name!);
  }

  /** Key: a namespace name. */
  reconcile(key: string): void {
    const { store } = this.cp;
    const ns = store.get<Namespace>('Namespace', undefined, key);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const bundle = this.caBundle();
    const existing = store.get<ConfigMap>('ConfigMap', key, ROOT_CA_CONFIGMAP);
    if (existing?.data?.['ca.crt'] === bundle) return;
    try {
      if (existing) {
        store.modify<ConfigMap>('ConfigMap', key, ROOT_CA_CONFIGMAP, (cm) => {
          cm.data = { ...(cm.data ?? {}), 'ca.crt': bundle };
        }, { trusted: true });
      } else {
        store.create<ConfigMap>(
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: ROOT_CA_CONFIGMAP, namespace: key, annotations: { 'kubernetes.io/description': DESCRIPTION } },
            data: { 'ca.crt': bundle },
          },
          { trusted: true },
        );
      }
    } catch (error) {
      if (isNamespaceTerminatingError(error) || isApiError(error, 'AlreadyExists')) return;
      throw error;
    }
    this.decide(
      ns,
      existing ? `restored configmap ${key}/${ROOT_CA_CONFIGMAP}` : `published configmap ${key}/${ROOT_CA_CONFIGMAP}`,
      existing
        ? `its ca.crt no longer matched the cluster CA bundle`
        : `namespace ${key} had no CA bundle; every pod's kube-api-access volume projects it`,
    );
  }

  /** The cluster's bundle: what the published ConfigMaps hold (so a restore keeps it), else drawn once. */
  private caBundle(): string {
    for (const ns of ['kube-system', 'default']) {
      const held = this.cp.store.get<ConfigMap>('ConfigMap', ns, ROOT_CA_CONFIGMAP)?.data?.['ca.crt'];
      if (held) return held;
    }
    if (this.bundle) return this.bundle;
    const bytes = Buffer.alloc(CA_BYTES);
    for (let i = 0; i < CA_BYTES; i++) bytes[i] = this.cp.random.int(256);
    const lines = bytes.toString('base64').match(/.{1,64}/g) ?? [];
    this.bundle = `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
    return this.bundle;
  }
}
