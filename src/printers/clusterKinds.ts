// Namespaces, Nodes, Events, Leases, PriorityClasses, quotas, limit ranges and controller revisions.
import type { ControllerRevision, Event, LimitRange, Namespace, Node, PriorityClass, ResourceQuota } from '../api/types.js';
import type { KObject } from '../api/object.js';
import { num, plain, since, text } from './columns.js';
import { definePrinter } from './printer.js';

export const namespacePrinter = definePrinter<Namespace>({
  kind: 'Namespace',
  columns: [{ name: 'NAME' }, { name: 'STATUS' }, { name: 'AGE', time: true }],
  row: (ns) => [plain(ns.metadata.name!), plain(ns.status?.phase ?? 'Active'), since(ns.metadata.creationTimestamp)],
  health: (ns) => (ns.status?.phase === 'Terminating' ? 'warning' : 'ok'),
});

/** `Ready`, `NotReady` (Ready False or Unknown, as kubectl's printNode), `Unknown` without a Ready condition; `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  let s = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  if (node.spec?.unschedulable) s += ',SchedulingDisabled';
  return s;
}

export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

export const nodePrinter = definePrinter<Node>({
  kind: 'Node',
  columns: [
    { name: 'NAME' },
    { name: 'STATUS' },
    { name: 'ROLES' },
    { name: 'AGE', time: true },
    { name: 'VERSION' },
    { name: 'INTERNAL-IP', wide: true },
    { name: 'EXTERNAL-IP', wide: true },
    { name: 'OS-IMAGE', wide: true },
    { name: 'KERNEL-VERSION', wide: true },
    { name: 'CONTAINER-RUNTIME', wide: true },
  ],
  row(n) {
    const addr = (type: string) => n.status?.addresses?.find((a) => a.type === type)?.address;
    const info = n.status?.nodeInfo;
    return [
      plain(n.metadata.name!),
      plain(nodeStatus(n)),
      plain(nodeRoles(n)),
      since(n.metadata.creationTimestamp),
      plain(info?.kubeletVersion ?? ''),
      text(addr('InternalIP')),
      text(addr('ExternalIP')),
      plain(info?.osImage ?? ''),
      plain(info?.kernelVersion ?? ''),
      plain(info?.containerRuntimeVersion ?? ''),
    ];
  },
  health(n) {
    const s = nodeStatus(n);
    if (s.startsWith('Ready')) return s.includes('SchedulingDisabled') ? 'warning' : 'ok';
    return 'error';
  },
});

export const eventPrinter = definePrinter<Event>({
  kind: 'Event',
  columns: [
    { name: 'LAST SEEN', time: true },
    { name: 'TYPE' },
    { name: 'REASON' },
    { name: 'OBJECT' },
    { name: 'SUBOBJECT', wide: true },
    { name: 'SOURCE', wide: true },
    { name: 'MESSAGE' },
    { name: 'FIRST SEEN', wide: true, time: true },
    { name: 'COUNT', wide: true, align: 'right' },
    { name: 'NAME', wide: true },
  ],
  row(e) {
    const o = e.involvedObject;
    const source = e.source?.host ? `${e.source.component}, ${e.source.host}` : (e.source?.component ?? e.reportingComponent ?? '');
    return [
      since(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp),
      plain(e.type ?? 'Normal'),
      plain(e.reason ?? ''),
      plain(`${(o.kind ?? '').toLowerCase()}/${o.name ?? ''}`),
      plain(o.fieldPath ?? ''),
      plain(source),
      plain(e.message ?? ''),
      since(e.firstTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp),
      num(e.count ?? 1),
      plain(e.metadata.name ?? ''),
    ];
  },
  health: (e) => (e.type === 'Warning' ? 'warning' : 'ok'),
});

export const leasePrinter = definePrinter<KObject>({
  kind: 'Lease',
  columns: [{ name: 'NAME' }, { name: 'HOLDER' }, { name: 'AGE', time: true }],
  row: (l) => [plain(l.metadata.name!), text(l.spec?.holderIdentity), since(l.metadata.creationTimestamp)],
  health: () => 'ok',
});

export const priorityClassPrinter = definePrinter<PriorityClass>({
  kind: 'PriorityClass',
  columns: [{ name: 'NAME' }, { name: 'VALUE', align: 'right' }, { name: 'GLOBAL-DEFAULT' }, { name: 'PREEMPTIONPOLICY' }, { name: 'AGE', time: true }],
  row: (p) => [plain(p.metadata.name!), num(p.value), plain(String(p.globalDefault ?? false)), plain(p.preemptionPolicy ?? 'PreemptLowerPriority'), since(p.metadata.creationTimestamp)],
  health: () => 'ok',
});

function quotaPart(q: ResourceQuota, limits: boolean): string {
  const hard = q.status?.hard ?? q.spec?.hard ?? {};
  const used = q.status?.used ?? {};
  return Object.keys(hard)
    .filter((k) => k.startsWith('limits.') === limits)
    .sort()
    .map((k) => `${k}: ${used[k] ?? '0'}/${hard[k]}`)
    .join(', ');
}

export const resourceQuotaPrinter = definePrinter<ResourceQuota>({
  kind: 'ResourceQuota',
  columns: [{ name: 'NAME' }, { name: 'AGE', time: true }, { name: 'REQUEST' }, { name: 'LIMIT' }],
  row: (q) => [plain(q.metadata.name!), since(q.metadata.creationTimestamp), plain(quotaPart(q, false)), plain(quotaPart(q, true))],
  health(q) {
    const hard = q.status?.hard ?? {};
    const used = q.status?.used ?? {};
    return Object.keys(hard).some((k) => used[k] !== undefined && String(used[k]) === String(hard[k])) ? 'warning' : 'ok';
  },
});

export const limitRangePrinter = definePrinter<LimitRange>({
  kind: 'LimitRange',
  columns: [{ name: 'NAME' }, { name: 'CREATED AT' }],
  row: (l) => [plain(l.metadata.name!), { text: l.metadata.creationTimestamp ?? '', sort: l.metadata.creationTimestamp }],
  health: () => 'ok',
});

export const controllerRevisionPrinter = definePrinter<ControllerRevision>({
  kind: 'ControllerRevision',
  columns: [{ name: 'NAME' }, { name: 'CONTROLLER' }, { name: 'REVISION', align: 'right' }, { name: 'AGE', time: true }],
  row(r) {
    const owner = r.metadata.ownerReferences?.find((o) => o.controller);
    return [plain(r.metadata.name!), plain(owner ? `${owner.kind.toLowerCase()}.apps/${owner.name}` : ''), num(r.revision), since(r.metadata.creationTimestamp)];
  },
  health: () => 'ok',
});
