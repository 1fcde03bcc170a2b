// The service controller (cloud-provider's pkg/controllers/service) for type LoadBalancer. There is
// no cloud here: addresses come from a simulated pool, 172.18.255.200-172.18.255.250, the range the
// kind documentation gives MetalLB on kind's docker network; the lowest free address is taken, so a
// given sequence of Services always gets the same addresses. ClusterIPs and NodePorts are allocated
// by admission, not here.
import type { Service } from '../api/types.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, keyFor, splitKey } from './controller.js';

export const LB_POOL_PREFIX = '172.18.255.';
export const LB_POOL_FIRST = 200;
export const LB_POOL_LAST = 250;
export const LB_POOL_TEXT = `${LB_POOL_PREFIX}${LB_POOL_FIRST}-${LB_POOL_PREFIX}${LB_POOL_LAST}`;
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

export function inPool(ip: string): boolean {
  if (!ip.startsWith(LB_POOL_PREFIX)) return false;
  const last = Number(ip.slice(LB_POOL_PREFIX.length));
  return Number.isInteger(last) && last >= LB_POOL_FIRST && last <= LB_POOL_LAST;
}

/** wantsLoadBalancer: type LoadBalancer, not being deleted, and no other loadBalancerClass asked for. */
function wantsLoadBalancer(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && !svc.metadata.deletionTimestamp && !svc.spec.loadBalancerClass;
}

