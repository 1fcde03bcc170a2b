// The pulse view's history: one sample of the cluster's health every 10 s of simulated time, in a
// bounded ring. It subscribes to the store once and keeps running totals (PulseCounters), so a sample
// is cheap; sampling follows the simulated clock (checked on each store change and on a light
// wall-clock poll for quiet periods), never adding timers to the simulation itself.
import type { Cluster } from '../../cluster.js';
import { PulseCounters } from './pulseCounters.js';

export const PULSE_INTERVAL_MS = 10_000;
/** An hour of samples at 10 s. */
export const PULSE_CAPACITY = 360;
/** Above this many running pods the usage is estimated from an even sample of them. */
const USAGE_SAMPLE_LIMIT = 5000;
const POLL_MS = 250;
const MAX_HPAS = 8;

export interface HpaSample {
  key: string;
  replicas: number;
  desired: number;
  min: number;
  max: number;
  /** Current average CPU utilisation (% of request), when the HPA has measured it. */
  cpu?: number;
  /** Target CPU utilisation, when it scales on CPU. */
  target?: number;
}

export interface PulseSample {
  /** Simulated epoch ms, on a multiple of the interval. */
  time: number;
  podsRunning: number;
  podsPending: number;
  podsFailed: number;
  nodes: number;
  nodesReady: number;
  cpuAllocatableMilli: number;
  cpuRequestedMilli: number;
  cpuUsedMilli: number;
  memoryAllocatable: number;
  memoryRequested: number;
  memoryUsed: number;
  /** Usage was extrapolated from a sample of the running pods. */
  usageEstimated: boolean;
  restartsPerMinute: number;
  warningsPerMinute: number;
  hpas: HpaSample[];
}

export class PulseHistory {
  private readonly ring: PulseSample[] = [];
  private readonly counters = new PulseCounters();
  private nextAt: number;
  private lastRestarts = 0;
  private lastWarnings = 0;
  private unwatch: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cluster: Cluster,
    readonly intervalMs = PULSE_INTERVAL_MS,
    readonly capacity = PULSE_CAPACITY,
  ) {
    this.nextAt = this.boundaryAfter(cluster.clock.now());
  }

  /** Subscribes to the store (once) and starts the quiet-period poll; takes a first sample. */
  start(pollMs = POLL_MS): this {
    if (this.unwatch) return this;
    this.counters.seed((kind) => this.cluster.store.list(kind));
    this.unwatch = this.cluster.store.watch({}, (event) => {
      // The state just before this change is the state at any boundary the clock has passed.
      this.poll();
      this.counters.apply(event);
    });
    this.push(this.snapshot(this.cluster.clock.now()));
    if (pollMs > 0) {
      this.timer = setInterval(() => this.poll(), pollMs);
      this.timer.unref?.();
    }
    return this;
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.unwatch !== undefined;
  }

  /** Oldest first. */
  samples(): readonly PulseSample[] {
    return this.ring;
  }

  /** Takes the samples for every boundary the simulated clock has passed; returns how many. */
  poll(): number {
    const now = this.cluster.clock.now();
    if (now < this.nextAt || !this.unwatch) return 0;
    const boundaries = Math.floor((now - this.nextAt) / this.intervalMs) + 1;
    const skipped = Math.max(0, boundaries - this.capacity);
    const first = this.snapshot(this.nextAt + skipped * this.intervalMs);
    this.push(first);
    // Nothing changed between the later boundaries (a change would have sampled): same state, no new restarts.
    for (let i = skipped + 1; i < boundaries; i++) this.push({ ...first, time: this.nextAt + i * this.intervalMs, restartsPerMinute: 0, warningsPerMinute: 0 });
    this.nextAt += boundaries * this.intervalMs;
    return boundaries - skipped;
  }

  private boundaryAfter(time: number): number {
    return (Math.floor(time / this.intervalMs) + 1) * this.intervalMs;
  }

  private push(sample: PulseSample): void {
    this.ring.push(sample);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
  }

  private snapshot(time: number): PulseSample {
    const c = this.counters;
    const perMinute = 60_000 / this.intervalMs;
    const restarts = (c.restartsSeen - this.lastRestarts) * perMinute;
    const warnings = (c.warningsSeen - this.lastWarnings) * perMinute;
    this.lastRestarts = c.restartsSeen;
    this.lastWarnings = c.warningsSeen;
    const usage = this.usage();
    return {
      time,
      podsRunning: c.phases.running,
      podsPending: c.phases.pending,
      podsFailed: c.phases.failed,
      nodes: c.nodes,
      nodesReady: c.readyNodes,
      cpuAllocatableMilli: c.cpuAllocatableMilli,
      cpuRequestedMilli: c.cpuRequestedMilli,
      cpuUsedMilli: usage.cpu,
      memoryAllocatable: c.memoryAllocatable,
      memoryRequested: c.memoryRequested,
      memoryUsed: usage.memory,
      usageEstimated: usage.estimated,
      restartsPerMinute: restarts,
      warningsPerMinute: warnings,
      hpas: this.hpaSamples(),
    };
  }

  private usage(): { cpu: number; memory: number; estimated: boolean } {
    const pods = this.counters.runningPods;
    const stride = Math.max(1, Math.ceil(pods.size / USAGE_SAMPLE_LIMIT));
    let cpu = 0;
    let memory = 0;
    let seen = 0;
    let measured = 0;
    for (const pod of pods.values()) {
      if (seen++ % stride) continue;
      measured++;
      const u = this.cluster.usage.podUsage(pod);
      if (!u) continue;
      cpu += u.cpuMilli;
      memory += u.memoryBytes;
    }
    const scale = measured ? pods.size / measured : 1;
    return { cpu: Math.round(cpu * scale), memory: Math.round(memory * scale), estimated: stride > 1 };
  }

  private hpaSamples(): HpaSample[] {
    const list = [...this.counters.hpas.values()]
      .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`))
      .slice(0, MAX_HPAS);
    return list.map((h) => {
      const index = (h.spec?.metrics ?? []).findIndex((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
      const metric = index >= 0 ? h.spec!.metrics![index] : undefined;
      const current = (h.status?.currentMetrics ?? []).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu')?.resource?.current;
      return {
        key: `${h.metadata.namespace}/${h.metadata.name}`,
        replicas: h.status?.currentReplicas ?? 0,
        desired: h.status?.desiredReplicas ?? 0,
        min: h.spec?.minReplicas ?? 1,
        max: h.spec?.maxReplicas ?? 1,
        cpu: current?.averageUtilization,
        target: metric?.resource?.target.averageUtilization,
      };
    });
  }
}

const histories = new WeakMap<Cluster, PulseHistory>();

/** The cluster's pulse history, created and started on first use; the dashboard calls it at start. */
export function pulseHistoryFor(cluster: Cluster): PulseHistory {
  let history = histories.get(cluster);
  if (!history) {
    history = new PulseHistory(cluster).start();
    histories.set(cluster, history);
  }
  return history;
}

/** Stops and forgets the cluster's pulse history (on quit). */
export function stopPulseHistory(cluster: Cluster): void {
  histories.get(cluster)?.stop();
  histories.delete(cluster);
}
