// NodeInfo: one node as the scheduler sees it, kept up to date as pods come and go (never
// recomputed by scanning): allocatable, summed requests, host ports in use, images, its pods.
import type { Node } from '../api/types.js';
import type { HostPort, PodInfo } from './podInfo.js';
import { emptyResources, nodeAllocatable, type Allocatable, type Resources } from './resources.js';
import type { Taint } from './taints.js';

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

export class NodeInfo {
  node: Node | undefined;
  labels: Readonly<Record<string, string>> = NO_LABELS;
  taints: readonly Taint[] = [];
  unschedulable = false;
  allocatable: Allocatable = { ...emptyResources(), pods: 0 };
  /** Image name (every name the node reports) → size in bytes. */
  images = new Map<string, number>();
  /** Pods bound to this node that are not terminal, by uid. */
  pods = new Map<string, PodInfo>();
  requested: Resources = emptyResources();
  nonZeroRequested = { cpu: 0, memory: 0 };
  /** `TCP/8080` → host IP → how many pods use it. */
  ports = new Map<string, Map<string, number>>();
  // The numbers every attempt reads on hundreds of nodes, kept flat on the NodeInfo itself so a node
  // check touches one object rather than four (at 5,000 nodes the walk is bound by memory, not math).
  podCount = 0;
  allocCpu = 0;
  allocMemory = 0;
  allocEphemeral = 0;
  allocPods = 0;
  reqCpu = 0;
  reqMemory = 0;
  reqEphemeral = 0;
  nonZeroCpu = 0;
  nonZeroMemory = 0;

  constructor(readonly name: string) {}

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? NO_LABELS;
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = !!node.spec?.unschedulable;
    this.allocatable = nodeAllocatable(node);
    this.allocCpu = this.allocatable.cpu;
    this.allocMemory = this.allocatable.memory;
    this.allocEphemeral = this.allocatable.ephemeralStorage;
    this.allocPods = this.allocatable.pods;
    this.images = new Map();
    for (const image of node.status?.images ?? []) for (const n of image.names ?? []) this.images.set(n, image.sizeBytes ?? 0);
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.uid, p);
    this.podCount = this.pods.size;
    this.account(p, 1);
  }

  removePod(p: PodInfo): boolean {
    const held = this.pods.get(p.uid);
    if (!held) return false;
    this.pods.delete(p.uid);
    this.podCount = this.pods.size;
    this.account(held, -1);
    return true;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    r.cpu += sign * p.requests.cpu;
    r.memory += sign * p.requests.memory;
    r.ephemeralStorage += sign * p.requests.ephemeralStorage;
    for (const [name, v] of p.requests.scalar) {
      const next = (r.scalar.get(name) ?? 0) + sign * v;
      if (next === 0) r.scalar.delete(name);
      else r.scalar.set(name, next);
    }
    this.nonZeroRequested.cpu += sign * p.nonZero.cpu;
    this.nonZeroRequested.memory += sign * p.nonZero.memory;
    this.reqCpu = r.cpu;
    this.reqMemory = r.memory;
    this.reqEphemeral = r.ephemeralStorage;
    this.nonZeroCpu = this.nonZeroRequested.cpu;
    this.nonZeroMemory = this.nonZeroRequested.memory;
    for (const hp of p.hostPorts) this.usePort(hp, sign);
  }

  private usePort(hp: HostPort, sign: 1 | -1): void {
    const key = `${hp.protocol}/${hp.port}`;
    let ips = this.ports.get(key);
    if (!ips) this.ports.set(key, (ips = new Map()));
    const next = (ips.get(hp.ip) ?? 0) + sign;
    if (next <= 0) ips.delete(hp.ip);
    else ips.set(hp.ip, next);
    if (ips.size === 0) this.ports.delete(key);
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 on either side clashes with any address. */
  portInUse(hp: HostPort): boolean {
    const ips = this.ports.get(`${hp.protocol}/${hp.port}`);
    if (!ips) return false;
    if (hp.ip === '0.0.0.0') return ips.size > 0;
    return ips.has(hp.ip) || ips.has('0.0.0.0');
  }

  /** A copy that preemption and nominated-pod checks can change without touching the cache. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.images = this.images;
    c.pods = new Map(this.pods);
    c.requested = { ...this.requested, scalar: new Map(this.requested.scalar) };
    c.nonZeroRequested = { ...this.nonZeroRequested };
    c.ports = new Map([...this.ports].map(([k, v]) => [k, new Map(v)]));
    c.podCount = this.podCount;
    c.allocCpu = this.allocCpu;
    c.allocMemory = this.allocMemory;
    c.allocEphemeral = this.allocEphemeral;
    c.allocPods = this.allocPods;
    c.reqCpu = this.reqCpu;
    c.reqMemory = this.reqMemory;
    c.reqEphemeral = this.reqEphemeral;
    c.nonZeroCpu = this.nonZeroCpu;
    c.nonZeroMemory = this.nonZeroMemory;
    return c;
  }
}
