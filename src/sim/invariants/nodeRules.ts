// Invariants about where pods run: every bound pod's node exists (or has been gone for less than the
// pod GC's quarantine), no node holds more requests than it has allocatable, and no two running pods
// share an IP. One pass over the pods, grouped by node.
import type { Node, Pod } from '../../api/types.js';
import { GC_CHECK_PERIOD_MS, ORPHAN_QUARANTINE_MS } from '../../controllers/podGCController.js';
import { nodeAllocatable, podRequests, podResources, type Resources } from '../../scheduler/resources.js';
import { isTerminal, plural, type CheckContext } from './context.js';

/** The longest a pod may name a missing node: the first gc pass after it vanished, then the quarantine. */
export const ORPHAN_GRACE_MS = GC_CHECK_PERIOD_MS + ORPHAN_QUARANTINE_MS;
/** A node's /24 has 253 pod addresses; beyond that the simulated IPAM shares them (documented there). */
const ADDRESSES_PER_NODE = 253;

/**
 * Requests of a pod with one container, kept per shared `resources` object as the scheduler keeps
 * them (podResources): nothing per pod. Other pods' requests are kept per spec, which the versions of
 * a pod share until its spec changes.
 */
const requestsCache = new WeakMap<object, Resources>();

function requestsOf(pod: Pod): Resources {
  const containers = pod.spec?.containers;
  if (!pod.spec?.initContainers?.length && containers?.length === 1 && containers[0].resources) return podResources(pod).requests;
  const spec = pod.spec as object;
  let r = requestsCache.get(spec);
  if (!r) requestsCache.set(spec, (r = podRequests(pod)));
  return r;
}

/** Placed by the scheduler or admitted by the kubelet (a pod merely naming a node is neither). */
function isPlaced(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'True') ?? false;
}

export function checkNodes(ctx: CheckContext): void {
  const byNode = new Map<string, Pod[]>();
  for (const pod of ctx.store.list<Pod>('Pod')) {
    const node = pod.spec?.nodeName;
    if (!node) continue;
    let list = byNode.get(node);
    if (!list) byNode.set(node, (list = []));
    list.push(pod);
  }
  const ips = new Map<string, Pod>();
  for (const [name, pods] of byNode) {
    const node = ctx.store.get<Node>('Node', undefined, name);
    if (!node) {
      missingNode(ctx, name, pods);
      continue;
    }
    ctx.memory.missingNodeSince.delete(name);
    allocatable(ctx, node, pods);
    uniqueIps(ctx, pods, ips);
  }
  // Forget nodes no pod names any more (their pods were collected, or they came back).
  for (const name of ctx.memory.missingNodeSince.keys()) if (!byNode.has(name)) ctx.memory.missingNodeSince.delete(name);
}

function missingNode(ctx: CheckContext, name: string, pods: Pod[]): void {
  if (!ctx.runs('pod-garbage-collector')) return;
  const since = ctx.memory.missingNodeSince.get(name) ?? ctx.now;
  ctx.memory.missingNodeSince.set(name, since);
  const gone = ctx.now - since;
  if (gone <= ORPHAN_GRACE_MS) return;
  const names = pods.slice(0, 3).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
  ctx.fail('pod-node', `Node ${name}`, `missing for ${gone / 1000}s (pod GC allows ${ORPHAN_GRACE_MS / 1000}s) but ${plural(pods.length, 'pod')} still name it: ${names}${pods.length > 3 ? ', …' : ''}`);
}

function allocatable(ctx: CheckContext, node: Node, pods: Pod[]): void {
  const alloc = nodeAllocatable(node);
  let cpu = 0;
  let memory = 0;
  let storage = 0;
  let count = 0;
  const scalar = new Map<string, number>();
  for (const pod of pods) {
    if (isTerminal(pod) || !isPlaced(pod)) continue;
    const r = requestsOf(pod);
    cpu += r.cpu;
    memory += r.memory;
    storage += r.ephemeralStorage;
    count++;
    for (const [k, v] of r.scalar) scalar.set(k, (scalar.get(k) ?? 0) + v);
  }
  const over: string[] = [];
  if (cpu > alloc.cpu) over.push(`cpu ${cpu}m > ${alloc.cpu}m`);
  if (memory > alloc.memory) over.push(`memory ${memory} > ${alloc.memory} bytes`);
  if (storage > alloc.ephemeralStorage && storage > 0) over.push(`ephemeral-storage ${storage} > ${alloc.ephemeralStorage} bytes`);
  if (count > alloc.pods) over.push(`pods ${count} > ${alloc.pods}`);
  for (const [k, v] of scalar) if (v > (alloc.scalar.get(k) ?? 0)) over.push(`${k} ${v} > ${alloc.scalar.get(k) ?? 0}`);
  if (over.length) ctx.fail('node-allocatable', node, `requests of its ${plural(count, 'running pod')} exceed allocatable: ${over.join(', ')}`);
}

function uniqueIps(ctx: CheckContext, pods: Pod[], seen: Map<string, Pod>): void {
  const withIp = pods.filter((p) => !isTerminal(p) && !p.spec?.hostNetwork && p.status?.podIP);
  const crowded = withIp.length > ADDRESSES_PER_NODE;
  for (const pod of withIp) {
    const ip = pod.status!.podIP!;
    const other = seen.get(ip);
    if (!other) {
      seen.set(ip, pod);
      continue;
    }
    if (crowded && other.spec?.nodeName === pod.spec?.nodeName) continue;
    ctx.fail('pod-ip', pod, `IP ${ip} is also the IP of pod ${other.metadata.namespace}/${other.metadata.name} (on ${other.spec?.nodeName})`);
  }
}
