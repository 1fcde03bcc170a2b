// Which Services select a pod, without scanning every Service: each Service with a selector is
// filed under one of its `key=value` pairs; a pod looks up only the pairs it carries and checks the
// few Services found there. Kept up to date from the Service watch.
import type { KObject } from '../../api/object.js';
import type { Pod, Service } from '../../api/types.js';
import type { WatchEvent } from '../../store/watch.js';
import type { Store } from '../../store/store.js';
import { keyFor } from '../controller.js';
import { isPodReady } from './podEndpoints.js';

type Selector = Readonly<Record<string, string>>;

/** A Service's selector, or undefined when it has none (an empty selector counts as none, as stored by the apiserver). */
export function serviceSelector(svc: Service): Selector | undefined {
  const selector = svc.spec?.selector;
  return selector && Object.keys(selector).length ? selector : undefined;
}

export function selectorMatches(selector: Selector, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (!labels) return false;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

export class ServiceSelectorIndex {
  /** `namespace\0key\0value` → keys (`ns/name`) of Services filed under that pair. */
  private readonly byPair = new Map<string, Set<string>>();
  private readonly filed = new Map<string, { pair: string; selector: Selector }>();

  observe(event: WatchEvent): void {
    const svc = event.object as Service;
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    this.forget(key);
    if (event.type !== 'DELETED') this.add(svc);
  }

  add(svc: Service): void {
    const selector = serviceSelector(svc);
    if (!selector) return;
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const first = Object.keys(selector).sort()[0];
    const pair = `${svc.metadata.namespace}\0${first}\0${selector[first]}`;
    let set = this.byPair.get(pair);
    if (!set) this.byPair.set(pair, (set = new Set()));
    set.add(key);
    this.filed.set(key, { pair, selector });
  }

  /** Keys of the Services in the pod's namespace whose selector matches these labels. */
  servicesFor(namespace: string, labels: Readonly<Record<string, string>> | undefined): string[] {
    if (!labels) return [];
    const out: string[] = [];
    for (const k in labels) {
      const set = this.byPair.get(`${namespace}\0${k}\0${labels[k]}`);
      if (!set) continue;
      for (const key of set) if (selectorMatches(this.filed.get(key)!.selector, labels)) out.push(key);
    }
    return out;
  }

  private forget(key: string): void {
    const entry = this.filed.get(key);
    if (!entry) return;
    const set = this.byPair.get(entry.pair);
    set?.delete(key);
    if (set && !set.size) this.byPair.delete(entry.pair);
    this.filed.delete(key);
  }
}

/** Services affected by a pod change: those selecting the old labels and those selecting the new. */
export function servicesForPodEvent(index: ServiceSelectorIndex, event: WatchEvent): Set<string> {
  const pod = event.object as Pod;
  const ns = pod.metadata.namespace ?? 'default';
  const keys = new Set(index.servicesFor(ns, pod.metadata.labels));
  if (event.old && event.old.metadata.labels !== pod.metadata.labels) {
    for (const key of index.servicesFor(ns, event.old.metadata.labels)) keys.add(key);
  }
  return keys;
}

/** Whether a pod update can change an endpoint: labels, IP, readiness, phase, node, deletion, hostname. */
export function podChangeMatters(oldObj: KObject | undefined, newObj: KObject): boolean {
  if (!oldObj) return true;
  const a = oldObj as Pod;
  const b = newObj as Pod;
  return (
    // Reference checks first: a status write keeps the labels map, and most writes keep podIPs.
    (a.metadata.labels !== b.metadata.labels && JSON.stringify(a.metadata.labels ?? {}) !== JSON.stringify(b.metadata.labels ?? {})) ||
    a.status?.podIP !== b.status?.podIP ||
    (a.status?.podIPs !== b.status?.podIPs && JSON.stringify(a.status?.podIPs ?? []) !== JSON.stringify(b.status?.podIPs ?? [])) ||
    isPodReady(a) !== isPodReady(b) ||
    a.status?.phase !== b.status?.phase ||
    a.spec?.nodeName !== b.spec?.nodeName ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    a.spec?.hostname !== b.spec?.hostname ||
    a.spec?.subdomain !== b.spec?.subdomain
  );
}

/**
 * The watches both endpoint controllers need: every Service (kept in the index) and every pod
 * change that can move an endpoint, each turned into the keys of the Services concerned.
 */
export function watchServicesAndTheirPods(store: Store, index: ServiceSelectorIndex, enqueue: (key: string) => void): void {
  for (const svc of store.list<Service>('Service')) {
    index.add(svc);
    enqueue(keyFor(svc));
  }
  store.watch({ kind: 'Service' }, (event) => {
    index.observe(event);
    enqueue(keyFor(event.object));
  });
  store.watch({ kind: 'Pod' }, (event) => {
    if (event.type === 'MODIFIED' && !podChangeMatters(event.old, event.object)) return;
    for (const key of servicesForPodEvent(index, event)) enqueue(key);
  });
}
