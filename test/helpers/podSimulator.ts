// A stand-in for the scheduler and the kubelets in controller tests: binds new pods to nodes in turn,
// starts them, makes them Ready after a delay (or never), and finishes graceful deletions, all on the
// virtual clock. Lets the rollout arithmetic be tested without the real scheduler and kubelets.
import type { Pod } from '../../src/api/types.js';
import type { VirtualClock } from '../../src/sim/clock.js';
import type { Store } from '../../src/store/store.js';
import { bindPod, livePod, podKey, PodTimers, setCondition, type PodStatus } from './podFakes.js';

export interface PodSimulatorOptions {
  /** Nodes pods are bound to, in turn. Default node-1..node-3. */
  nodes?: string[];
  /** From creation to bound. Default 0. */
  scheduleAfterMs?: number;
  /** From bound to Running. Default 1000. */
  runAfterMs?: number;
  /** From Running to Ready; a function may say per pod, `undefined` meaning never Ready. Default 1000. */
  readyAfterMs?: number | ((pod: Pod) => number | undefined);
  /** From deletionTimestamp to gone. Default 1000. */
  terminateAfterMs?: number;
}

export class PodSimulator {
  private readonly timers: PodTimers;
  private next = 0;
  private unsubscribe: (() => void) | undefined;
  readonly nodes: string[];

  constructor(
    private readonly store: Store,
    private readonly clock: VirtualClock,
    private readonly options: PodSimulatorOptions = {},
  ) {
    this.nodes = options.nodes ?? ['node-1', 'node-2', 'node-3'];
    this.timers = new PodTimers(clock, 'pod-simulator');
  }

  start(): this {
    this.unsubscribe = this.store.watch({ kind: 'Pod' }, (ev) => {
      const pod = ev.object as Pod;
      const key = podKey(pod);
      if (ev.type === 'DELETED') {
        this.timers.cancel(key);
        return;
      }
      if (pod.metadata.deletionTimestamp) {
        if (ev.type === 'ADDED' || !ev.old?.metadata.deletionTimestamp) {
          this.timers.cancel(key);
          this.timers.later(key, this.options.terminateAfterMs ?? 1000, () => this.remove(pod));
        }
        return;
      }
      if (ev.type === 'ADDED' && !pod.spec?.nodeName) this.timers.later(key, this.options.scheduleAfterMs ?? 0, () => this.bind(pod));
    });
    return this;
  }

  stop(): void {
    this.unsubscribe?.();
    this.timers.cancelAll();
  }

  /** Makes a pod Ready now (for pods whose readiness a test controls). */
  makeReady(pod: Pod): void {
    this.setStatus(pod, (status) => {
      status.phase = 'Running';
      setCondition(status, 'Ready', 'True', this.clock.iso());
      setCondition(status, 'ContainersReady', 'True', this.clock.iso());
    });
  }

  /** Makes a pod not Ready now. */
  makeUnready(pod: Pod): void {
    this.setStatus(pod, (status) => {
      setCondition(status, 'Ready', 'False', this.clock.iso());
      setCondition(status, 'ContainersReady', 'False', this.clock.iso());
    });
  }

  private bind(pod: Pod): void {
    const live = livePod(this.store, pod);
    if (!live || live.metadata.deletionTimestamp) return;
    bindPod(this.store, live, this.nodes[this.next++ % this.nodes.length]);
    this.setStatus(live, (status) => {
      status.phase = 'Pending';
      setCondition(status, 'PodScheduled', 'True', this.clock.iso());
    });
    this.timers.later(podKey(live), this.options.runAfterMs ?? 1000, () => this.run(live));
  }

  private run(pod: Pod): void {
    const live = livePod(this.store, pod);
    if (!live || live.metadata.deletionTimestamp) return;
    this.setStatus(live, (status) => {
      status.phase = 'Running';
      status.startTime = this.clock.iso();
      status.containerStatuses = (live.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: { running: { startedAt: this.clock.iso() } },
      }));
      setCondition(status, 'Ready', 'False', this.clock.iso());
    });
    const option = this.options.readyAfterMs ?? 1000;
    const delay = typeof option === 'function' ? option(live) : option;
    if (delay === undefined) return;
    this.timers.later(podKey(live), delay, () => {
      const again = livePod(this.store, live);
      if (again && !again.metadata.deletionTimestamp) this.makeReady(again);
    });
  }

  private remove(pod: Pod): void {
    const live = livePod(this.store, pod);
    if (!live) return;
    this.store.delete('Pod', live.metadata.namespace, live.metadata.name!, { gracePeriodSeconds: 0 });
  }

  private setStatus(pod: Pod, change: (status: PodStatus) => void): void {
    const live = livePod(this.store, pod);
    if (!live) return;
    this.store.modify<Pod>('Pod', live.metadata.namespace, live.metadata.name!, (draft) => {
      draft.status ??= {};
      change(draft.status);
      for (const cs of draft.status.containerStatuses ?? []) {
        cs.ready = draft.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      }
    }, { subresource: 'status' });
  }
}
