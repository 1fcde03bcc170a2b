// The EndpointSlice controller (pkg/controller/endpointslice): the discovery.k8s.io/v1 view of the
// pods behind each Service with a selector, in slices `<svc>-<5 random>` of at most 100 endpoints,
// each endpoint carrying ready / serving / terminating. Unlike Endpoints, terminating pods stay
// listed (ready=false) so proxies can drain them.
import { selectorFromSet } from '../api/labels.js';
import type { EndpointSlice, Node, Pod, Service } from '../api/types.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { HEADLESS_LABEL, isHeadless } from './endpoints/endpointSubsets.js';
import { serviceSelector, ServiceSelectorIndex, watchServicesAndTheirPods } from './endpoints/serviceSelectorIndex.js';
import {
  desiredEndpoints,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  MAX_ENDPOINTS_PER_SLICE,
  planSlices,
  SERVICE_NAME_LABEL,
  type DesiredEndpoint,
  type SliceContent,
} from './endpoints/sliceLayout.js';

export class EndpointSliceController extends Controller {
  readonly name = 'endpointslice-controller';
  protected override readonly primaryKind = 'Service';
  private readonly selecting = new ServiceSelectorIndex();

  start(): void {
    const { store } = this.cp;
    watchServicesAndTheirPods(store, this.selecting, (key) => this.enqueue(key));
    // A managed slice deleted or edited by someone else is put back.
    store.watch({ kind: 'EndpointSlice' }, (event) => {
      const labels = event.object.metadata.labels ?? {};
      if (labels[MANAGED_BY_LABEL] !== MANAGED_BY || !labels[SERVICE_NAME_LABEL]) return;
      if (event.type === 'DELETED') this.enqueue(`${event.object.metadata.namespace}/${labels[SERVICE_NAME_LABEL]}`);
    });
  }

  reconcile(key: string): void {
    const { store } = this.cp;
    const { namespace, name } = splitKey(key);
    const svc = store.get<Service>('Service', namespace, name);
    const slices = store
      .list<EndpointSlice>('EndpointSlice', { namespace, labelSelector: selectorFromSet({ [SERVICE_NAME_LABEL]: name }) })
      .filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);

    // A deleted Service's slices go with it: the garbage collector follows their ownerReferences.
    if (!svc) return;
    const selector = serviceSelector(svc);
    if (!selector) {
      // Slices of a Service without selector are written by hand; only ones this controller made are removed.
      if (!slices.length) return;
      for (const s of slices) store.delete('EndpointSlice', namespace, s.metadata.name!);
      this.decide(svc, `deleted ${plural(slices.length, 'slice')}`, 'the Service has no selector any more: its endpoints are managed by hand');
      return;
    }

    const pods = store.list<Pod>('Pod', { namespace, labelSelector: selectorFromSet(selector) });
    const zones = new Map<string, string | undefined>();
    const zone = (node: string) => {
      if (!zones.has(node)) {
        const n = store.get<Node>('Node', undefined, node);
        zones.set(node, n?.metadata.labels?.['topology.kubernetes.io/zone'] || undefined);
      }
      return zones.get(node);
    };
    const desired = desiredEndpoints(svc, pods, zone);
    const plan = planSlices(
      slices.map((s) => ({ name: s.metadata.name!, endpoints: s.endpoints ?? [], ports: s.ports ?? [] })),
      desired,
    );
    const labels = this.sliceLabels(svc);
    const addressType = svc.spec?.ipFamilies?.[0] === 'IPv6' ? 'IPv6' : 'IPv4';
    const relabel = slices.filter((s) => plan.unchanged.includes(s.metadata.name!) && !sameLabels(s.metadata.labels, labels)).map((s) => s.metadata.name!);
    if (!plan.update.length && !plan.create.length && !plan.delete.length && !relabel.length) return;

    const created: string[] = [];
    try {
      for (const name of plan.delete) store.delete('EndpointSlice', namespace, name);
      for (const u of plan.update) {
        store.modify<EndpointSlice>('EndpointSlice', namespace, u.name, (s) => {
          s.metadata.labels = { ...labels };
          fill(s, u);
        }, { trusted: true });
      }
      for (const name of relabel) {
        store.modify<EndpointSlice>('EndpointSlice', namespace, name, (s) => {
          s.metadata.labels = { ...labels };
        }, { trusted: true });
      }
      for (const c of plan.create) {
        const slice: EndpointSlice = {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            generateName: `${name}-`,
            namespace,
            labels: { ...labels },
            ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
          },
          addressType,
          endpoints: [],
        };
        fill(slice, c);
        created.push(store.create(slice, { trusted: true }).metadata.name!);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.event(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${message}`);
      throw error;
    }
    this.decide(svc, summary(desired, plan.unchanged.length + plan.update.length + plan.create.length), explain(plan, created, relabel), {
      created,
      updated: plan.update.map((u) => u.name),
      deleted: plan.delete,
      endpoints: desired.length,
    });
  }

  private sliceLabels(svc: Service): Record<string, string> {
    const labels: Record<string, string> = {};
    // Service labels are copied, except the ones the controller owns.
    for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
      if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL) labels[k] = v;
    }
    labels[SERVICE_NAME_LABEL] = svc.metadata.name!;
    labels[MANAGED_BY_LABEL] = MANAGED_BY;
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    return labels;
  }
}

function fill(slice: EndpointSlice, content: SliceContent): void {
  slice.endpoints = content.endpoints.map((e) => structuredClone(e));
  if (content.ports.length) slice.ports = content.ports.map((p) => ({ ...p }));
  else delete slice.ports;
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a![k] === b[k]);
}

function summary(desired: readonly DesiredEndpoint[], slices: number): string {
  const ready = desired.filter((d) => d.endpoint.conditions?.ready).length;
  const terminating = desired.filter((d) => d.endpoint.conditions?.terminating).length;
  const notReady = desired.length - ready - terminating;
  const parts = [`${ready} ready`];
  if (notReady > 0) parts.push(`${notReady} not ready`);
  if (terminating) parts.push(`${terminating} terminating`);
  return `${plural(desired.length, 'endpoint')} in ${plural(slices, 'slice')} (${parts.join(', ')})`;
}

function explain(plan: ReturnType<typeof planSlices>, created: string[], relabel: string[]): string {
  const parts: string[] = [];
  if (created.length) parts.push(`created ${created.join(', ')}`);
  if (plan.update.length) parts.push(`updated ${plan.update.map((u) => u.name).join(', ')}`);
  if (relabel.length) parts.push(`relabelled ${relabel.join(', ')}`);
  if (plan.delete.length) parts.push(`deleted ${plan.delete.join(', ')}`);
  parts.push(`at most ${MAX_ENDPOINTS_PER_SLICE} endpoints per slice`);
  return parts.join('; ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
