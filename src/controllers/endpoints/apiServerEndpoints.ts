// What kube-apiserver itself keeps in namespace default (pkg/controlplane: the kubernetes Service
// controller and the master endpoints reconciler): the `kubernetes` Service (ClusterIP 10.96.0.1,
// port 443 → 6443), and the Endpoints and EndpointSlice `kubernetes` listing the API server's own
// address on 6443 (`https`). The Service has no selector, so the endpoints controllers leave them
// alone; the API server checks them every 10 s and puts back what was deleted or changed.
import type { Endpoints, EndpointSlice, Node, Service } from '../../api/types.js';
import { CONTROL_PLANE_LABEL } from '../../kubelet/nodeObject.js';
import type { WatchEvent } from '../../store/watch.js';
import { Controller } from '../controller.js';
import { SERVICE_NAME_LABEL } from './sliceLayout.js';

export const KUBERNETES_SERVICE = 'kubernetes';
const NAMESPACE = 'default';
const KEY = `${NAMESPACE}/${KUBERNETES_SERVICE}`;
/** `--secure-port`: where the API server listens, the Service's targetPort. */
export const API_SERVER_PORT = 6443;
/** How often the API server checks its Service and endpoints (EndpointInterval). */
export const RECONCILE_INTERVAL_MS = 10_000;
/**
 * With no control-plane node the API server runs on the host: the first address of the nodes'
 * network (they count up from 192.168.49.2).
 */
export const HOST_ADDRESS = '192.168.49.1';
/** The Endpoints are not mirrored into a second EndpointSlice: the API server writes its own. */
const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';

const SERVICE_PORTS = [{ name: 'https', port: 443, protocol: 'TCP', targetPort: API_SERVER_PORT }];
const ENDPOINT_PORTS = [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }];

export function kubernetesService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: KUBERNETES_SERVICE, namespace: NAMESPACE, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: SERVICE_PORTS.map((p) => ({ ...p })) },
  } as Service;
}

function desiredSubsets(addresses: string[]): Endpoints['subsets'] {
  return [{ addresses: addresses.map((ip) => ({ ip })), ports: ENDPOINT_PORTS.map((p) => ({ ...p })) }];
}

