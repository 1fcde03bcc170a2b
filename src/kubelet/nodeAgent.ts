// One kubelet: the node's heartbeats (its Lease in kube-node-lease every 10 s, its Ready condition
// every 5 min or when the node status changed), its images, the pod IPs of its CIDR and the
// resources its admitted pods request. The pods themselves are run by PodWorkers.
import type { Lease, Node, Pod } from '../api/types.js';
import { isApiError } from '../api/errors.js';
import { milliValue, tryParseQuantity, value as quantityValue } from '../api/quantity.js';
import type { ControlPlane } from '../controllers/controlPlane.js';
import type { Timer } from '../sim/clock.js';
import { hashString } from '../sim/imageCatalog.js';
import { isImageRef, parseImageRef } from '../sim/imageRef.js';
import { ImageStore } from './imageStore.js';

export const LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
/** Lease renewal: a quarter of the lease duration. */
export const LEASE_RENEW_MS = 10_000;
/** nodeStatusUpdateFrequency: how often a changed status is posted. */
export const NODE_STATUS_UPDATE_MS = 10_000;
/** nodeStatusReportFrequency: how often an unchanged status is posted anyway. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

/** The conditions a healthy kubelet reports, in the order it writes them. */
export const KUBELET_NODE_CONDITIONS = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** Waiting reasons a container shows only after its image is on the node. */
export const PAST_PULL_WAITING: ReadonlySet<string> = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'CrashLoopBackOff']);

export interface Allocatable {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
}

export interface Requests {
  cpuMilli: number;
  memoryBytes: number;
}

export interface AgentHost {
  readonly cp: ControlPlane;
  nodeEvent(node: Node, type: 'Normal' | 'Warning', reason: string, message: string): void;
  nodeDecision(node: string, action: string, reason: string, details?: unknown): void;
}

