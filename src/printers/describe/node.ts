// `kubectl describe node` (describeNode): roles, taints, lease, conditions, addresses, capacity,
// system info, the pods on it with their requests and limits, and the allocated totals.
import type { Lease, Node, Pod } from '../../api/types.js';
import { formatAge } from '../../api/duration.js';
import { milliValue, newMilliQuantity, newQuantity, formatQuantity, tryParseQuantity, value } from '../../api/quantity.js';
import { nodeRoles } from '../clusterKinds.js';
import type { Describer } from './context.js';
import { rfc1123z, sortedResourceNames, writeAnnotations, writeLabels, writeTaints } from './fields.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefixWriter.js';

export const describeNode: Describer<Node> = (w, node, ctx) => {
  const status = node.status ?? {};
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  w.write(LEVEL_0, `Roles:\t${nodeRoles(node)}\n`);
  writeLabels(w, 'Labels', node.metadata.labels);
  writeAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  writeTaints(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable ?? false}\n`);
  const lease = ctx.store.get<Lease>('Lease', 'kube-node-lease', node.metadata.name!);
  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  }
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  writeResourceList(w, 'Capacity', status.capacity);
  writeResourceList(w, 'Allocatable', status.allocatable);
  const info = status.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = ctx.store.list<Pod>('Pod', { nodeName: node.metadata.name }).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  pods.sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  writeNodePods(w, node, pods, ctx.now);
};

function writeResourceList(w: PrefixWriter, title: string, list: Record<string, unknown> | undefined): void {
  const names = sortedResourceNames(list);
  if (!names.length) return;
  w.write(LEVEL_0, `${title}:\n`);
  for (const name of names) w.write(LEVEL_1, `${name}:\t${String(list![name])}\n`);
}

interface Amounts {
  requests: Map<string, number>;
  limits: Map<string, number>;
}

/** A quantity as a number: millis for cpu (so `250m` adds up exactly), units otherwise. */
function amount(resource: string, q: unknown): number {
  const parsed = tryParseQuantity(q as string);
  if (!parsed) return 0;
  return resource === 'cpu' ? milliValue(parsed) : value(parsed);
}

function quantityText(resource: string, n: number): string {
  return formatQuantity(resource === 'cpu' ? newMilliQuantity(n) : newQuantity(n, resource === 'memory' || resource.startsWith('hugepages-') || resource === 'ephemeral-storage' ? 'BinarySI' : 'DecimalSI'));
}

/** PodRequestsAndLimits: the sum over containers, or the largest init container if that is more. */
function podAmounts(pod: Pod): Amounts {
  const out: Amounts = { requests: new Map(), limits: new Map() };
  for (const part of ['requests', 'limits'] as const) {
    const sums = out[part];
    for (const c of pod.spec?.containers ?? []) {
      for (const [r, q] of Object.entries(c.resources?.[part] ?? {})) sums.set(r, (sums.get(r) ?? 0) + amount(r, q));
    }
    for (const c of pod.spec?.initContainers ?? []) {
      for (const [r, q] of Object.entries(c.resources?.[part] ?? {})) sums.set(r, Math.max(sums.get(r) ?? 0, amount(r, q)));
    }
    for (const [r, q] of Object.entries(pod.spec?.overhead ?? {})) sums.set(r, (sums.get(r) ?? 0) + amount(r, q));
  }
  return out;
}

const percent = (part: number, whole: number) => (whole ? Math.trunc((part / whole) * 100) : 0);

function writeNodePods(w: PrefixWriter, node: Node, pods: Pod[], now: number): void {
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length ? node.status!.allocatable! : (node.status?.capacity ?? {});
  const alloc = (r: string) => amount(r, allocatable[r]);
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total: Amounts = { requests: new Map(), limits: new Map() };
  for (const pod of pods) {
    const a = podAmounts(pod);
    for (const part of ['requests', 'limits'] as const) for (const [r, n] of a[part]) total[part].set(r, (total[part].get(r) ?? 0) + n);
    const cell = (part: 'requests' | 'limits', r: string) => `${quantityText(r, a[part].get(r) ?? 0)} (${percent(a[part].get(r) ?? 0, alloc(r))}%)`;
    const age = pod.metadata.creationTimestamp ? formatAge(now - Date.parse(pod.metadata.creationTimestamp)) : '<unknown>';
    w.write(LEVEL_1, `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell('requests', 'cpu')}\t${cell('limits', 'cpu')}\t${cell('requests', 'memory')}\t${cell('limits', 'memory')}\t${age}\n`);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const totalCell = (part: 'requests' | 'limits', r: string) => `${quantityText(r, total[part].get(r) ?? 0)} (${percent(total[part].get(r) ?? 0, alloc(r))}%)`;
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) w.write(LEVEL_1, `${r}\t${totalCell('requests', r)}\t${totalCell('limits', r)}\n`);
  for (const r of Object.keys(allocatable).filter((k) => k.startsWith('hugepages-')).sort()) {
    w.write(LEVEL_1, `${r}\t${quantityText(r, total.requests.get(r) ?? 0)} (${percent(total.requests.get(r) ?? 0, alloc(r))}%)\t${quantityText(r, total.limits.get(r) ?? 0)} (${percent(total.limits.get(r) ?? 0, alloc(r))}%)\n`);
  }
}
