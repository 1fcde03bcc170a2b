// The endpoints controller (pkg/controller/endpoint): for every Service with a selector, an
// Endpoints object of the same name listing the pods behind it, ready ones in `addresses`, the rest
// in `notReadyAddresses`. Services without a selector keep the Endpoints their user wrote (or, for
// default/kubernetes, the API server: see endpoints/apiServerEndpoints).
import { selectorFromSet } from '../api/labels.js';
import { clone } from '../api/object.js';
import type { Endpoints, Pod, Service } from '../api/types.js';
import { Controller, keyFor, splitKey } from './controller.js';
import {
  buildEndpointSubsets,
  HEADLESS_LABEL,
  isHeadless,
  MAX_ENDPOINTS_CAPACITY,
  OVER_CAPACITY_ANNOTATION,
  type EndpointSubset,
  type SubsetsResult,
} from './endpoints/endpointSubsets.js';
import { KUBERNETES_SERVICE } from './endpoints/apiServerEndpoints.js';
import { notReadyReason } from './endpoints/podEndpoints.js';
import { serviceSelector, ServiceSelectorIndex, watchServicesAndTheirPods } from './endpoints/serviceSelectorIndex.js';

/** How many not-ready pods a decision names before it says `+N more`. */
const NAMED_IN_DECISION = 3;

export class EndpointsController extends Controller {
  readonly name = 'endpoint-controller';
  protected override readonly primaryKind = 'Service';
  private readonly selecting = new ServiceSelectorIndex();
  /** The last "left alone" note per Service, so a status-only update does not repeat it. */
  private readonly lastNote = new Map<string, string>();

  start(): void {
    const { store } = this.cp;
    watchServicesAndTheirPods(store, this.selecting, (key) => this.enqueue(key));
    // Someone deleted a managed Endpoints object: put it back (onEndpointsDelete).
    store.watch({ kind: 'Endpoints' }, (event) => {
      if (event.type !== 'DELETED') return;
      const svc = store.get<Service>('Service', event.object.metadata.namespace, event.object.metadata.name!);
      if (svc && serviceSelector(svc)) this.enqueue(keyFor(svc));
    });
  }

  reconcile(key: string): void {
    const { store } = this.cp;
    const { namespace, name } = splitKey(key);
    const svc = store.get<Service>('Service', namespace, name);
    const existing = store.get<Endpoints>('Endpoints', namespace, name);
    if (!svc) {
      this.lastNote.delete(key);
      if (!existing) return;
      store.delete('Endpoints', namespace, name);
      this.decide(existing, 'deleted endpoints', `service ${key} was deleted`);
      return;
    }
    const selector = serviceSelector(svc);
    if (!selector) {
      const note =
        key === `default/${KUBERNETES_SERVICE}`
          ? 'no selector: kube-apiserver keeps Endpoints kubernetes itself, listing its own address'
          : existing
            ? `no selector: the ${countAddresses(existing.subsets)} addresses in Endpoints ${name} are managed by hand`
            : 'no selector: no Endpoints are managed for this Service (create them by hand)';
      if (this.lastNote.get(key) !== note) {
        this.lastNote.set(key, note);
        this.decide(svc, 'left endpoints alone', note);
      }
      return;
    }
    this.lastNote.delete(key);

    const pods = store.list<Pod>('Pod', { namespace, labelSelector: selectorFromSet(selector) });
    const result = buildEndpointSubsets(svc, pods);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];
    const annotations: Record<string, string> = { ...(existing?.metadata.annotations ?? {}) };
    if (result.truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];

    if (
      existing &&
      same(existing.subsets ?? [], result.subsets) &&
      same(existing.metadata.labels ?? {}, labels) &&
      same(existing.metadata.annotations ?? {}, annotations)
    )
      return;

    try {
      if (existing) {
        store.modify<Endpoints>('Endpoints', namespace, name, (ep) => {
          ep.metadata.labels = labels;
          setOrDelete(ep.metadata, 'annotations', annotations);
          setOrDelete(ep, 'subsets', result.subsets);
        }, { trusted: true });
      } else {
        const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels } };
        setOrDelete(ep.metadata, 'annotations', annotations);
        setOrDelete(ep, 'subsets', clone(result.subsets));
        store.create(ep, { trusted: true });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.event(svc, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${key}: ${message}`);
      throw error;
    }
    this.decide(svc, summary(result), this.explain(svc, result, existing), {
      ready: result.readyPods.map((p) => p.metadata.name),
      notReady: result.notReadyPods.map((p) => p.metadata.name),
      subsets: result.subsets.length,
      truncated: result.truncated,
    });
  }

  private explain(svc: Service, result: SubsetsResult, existing: Endpoints | undefined): string {
    const parts: string[] = [];
    const now = this.cp.clock.now();
    const notReady = result.notReadyPods;
    for (const pod of notReady.slice(0, NAMED_IN_DECISION)) parts.push(`${pod.metadata.name}: ${notReadyReason(pod, now)}`);
    if (notReady.length > NAMED_IN_DECISION) parts.push(`+${notReady.length - NAMED_IN_DECISION} more not ready`);
    for (const miss of result.missingPorts.slice(0, NAMED_IN_DECISION)) parts.push(`${miss.pod} has no container port named "${miss.port}"`);

    const before = addressesByPod(existing?.subsets ?? []);
    const after = addressesByPod(result.subsets);
    const added = [...after].filter(([pod]) => !before.has(pod));
    const removed = [...before.keys()].filter((pod) => !after.has(pod));
    if (added.length) parts.push(`added ${listed(added.map(([pod, where]) => `${pod} ${where}`))}`);
    if (removed.length) parts.push(`removed ${listed(removed)}`);
    if (!result.readyPods.length && !notReady.length) {
      const selector = Object.entries(serviceSelector(svc) ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      parts.push(`no running pod with an IP matches selector ${selector}`);
    }
    if (result.truncated) parts.push(`over ${MAX_ENDPOINTS_CAPACITY} addresses: truncated (${OVER_CAPACITY_ANNOTATION}: truncated)`);
    if (!parts.length) {
      const sameSubsets = existing && same(existing.subsets ?? [], result.subsets);
      parts.push(!existing ? 'created' : sameSubsets ? 'labels or annotations changed' : 'addresses or ports changed');
    }
    return parts.join('; ');
  }
}

function summary(result: SubsetsResult): string {
  const ready = result.readyPods.length;
  const notReady = result.notReadyPods.length;
  if (!ready && !notReady) return 'no endpoints';
  return notReady ? `${ready} ready, ${notReady} not ready` : `${ready} ready`;
}

/** pod name → `10.244.1.5:80` (first port) for every address in the subsets. */
function addressesByPod(subsets: readonly EndpointSubset[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of subsets) {
    const port = s.ports?.[0]?.port;
    for (const a of [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]) {
      const pod = a.targetRef?.name ?? a.ip;
      if (!out.has(pod)) out.set(pod, port === undefined ? a.ip : `${a.ip}:${port}`);
    }
  }
  return out;
}

function countAddresses(subsets: readonly EndpointSubset[] | undefined): number {
  let n = 0;
  for (const s of subsets ?? []) n += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  return n;
}

function listed(items: string[]): string {
  return items.length > NAMED_IN_DECISION ? `${items.slice(0, NAMED_IN_DECISION).join(', ')} +${items.length - NAMED_IN_DECISION} more` : items.join(', ');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Empty maps and lists are left out of the stored object, as the apiserver's encoding does. */
function setOrDelete(target: Record<string, any>, field: string, value: Record<string, string> | unknown[]): void {
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
  if (empty) delete target[field];
  else target[field] = value;
}
