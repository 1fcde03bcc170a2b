// A simulated ingress-nginx: for every Ingress it serves (see ingress/ingressClass.ts) it publishes
// the controller's address in status.loadBalancer.ingress and explains each rule as a learner would
// trace it: host + path → service:port → how many ready endpoints stand behind it. It follows the
// Services and EndpointSlices its Ingresses name, so the explanation stays current.
import type { Ingress } from '../api/types.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { SERVICE_NAME_LABEL } from './endpoints/sliceLayout.js';
import { INGRESS_ADDRESS, INGRESS_CLASS, isServedHere, requestedClass } from './ingress/ingressClass.js';
import { backendText, describeBackend, type IngressBackend } from './ingress/routeRequest.js';

export interface RouteLine {
  host: string;
  path: string;
  pathType: string;
  backend: string;
  endpoints: string;
  ready: number;
}

export class IngressController extends Controller {
  readonly name = 'ingress-controller';
  protected override readonly primaryKind = 'Ingress';
  /** `ns/service` → keys of the Ingresses that route to it. */
  private readonly byBackend = new Map<string, Set<string>>();
  private readonly backendsOf = new Map<string, string[]>();
  /** Last explanation recorded per Ingress, so only a change is logged again. */
  private readonly lastRoutes = new Map<string, string>();
  private readonly syncedGeneration = new Map<string, number>();

  start(): void {
    const { store } = this.cp;
    for (const ing of store.list<Ingress>('Ingress')) {
      this.index(keyFor(ing), ing);
      this.enqueue(keyFor(ing));
    }
    store.watch({ kind: 'Ingress' }, (event) => {
      const key = keyFor(event.object);
      this.index(key, event.type === 'DELETED' ? undefined : (event.object as Ingress));
      this.enqueue(key);
    });
    const touchService = (namespace: string | undefined, service: string | undefined) => {
      if (!service) return;
      for (const key of this.byBackend.get(`${namespace}/${service}`) ?? []) this.enqueue(key);
    };
    store.watch({ kind: 'Service' }, (e: WatchEvent) => touchService(e.object.metadata.namespace, e.object.metadata.name));
    store.watch({ kind: 'EndpointSlice' }, (e: WatchEvent) => touchService(e.object.metadata.namespace, e.object.metadata.labels?.[SERVICE_NAME_LABEL]));
  }

  private index(key: string, ing: Ingress | undefined): void {
    for (const b of this.backendsOf.get(key) ?? []) {
      const set = this.byBackend.get(b);
      set?.delete(key);
      if (set && !set.size) this.byBackend.delete(b);
    }
    this.backendsOf.delete(key);
    if (!ing) return;
    const names = new Set(backendsOf(ing).map((b) => b.service?.name).filter((n): n is string => !!n));
    const keys = [...names].map((n) => `${ing.metadata.namespace}/${n}`);
    this.backendsOf.set(key, keys);
    for (const b of keys) {
      let set = this.byBackend.get(b);
      if (!set) this.byBackend.set(b, (set = new Set()));
      set.add(key);
    }
  }

  reconcile(key: string): void {
    const { store } = this.cp;
    const { namespace, name } = splitKey(key);
    const ing = store.get<Ingress>('Ingress', namespace, name);
    if (!ing) {
      this.lastRoutes.delete(key);
      this.syncedGeneration.delete(key);
      return;
    }
    if (!isServedHere(ing)) {
      const published = (ing.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === INGRESS_ADDRESS);
      if (published) store.modify<Ingress>('Ingress', namespace, name, (i) => void (i.status = { loadBalancer: {} }), { subresource: 'status' });
      const note = `class "${requestedClass(ing)}" is not served here (the simulated ingress-nginx serves class "${INGRESS_CLASS}" and Ingresses without a class)`;
      if (this.lastRoutes.get(key) !== note) {
        this.lastRoutes.set(key, note);
        this.decide(ing, published ? 'withdrew address' : 'ignored', note);
      }
      return;
    }
    if (ing.metadata.deletionTimestamp) return;

    const generation = ing.metadata.generation ?? 0;
    if (this.syncedGeneration.get(key) !== generation) {
      this.syncedGeneration.set(key, generation);
      this.event(ing, 'Normal', 'Sync', 'Scheduled for sync');
    }
    const current = ing.status?.loadBalancer?.ingress ?? [];
    const publish = current.length !== 1 || current[0].ip !== INGRESS_ADDRESS;
    if (publish) {
      store.modify<Ingress>('Ingress', namespace, name, (i) => {
        i.status = { ...(i.status ?? {}), loadBalancer: { ingress: [{ ip: INGRESS_ADDRESS }] } };
      }, { subresource: 'status' });
    }

    const routes = this.routes(ing);
    const text = routes.length ? routes.map(lineText).join('; ') : 'no rules and no defaultBackend: every request gets the default backend (404)';
    if (!publish && this.lastRoutes.get(key) === text) return;
    this.lastRoutes.set(key, text);
    const action = publish ? `published address ${INGRESS_ADDRESS}` : 'routes changed';
    this.decide(ing, `${action}: ${routes.length} route${routes.length === 1 ? '' : 's'}`, text, { address: INGRESS_ADDRESS, routes });
  }

  /** Each host + path of the Ingress (and its defaultBackend) resolved to its backend's endpoints. */
  routes(ing: Ingress): RouteLine[] {
    const namespace = ing.metadata.namespace ?? 'default';
    const out: RouteLine[] = [];
    const add = (host: string, path: string, pathType: string, backend: IngressBackend) => {
      const state = describeBackend(this.cp.store, namespace, backend);
      out.push({ host, path, pathType, backend: backendText(backend), endpoints: state.text, ready: state.ready });
    };
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) add(rule.host ?? '*', p.path || '/', p.pathType ?? 'ImplementationSpecific', p.backend);
    }
    if (ing.spec?.defaultBackend) add('*', '(default)', 'defaultBackend', ing.spec.defaultBackend);
    return out;
  }
}

function lineText(r: RouteLine): string {
  const where = r.pathType === 'defaultBackend' ? 'defaultBackend' : `${r.host}${r.path} (${r.pathType})`;
  return `${where} → ${r.backend} → ${r.endpoints}`;
}

function backendsOf(ing: Ingress): IngressBackend[] {
  const out: IngressBackend[] = [];
  if (ing.spec?.defaultBackend) out.push(ing.spec.defaultBackend);
  for (const rule of ing.spec?.rules ?? []) for (const p of rule.http?.paths ?? []) out.push(p.backend);
  return out;
}