function ingressIps(svc: Service | undefined): string[] {
  return (svc?.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter(inPool);
}

export class ServiceController extends Controller {
  readonly name = 'service-controller';
  protected override readonly primaryKind = 'Service';
  /** Pool address → the Service (`ns/name`) holding it, kept from the watch. */
  private readonly owners = new Map<string, string>();
  private readonly held = new Map<string, string[]>();
  /** Type changes seen on the watch, reported (`Type "ClusterIP -> LoadBalancer"`) at the next reconcile. */
  private readonly typeChanges = new Map<string, string>();

  start(): void {
    const { store } = this.cp;
    for (const svc of store.list<Service>('Service')) {
      this.track(keyFor(svc), svc);
      if (svc.spec?.type === 'LoadBalancer' || svc.metadata.finalizers?.includes(LB_CLEANUP_FINALIZER)) this.enqueue(keyFor(svc));
    }
    store.watch({ kind: 'Service' }, (event) => this.observe(event));
  }

  private observe(event: WatchEvent): void {
    const svc = event.object as Service;
    const old = event.old as Service | undefined;
    const key = keyFor(svc);
    this.track(key, event.type === 'DELETED' ? undefined : svc);
    const involved = (s: Service | undefined) => s?.spec?.type === 'LoadBalancer' || !!s?.metadata.finalizers?.includes(LB_CLEANUP_FINALIZER) || ingressIps(s).length > 0;
    if (!involved(svc) && !involved(old)) return;
    const oldType = old?.spec?.type ?? 'ClusterIP';
    const newType = svc.spec?.type ?? 'ClusterIP';
    if (event.type === 'MODIFIED' && oldType !== newType) this.typeChanges.set(key, `${oldType} -> ${newType}`);
    this.enqueue(key);
  }

  private track(key: string, svc: Service | undefined): void {
    for (const ip of this.held.get(key) ?? []) if (this.owners.get(ip) === key) this.owners.delete(ip);
    this.held.delete(key);
    const ips = ingressIps(svc);
    if (!ips.length) return;
    this.held.set(key, ips);
    for (const ip of ips) if (!this.owners.has(ip)) this.owners.set(ip, key);
  }

  reconcile(key: string): void {
    const { store } = this.cp;
    const { namespace, name } = splitKey(key);
    const svc = store.get<Service>('Service', namespace, name);
    if (!svc) {
      this.typeChanges.delete(key);
      return;
    }
    const change = this.typeChanges.get(key);
    if (change) {
      this.typeChanges.delete(key);
      this.event(svc, 'Normal', 'Type', change);
    }
    if (!wantsLoadBalancer(svc)) {
      this.release(svc, key);
      return;
    }

    const current = ingressIps(svc)[0];
    if (current && this.owners.get(current) === key) {
      if (!svc.metadata.finalizers?.includes(LB_CLEANUP_FINALIZER)) this.addFinalizer(svc);
      return;
    }

    this.addFinalizer(svc);
    this.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    const requested = svc.spec?.loadBalancerIP;
    let ip: string | undefined;
    let why: string;
    if (requested && inPool(requested) && !this.owners.has(requested)) {
      ip = requested;
      why = `spec.loadBalancerIP ${requested} is free in the pool`;
    } else {
      ip = this.lowestFree();
      why = requested
        ? `spec.loadBalancerIP ${requested} is ${inPool(requested) ? `taken by ${this.owners.get(requested)}` : 'outside the pool'}; took the lowest free address`
        : 'lowest free address';
    }
    if (!ip) {
      const message = `Error syncing load balancer: failed to ensure load balancer: no available IPs in pool ${LB_POOL_TEXT}`;
      this.event(svc, 'Warning', 'SyncLoadBalancerFailed', message);
      this.decide(svc, 'no load balancer address', `all ${LB_POOL_LAST - LB_POOL_FIRST + 1} addresses of the simulated pool ${LB_POOL_TEXT} are in use; EXTERNAL-IP stays <pending>`);
      return;
    }
    const updated = store.modify<Service>('Service', namespace, name, (s) => {
      s.status = { ...(s.status ?? {}), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
    }, { subresource: 'status' });
    this.track(key, updated);
    this.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    this.decide(svc, `assigned load balancer ${ip}`, `${why} in the simulated pool ${LB_POOL_TEXT} (like MetalLB on kind); ${this.owners.size} of ${LB_POOL_LAST - LB_POOL_FIRST + 1} in use`, { ip, pool: LB_POOL_TEXT });
  }

  /** The Service no longer wants a load balancer (type changed, being deleted, another class): give the address back. */
  private release(svc: Service, key: string): void {
    const { store } = this.cp;
    const hasFinalizer = !!svc.metadata.finalizers?.includes(LB_CLEANUP_FINALIZER);
    const ips = ingressIps(svc);
    if (!hasFinalizer && !ips.length) return;
    this.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    let latest = svc;
    if (svc.status?.loadBalancer?.ingress?.length) {
      latest = store.modify<Service>('Service', svc.metadata.namespace, svc.metadata.name!, (s) => {
        s.status = { ...(s.status ?? {}), loadBalancer: {} };
      }, { subresource: 'status' });
    }
    this.track(key, latest);
    this.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    if (hasFinalizer) {
      store.modify<Service>('Service', svc.metadata.namespace, svc.metadata.name!, (s) => {
        s.metadata.finalizers = (s.metadata.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER);
        if (!s.metadata.finalizers.length) delete s.metadata.finalizers;
      }, { trusted: true });
    }
    const why = svc.metadata.deletionTimestamp
      ? 'the Service is being deleted'
      : svc.spec?.type !== 'LoadBalancer'
        ? `type is now ${svc.spec?.type ?? 'ClusterIP'}`
        : `loadBalancerClass ${svc.spec?.loadBalancerClass} belongs to another controller`;
    this.decide(svc, ips.length ? `released load balancer ${ips.join(', ')}` : 'removed load balancer cleanup finalizer', why);
  }

  private addFinalizer(svc: Service): void {
    if (svc.metadata.finalizers?.includes(LB_CLEANUP_FINALIZER)) return;
    this.cp.store.modify<Service>('Service', svc.metadata.namespace, svc.metadata.name!, (s) => {
      s.metadata.finalizers = [...(s.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER];
    }, { trusted: true });
  }

  private lowestFree(): string | undefined {
    for (let n = LB_POOL_FIRST; n <= LB_POOL_LAST; n++) {
      const ip = `${LB_POOL_PREFIX}${n}`;
      if (!this.owners.has(ip)) return ip;
    }
    return undefined;
  }
}