function desiredSliceEndpoints(addresses: string[]): EndpointSlice['endpoints'] {
  return addresses.map((ip) => ({ addresses: [ip], conditions: { ready: true } }));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class ApiServerEndpointsReconciler extends Controller {
  readonly name = 'kube-apiserver';
  protected override readonly primaryKind = 'Service';
  /** Nodes labelled control-plane: where the API server runs (by name). */
  private readonly controlPlaneNodes = new Set<string>();
  /** The first reconcile, at start, has not run yet. */
  private starting = true;

  start(): void {
    const { store } = this.cp;
    const check = (event: WatchEvent) => {
      const { namespace, name } = event.object.metadata;
      if (namespace === NAMESPACE && name === KUBERNETES_SERVICE) this.checkSoon();
    };
    for (const kind of ['Service', 'Endpoints', 'EndpointSlice']) store.watch({ kind, namespace: NAMESPACE }, check);
    store.watch({ kind: 'Node' }, (event) => {
      const node = event.object as Node;
      const isControlPlane = event.type !== 'DELETED' && CONTROL_PLANE_LABEL in (node.metadata.labels ?? {});
      if (isControlPlane === this.controlPlaneNodes.has(node.metadata.name!)) return;
      if (isControlPlane) this.controlPlaneNodes.add(node.metadata.name!);
      else this.controlPlaneNodes.delete(node.metadata.name!);
      this.checkSoon();
    });
    // The API server creates them as it starts.
    this.enqueue(KEY);
  }

  /** The API server's addresses: its control-plane nodes' InternalIPs, sorted; else the host's. */
  addresses(): string[] {
    const ips: string[] = [];
    for (const name of this.controlPlaneNodes) {
      const node = this.cp.store.get<Node>('Node', undefined, name);
      const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
      if (ip && !ips.includes(ip)) ips.push(ip);
    }
    return ips.length ? ips.sort() : [HOST_ADDRESS];
  }

  /** Something changed: if it is now wrong, the next periodic check (at most 10 s away) repairs it. */
  private checkSoon(): void {
    if (this.starting || this.inDesiredState()) return;
    const sinceStart = this.cp.clock.now() - this.cp.clock.startedAt;
    this.enqueueAfter(KEY, RECONCILE_INTERVAL_MS - (sinceStart % RECONCILE_INTERVAL_MS));
  }

  private inDesiredState(): boolean {
    const { store } = this.cp;
    const addresses = this.addresses();
    const svc = store.get<Service>('Service', NAMESPACE, KUBERNETES_SERVICE);
    const ep = store.get<Endpoints>('Endpoints', NAMESPACE, KUBERNETES_SERVICE);
    const slice = store.get<EndpointSlice>('EndpointSlice', NAMESPACE, KUBERNETES_SERVICE);
    return !!svc && serviceFormatCorrect(svc) && !!ep && endpointsCorrect(ep, addresses) && !!slice && sliceCorrect(slice, addresses);
  }

  reconcile(): void {
    this.starting = false;
    this.reconcileService();
    const addresses = this.addresses();
    this.reconcileEndpoints(addresses);
    this.reconcileSlice(addresses);
  }

  private reconcileService(): void {
    const { store } = this.cp;
    const svc = store.get<Service>('Service', NAMESPACE, KUBERNETES_SERVICE);
    if (!svc) {
      const created = store.create(kubernetesService());
      this.decide(created, 'created service kubernetes', 'the API server keeps Service default/kubernetes (10.96.0.1:443 → its port 6443) for clients in pods');
      return;
    }
    if (serviceFormatCorrect(svc)) return;
    const updated = store.modify<Service>('Service', NAMESPACE, KUBERNETES_SERVICE, (s) => {
      s.spec = { ...(s.spec ?? {}), type: 'ClusterIP', ports: SERVICE_PORTS.map((p) => ({ ...p })) };
    });
    this.decide(updated, 'reset service kubernetes', 'its type or ports had been changed: the API server puts back ClusterIP with port 443 → 6443 (https)');
  }

  private reconcileEndpoints(addresses: string[]): void {
    const { store } = this.cp;
    const ep = store.get<Endpoints>('Endpoints', NAMESPACE, KUBERNETES_SERVICE);
    if (ep && endpointsCorrect(ep, addresses)) return;
    const where = `${addresses.map((ip) => `${ip}:${API_SERVER_PORT}`).join(', ')} (${this.addressOrigin()})`;
    if (!ep) {
      const created = store.create<Endpoints>(
        { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: KUBERNETES_SERVICE, namespace: NAMESPACE, labels: { [SKIP_MIRROR_LABEL]: 'true' } }, subsets: desiredSubsets(addresses) },
        { trusted: true },
      );
      this.decide(created, 'created endpoints kubernetes', `the API server publishes its own address: ${where}`);
      return;
    }
    const updated = store.modify<Endpoints>('Endpoints', NAMESPACE, KUBERNETES_SERVICE, (e) => {
      e.metadata.labels = { ...(e.metadata.labels ?? {}), [SKIP_MIRROR_LABEL]: 'true' };
      e.subsets = desiredSubsets(addresses);
    }, { trusted: true });
    this.decide(updated, 'updated endpoints kubernetes', `they did not list the API server as it is: now ${where}`);
  }

  private reconcileSlice(addresses: string[]): void {
    const { store } = this.cp;
    const slice = store.get<EndpointSlice>('EndpointSlice', NAMESPACE, KUBERNETES_SERVICE);
    if (slice && sliceCorrect(slice, addresses)) return;
    const where = addresses.map((ip) => `${ip}:${API_SERVER_PORT}`).join(', ');
    if (!slice) {
      const created = store.create<EndpointSlice>(
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { name: KUBERNETES_SERVICE, namespace: NAMESPACE, labels: { [SERVICE_NAME_LABEL]: KUBERNETES_SERVICE } },
          addressType: 'IPv4',
          endpoints: desiredSliceEndpoints(addresses),
          ports: ENDPOINT_PORTS.map((p) => ({ ...p })),
        },
        { trusted: true },
      );
      this.decide(created, 'created endpointslice kubernetes', `the API server writes its own slice (not the endpointslice controller's): ${where}`);
      return;
    }
    const updated = store.modify<EndpointSlice>('EndpointSlice', NAMESPACE, KUBERNETES_SERVICE, (s) => {
      s.metadata.labels = { ...(s.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: KUBERNETES_SERVICE };
      s.endpoints = desiredSliceEndpoints(addresses);
      s.ports = ENDPOINT_PORTS.map((p) => ({ ...p }));
    }, { trusted: true });
    this.decide(updated, 'updated endpointslice kubernetes', `it did not list the API server as it is: now ${where}`);
  }

  private addressOrigin(): string {
    return this.controlPlaneNodes.size ? `the InternalIP of control-plane node ${[...this.controlPlaneNodes].sort().join(', ')}` : 'no control-plane node: the API server runs on the host';
  }
}

function serviceFormatCorrect(svc: Service): boolean {
  return svc.spec?.type === 'ClusterIP' && same(svc.spec.ports, SERVICE_PORTS);
}

function endpointsCorrect(ep: Endpoints, addresses: string[]): boolean {
  return ep.metadata.labels?.[SKIP_MIRROR_LABEL] === 'true' && same(ep.subsets, desiredSubsets(addresses));
}

function sliceCorrect(slice: EndpointSlice, addresses: string[]): boolean {
  return (
    slice.metadata.labels?.[SERVICE_NAME_LABEL] === KUBERNETES_SERVICE &&
    slice.addressType === 'IPv4' &&
    same(slice.endpoints, desiredSliceEndpoints(addresses)) &&
    same(slice.ports, ENDPOINT_PORTS)
  );
}