/** RFC 3339 with microseconds, as Lease times are written (`MicroTime`). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class NodeAgent {
  readonly images = new ImageStore();
  stopped = false;
  /** uids of the pods this kubelet runs. */
  readonly pods = new Set<string>();
  private readonly admitted = new Map<string, Requests>();
  private readonly ipsInUse = new Set<number>();
  private ipCursor = 1;
  private timer: Timer | undefined;
  private lastStatusPost = Number.NEGATIVE_INFINITY;
  private reportedImages = -1;
  private leaseAcquired: string | undefined;

  constructor(
    readonly name: string,
    private readonly host: AgentHost,
  ) {}

  node(): Node | undefined {
    return this.host.cp.store.get<Node>('Node', undefined, this.name);
  }

  private cachedHostIP: string | undefined;
  private cachedCidrBase: string | undefined;

  /** The node's InternalIP (fixed for the node's life). */
  get hostIP(): string {
    if (this.cachedHostIP === undefined) {
      const ip = this.node()?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
      if (!ip) return '';
      this.cachedHostIP = ip;
    }
    return this.cachedHostIP;
  }

  cpuCount(): number {
    const text = this.node()?.status?.capacity?.cpu ?? '1';
    if (text !== this.cpuCounted?.text) {
      const q = tryParseQuantity(text);
      this.cpuCounted = { text, count: Math.max(1, Math.min(8, q ? Math.ceil(milliValue(q) / 1000) : 1)) };
    }
    return this.cpuCounted.count;
  }

  /** The last capacity parsed, and what it gave (the node's capacity rarely changes). */
  private cpuCounted: { text: string | number; count: number } | undefined;

  // ---- pod network ------------------------------------------------------------------------

  /** `10.244.3` for podCIDR 10.244.3.0/24 (fixed once the node has one). */
  private cidrBase(): string {
    if (this.cachedCidrBase !== undefined) return this.cachedCidrBase;
    const node = this.node();
    const cidr = node?.spec?.podCIDR ?? node?.spec?.podCIDRs?.[0];
    const m = cidr ? /^(\d+\.\d+\.\d+)\.\d+\/\d+$/.exec(cidr) : null;
    if (m) this.cachedCidrBase = m[1];
    return m ? m[1] : `10.244.${hashString(this.name) % 256}`;
  }

  /** The bridge address probes come from (`10.244.1.1`). */
  gatewayIP(_podIP: string): string {
    return `${this.cidrBase()}.1`;
  }

  /** host-local IPAM: the next free address after the last one handed out, .2 to .254. */
  allocateIP(): string {
    for (let i = 0; i < 253; i++) {
      this.ipCursor = this.ipCursor >= 254 ? 2 : this.ipCursor + 1;
      if (!this.ipsInUse.has(this.ipCursor)) {
        this.ipsInUse.add(this.ipCursor);
        // Joined rather than added: the pod's status, worker and files keep it, as one flat string.
        return [this.cidrBase(), '.', this.ipCursor].join('');
      }
    }
    // A /24 holds 253 pods; more than that on one node shares addresses rather than failing.
    return [this.cidrBase(), '.', 2 + (this.ipCursor++ % 253)].join('');
  }

  /** An address a pod already holds (adopted from a restored cluster): never handed out again while it does. */
  reserveIP(ip: string): void {
    if (!ip.startsWith(`${this.cidrBase()}.`)) return;
    const last = Number(ip.slice(ip.lastIndexOf('.') + 1));
    if (Number.isInteger(last) && last >= 2 && last <= 254) this.ipsInUse.add(last);
  }

  /**
   * What this kubelet finds on a node it starts on that already ran pods (a restored cluster): the
   * images the node reported and the ones its pods' containers run, the addresses its pods hold, and
   * the allocator's place after the address handed out last.
   */
  adopt(pods: readonly Pod[]): void {
    for (const image of this.node()?.status?.images ?? []) {
      const name = image.names?.[1] ?? image.names?.[0];
      const ref = name ? parseImageRef(name) : undefined;
      if (ref && isImageRef(ref)) this.images.adopt(ref, image.sizeBytes ?? undefined);
    }
    let latest: { at: number; last: number } | undefined;
    for (const pod of pods) {
      const status = pod.status;
      if (!status) continue;
      for (const cs of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
        // An imageID means the runtime has (or had) a container of that image; a container that
        // failed after its pull (its configuration) had its image too.
        if (!cs.image || !(cs.imageID || PAST_PULL_WAITING.has(cs.state?.waiting?.reason ?? ''))) continue;
        const ref = parseImageRef(cs.image);
        if (isImageRef(ref)) this.images.adopt(ref);
      }
      const ip = status.podIP;
      if (!ip || pod.spec?.hostNetwork || !ip.startsWith(`${this.cidrBase()}.`)) continue;
      const last = Number(ip.slice(ip.lastIndexOf('.') + 1));
      const finished = status.phase === 'Succeeded' || status.phase === 'Failed';
      if (!finished) this.reserveIP(ip);
      const at = Date.parse(status.startTime ?? pod.metadata.creationTimestamp ?? '') || 0;
      if (!latest || at > latest.at || (at === latest.at && last > latest.last)) latest = { at, last };
    }
    if (latest && latest.last >= 2 && latest.last <= 254) this.ipCursor = latest.last;
  }

  releaseIP(ip: string): void {
    const last = Number(ip.slice(ip.lastIndexOf('.') + 1));
    if (ip.startsWith(`${this.cidrBase()}.`)) this.ipsInUse.delete(last);
  }

  // ---- admission bookkeeping ----------------------------------------------------------------

  admittedCount(): number {
    return this.admitted.size;
  }

  used(): Requests {
    let cpuMilli = 0;
    let memoryBytes = 0;
    for (const r of this.admitted.values()) {
      cpuMilli += r.cpuMilli;
      memoryBytes += r.memoryBytes;
    }
    return { cpuMilli, memoryBytes };
  }

  allocatable(): Readonly<Allocatable> {
    const a = this.node()?.status?.allocatable ?? {};
    const last = this.lastAllocatable;
    if (last && last.cpu === a.cpu && last.memory === a.memory && last.pods === a.pods) return last.value;
    const cpu = tryParseQuantity(a.cpu ?? '0');
    const memory = tryParseQuantity(a.memory ?? '0');
    const pods = tryParseQuantity(a.pods ?? '110');
    const value = Object.freeze({ cpuMilli: cpu ? milliValue(cpu) : 0, memoryBytes: memory ? quantityValue(memory) : 0, pods: pods ? quantityValue(pods) : 110 });
    this.lastAllocatable = { cpu: a.cpu, memory: a.memory, pods: a.pods, value };
    return value;
  }

  /** The allocatable quantities parsed last, and what they gave (they change only with the node). */
  private lastAllocatable: { cpu?: string | number; memory?: string | number; pods?: string | number; value: Readonly<Allocatable> } | undefined;

  admit(uid: string, requests: Requests): void {
    this.admitted.set(uid, requests);
  }

  release(uid: string): void {
    this.admitted.delete(uid);
  }

  // ---- heartbeats ---------------------------------------------------------------------------

  /** The kubelet starts (first time or after stopNode): events, status, lease, then every 10 s. */
  start(restart: boolean): void {
    this.stopped = false;
    const node = this.node();
    if (!node) return;
    const n = this.name;
    this.host.nodeEvent(node, 'Normal', 'Starting', 'Starting kubelet.');
    this.host.nodeEvent(node, 'Normal', 'NodeHasSufficientMemory', `Node ${n} status is now: NodeHasSufficientMemory`);
    this.host.nodeEvent(node, 'Normal', 'NodeHasNoDiskPressure', `Node ${n} status is now: NodeHasNoDiskPressure`);
    this.host.nodeEvent(node, 'Normal', 'NodeHasSufficientPID', `Node ${n} status is now: NodeHasSufficientPID`);
    this.host.nodeEvent(node, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.postStatus();
    this.host.nodeEvent(this.node() ?? node, 'Normal', 'NodeReady', `Node ${n} status is now: NodeReady`);
    if (restart) this.host.nodeDecision(n, 'kubelet started again', `${n}: heartbeats resume (Lease every ${LEASE_RENEW_MS / 1000}s, Ready condition posted now); pods on the node are synced again`);
    this.renewLease();
    // Kubelets are not in step with each other: each renews at its own offset within the period.
    const offset = restart ? LEASE_RENEW_MS : LEASE_RENEW_MS - (hashString(n) % LEASE_RENEW_MS);
    this.arm(offset);
  }

  /** The kubelet dies: no more heartbeats or status updates until start(). */
  stop(): void {
    this.stopped = true;
    this.host.cp.clock.cancel(this.timer);
    this.timer = undefined;
    this.host.nodeDecision(this.name, 'kubelet stopped', `${this.name}: no more Lease renewals or node status updates; pods keep their last reported status until the node controller notices (node-monitor-grace-period)`);
  }

  dispose(): void {
    this.host.cp.clock.cancel(this.timer);
    this.timer = undefined;
    this.stopped = true;
  }

  /** Something in the node status changed (images): post it at the next 10 s tick. */
  statusChanged(): boolean {
    return this.images.version !== this.reportedImages;
  }

  private arm(delayMs: number): void {
    this.timer = this.host.cp.clock.after(delayMs, () => this.tick(), `kubelet ${this.name} heartbeat`);
  }

  private tick(): void {
    this.timer = undefined;
    if (this.stopped || !this.node()) return;
    this.renewLease();
    const now = this.host.cp.clock.now();
    if (this.statusChanged() || now - this.lastStatusPost >= NODE_STATUS_REPORT_MS) this.postStatus();
    this.arm(LEASE_RENEW_MS);
  }

  private renewLease(): void {
    const { store, clock } = this.host.cp;
    const now = microTime(clock.now());
    const current = store.get<Lease>('Lease', LEASE_NAMESPACE, this.name);
    try {
      if (!current) {
        const node = this.node();
        this.leaseAcquired = now;
        store.create<Lease>(
          {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: {
              name: this.name,
              namespace: LEASE_NAMESPACE,
              ...(node?.metadata.uid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: node.metadata.uid }] } : {}),
            },
            spec: { holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, acquireTime: now, renewTime: now },
          },
          { trusted: true },
        );
        return;
      }
      const next: Lease = { ...current, spec: { ...current.spec, holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, acquireTime: current.spec?.acquireTime ?? this.leaseAcquired ?? now, renewTime: now } };
      store.update(next, { trusted: true });
    } catch (e) {
      // No kube-node-lease namespace (a bare test store): the Ready condition still carries the heartbeat.
      if (!isApiError(e)) throw e;
    }
  }

  /** Writes the kubelet's conditions (heartbeat now) and the image list. */
  private postStatus(): void {
    const { store, clock } = this.host.cp;
    const node = this.node();
    if (!node) return;
    const iso = clock.iso();
    const images = this.images.statusImages();
    try {
      store.modify<Node>('Node', undefined, this.name, (draft) => {
        const status = (draft.status ??= {});
        const conditions = (status.conditions ??= []);
        for (const want of KUBELET_NODE_CONDITIONS) {
          const have = conditions.find((c) => c.type === want.type);
          if (!have) {
            conditions.push({ ...want, lastHeartbeatTime: iso, lastTransitionTime: iso });
            continue;
          }
          if (have.status !== want.status) have.lastTransitionTime = iso;
          have.status = want.status;
          have.reason = want.reason;
          have.message = want.message;
          have.lastHeartbeatTime = iso;
        }
        status.images = images;
      }, { subresource: 'status', trusted: true });
    } catch (e) {
      if (!isApiError(e)) throw e;
      return;
    }
    this.lastStatusPost = clock.now();
    this.reportedImages = this.images.version;
  }
}
