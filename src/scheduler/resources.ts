// Resource arithmetic as the scheduler sees it: a pod's effective requests (containers summed, init
// containers by the max rule, sidecars added), the "non-zero" requests used only for scoring, and a
// node's allocatable. CPU is in millicores, memory and storage in bytes, everything else in units.
import { milliValue, tryParseQuantity, value } from '../api/quantity.js';
import type { Container, Node, Pod } from '../api/types.js';

export interface Resources {
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (`nvidia.com/gpu`, hugepages); only those with a non-zero amount. */
  scalar: Map<string, number>;
}

/** Scoring counts a container without a request as asking for this much (pkg/scheduler/util). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResources(): Resources {
  return { cpu: 0, memory: 0, ephemeralStorage: 0, scalar: new Map() };
}

type Amounts = Map<string, number>;

function amountOf(name: string, raw: unknown): number {
  const q = tryParseQuantity(raw as string | number | undefined);
  if (!q) return 0;
  return name === 'cpu' ? milliValue(q) : value(q);
}

/**
 * A container's requests; where a request is missing but a limit is set, the API server would have
 * defaulted the request to the limit, so the limit is used.
 */
function containerRequests(c: Container): Amounts {
  const out: Amounts = new Map();
  const requests = c.resources?.requests ?? {};
  const limits = c.resources?.limits ?? {};
  for (const name of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    const raw = name in requests ? requests[name] : limits[name];
    out.set(name, amountOf(name, raw));
  }
  return out;
}

function addInto(target: Amounts, more: Amounts): void {
  for (const [k, v] of more) target.set(k, (target.get(k) ?? 0) + v);
}

function maxInto(target: Amounts, other: Amounts): void {
  for (const [k, v] of other) if (v > (target.get(k) ?? 0)) target.set(k, v);
}

/**
 * resourcehelper.PodRequests without overhead: regular containers summed; restartable init
 * containers (sidecars) run alongside them and are added; each ordinary init container runs alone
 * with the sidecars started before it, and the pod needs the largest of those moments.
 */
function podAmounts(pod: Pod, nonZero: boolean): Amounts {
  const withDefaults = (c: Container): Amounts => {
    const r = containerRequests(c);
    if (nonZero) {
      if (!r.has('cpu')) r.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
      if (!r.has('memory')) r.set('memory', DEFAULT_MEMORY_REQUEST);
    }
    return r;
  };
  const total: Amounts = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(total, withDefaults(c));
  const sidecars: Amounts = new Map();
  const initPeak: Amounts = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = withDefaults(c);
    if (c.restartPolicy === 'Always') {
      addInto(total, r);
      addInto(sidecars, r);
      maxInto(initPeak, sidecars);
    } else {
      const moment = new Map(sidecars);
      addInto(moment, r);
      maxInto(initPeak, moment);
    }
  }
  maxInto(total, initPeak);
  return total;
}

/** The scalar map of every pod that asks for no extended resource (pod requests are never changed). */
const NO_SCALARS: Map<string, number> = new Map();

/** What NodeResourcesFit compares against free allocatable. */
export function podRequests(pod: Pod): Resources {
  const amounts = podAmounts(pod, false);
  const out = emptyResources();
  for (const [name, v] of amounts) {
    if (name === 'cpu') out.cpu = v;
    else if (name === 'memory') out.memory = v;
    else if (name === 'ephemeral-storage') out.ephemeralStorage = v;
    else if (v > 0) out.scalar.set(name, v);
  }
  if (out.scalar.size === 0) out.scalar = NO_SCALARS;
  return out;
}

/** cpu and memory with the 100m / 200Mi stand-ins for missing requests (scoring only). */
export function podNonZeroRequests(pod: Pod): { cpu: number; memory: number } {
  const amounts = podAmounts(pod, true);
  return { cpu: amounts.get('cpu') ?? 0, memory: amounts.get('memory') ?? 0 };
}

export interface PodResources {
  requests: Resources;
  nonZero: { cpu: number; memory: number };
}

/**
 * Both of the above for a pod with one container and no init containers, kept per `resources`
 * object: stored pods share that object between the replicas of a template and never change it in
 * place, so each scheduling attempt and each bind need not parse the same quantities again.
 */
const singleContainerResources = new WeakMap<object, PodResources>();

export function podResources(pod: Pod): PodResources {
  const containers = pod.spec?.containers;
  const key = !pod.spec?.initContainers?.length && containers?.length === 1 ? containers[0].resources : undefined;
  if (!key) return { requests: podRequests(pod), nonZero: podNonZeroRequests(pod) };
  let known = singleContainerResources.get(key);
  if (!known) singleContainerResources.set(key, (known = { requests: podRequests(pod), nonZero: podNonZeroRequests(pod) }));
  return known;
}

export interface Allocatable extends Resources {
  pods: number;
}

/** status.allocatable, falling back to capacity for anything the node did not report. */
export function nodeAllocatable(node: Node): Allocatable {
  const source: Record<string, unknown> = { ...(node.status?.capacity ?? {}), ...(node.status?.allocatable ?? {}) };
  const out: Allocatable = { ...emptyResources(), pods: 0 };
  for (const [name, raw] of Object.entries(source)) {
    const v = amountOf(name, raw);
    if (name === 'cpu') out.cpu = v;
    else if (name === 'memory') out.memory = v;
    else if (name === 'ephemeral-storage') out.ephemeralStorage = v;
    else if (name === 'pods') out.pods = v;
    else out.scalar.set(name, v);
  }
  return out;
}
