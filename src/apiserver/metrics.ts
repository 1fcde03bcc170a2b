// metrics.k8s.io/v1beta1 from the usage model, as metrics-server would serve it, so `kubectl top
// nodes` and `kubectl top pods` work: a pod's usage shared out over its running containers by CPU
// request, a node's the sum of its pods'.
import { notFound } from '../api/errors.js';
import { milliValue, parseQuantity } from '../api/quantity.js';
import type { KObject } from '../api/object.js';
import type { Pod } from '../api/types.js';
import { selectObjects, selectionOf, type ApiRequest } from './context.js';
import { sendJson } from './http.js';
import { byKey } from './list.js';
import { HttpError } from './status.js';

const GROUP_VERSION = 'metrics.k8s.io/v1beta1';
const WINDOW = '15s';

function cpu(milli: number): string {
  return `${Math.max(0, Math.round(milli * 1_000_000))}n`;
}

function memory(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / 1024))}Ki`;
}

function cpuRequest(c: { resources?: { requests?: Record<string, string> } }): number {
  const q = c.resources?.requests?.cpu;
  if (!q) return 0;
  try {
    return milliValue(parseQuantity(String(q)));
  } catch {
    return 0;
  }
}

function podMetrics(r: ApiRequest, pod: Pod): KObject | undefined {
  const usage = r.ctx.cluster.usage.podUsage(pod);
  if (!usage) return undefined;
  const statuses = pod.status?.containerStatuses ?? [];
  const running = (pod.spec?.containers ?? []).filter((c) => statuses.some((s) => s.name === c.name && s.state?.running));
  const requests = running.map(cpuRequest);
  const total = requests.reduce((a, b) => a + b, 0);
  const now = r.ctx.cluster.clock.iso();
  return {
    kind: 'PodMetrics',
    apiVersion: GROUP_VERSION,
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, labels: pod.metadata.labels, creationTimestamp: now },
    timestamp: now,
    window: WINDOW,
    containers: running.map((c, i) => {
      const share = total ? requests[i] / total : 1 / running.length;
      return { name: c.name, usage: { cpu: cpu(usage.cpuMilli * share), memory: memory(usage.memoryBytes * share) } };
    }),
  };
}

function nodeMetrics(r: ApiRequest, node: KObject): KObject {
  let cpuMilli = 0;
  let memoryBytes = 0;
  for (const pod of r.ctx.store.list('Pod', { nodeName: node.metadata.name })) {
    const u = r.ctx.cluster.usage.podUsage(pod);
    if (!u) continue;
    cpuMilli += u.cpuMilli;
    memoryBytes += u.memoryBytes;
  }
  const now = r.ctx.cluster.clock.iso();
  return {
    kind: 'NodeMetrics',
    apiVersion: GROUP_VERSION,
    metadata: { name: node.metadata.name, labels: node.metadata.labels, creationTimestamp: now },
    timestamp: now,
    window: '20s',
    usage: { cpu: cpu(cpuMilli), memory: memory(memoryBytes) },
  };
}

export function handleMetrics(r: ApiRequest): void {
  if (r.method !== 'GET') throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const nodes = r.route.resource.resource === 'nodes';
  const storedKind = nodes ? 'Node' : 'Pod';
  // The selection reads selectors against the kind the metrics describe.
  const sel = selectionOf({ ...r, route: { ...r.route, resource: { ...r.route.resource, stored: { kind: storedKind } as never } } });
  const objects = selectObjects(r.ctx.store, storedKind, sel).sort(byKey);
  const items = objects.map((o) => (nodes ? nodeMetrics(r, o) : podMetrics(r, o as Pod))).filter((m): m is KObject => !!m);
  if (r.route.name !== undefined) {
    if (!items.length) throw notFound(nodes ? 'nodemetrics.metrics.k8s.io' : 'podmetrics.metrics.k8s.io', nodes ? r.route.name : `${r.route.namespace}/${r.route.name}`);
    sendJson(r.res, 200, items[0]);
    return;
  }
  const listKind = nodes ? 'NodeMetricsList' : 'PodMetricsList';
  sendJson(r.res, 200, { kind: listKind, apiVersion: GROUP_VERSION, metadata: {}, items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) });
}
