// A small stand-in for the scheduler and the kubelets in workload-controller tests, on the virtual
// clock: binds each new pod (to the node its affinity pins, as for DaemonSet pods, else to the nodes
// in turn), runs it, makes it Ready, lets it exit with a scripted code (Job pods), finishes graceful
// deletions — and can play dead for a node, whose pods then never change again, as on a machine that
// lost power. test/helpers/podSimulator.ts does the first part for ReplicaSets; this one adds exits,
// affinity pins and dead nodes.
import type { Pod } from '../../src/api/types.js';
import type { VirtualClock } from '../../src/sim/clock.js';
import type { Store } from '../../src/store/store.js';
import { bindPod, livePod, podKey, PodTimers, setCondition, type PodStatus } from './podFakes.js';

/** What a running pod does: exit with this code after this long (0 = Succeeded). */
export interface PodExit {
  afterMs: number;
  exitCode: number;
}

export interface FakeKubeletOptions {
  /** Nodes to bind unpinned pods to, in turn. Default: the Node objects in the store, else node-1..3. */
  nodes?: string[];
  bindAfterMs?: number;
  /** Bound → Running. Default 1000. */
  runAfterMs?: number;
  /** Running → Ready; undefined from the function = never Ready. Default 1000. */
  readyAfterMs?: number | ((pod: Pod) => number | undefined);
  /** deletionTimestamp → gone. Default 1000. */
  terminateAfterMs?: number;
  /** How a pod ends, if it does (Job pods). */
  exit?: (pod: Pod) => PodExit | undefined;
}

export class FakeKubelet {
  private readonly timers: PodTimers;
  private readonly stopped = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  private next = 0;
  /** Nodes whose kubelet is dead. */
  readonly down = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: VirtualClock,
    private readonly options: FakeKubeletOptions = {},
  ) {
    this.timers = new PodTimers(clock, 'fake-kubelet');
  }

  start(): this {
    this.unsubscribe = this.store.watch({ kind: 'Pod' }, (ev) => {
      const pod = ev.object as Pod;
      const key = podKey(pod);
      if (ev.type === 'DELETED') {
        this.timers.cancel(key);
        this.stopped.delete(key);
        return;
      }
      if (pod.metadata.deletionTimestamp) {
        if (this.stopped.has(key)) {
          // Containers are gone; the pod goes as soon as nothing holds it (finalizers).
          if (!pod.metadata.finalizers?.length) this.clock.after(0, () => this.forget(pod), 'fake-kubelet forget');
        } else if (!ev.old?.metadata.deletionTimestamp) {
          this.timers.cancel(key);
          if (!pod.spec?.nodeName) this.timers.later(key, 0, () => this.forget(pod));
          else this.timers.later(key, this.options.terminateAfterMs ?? 1000, () => this.terminate(pod));
        }
        return;
      }
      if (ev.type === 'ADDED' && !pod.spec?.nodeName) this.timers.later(key, this.options.bindAfterMs ?? 0, () => this.bind(pod));
      else if (ev.type === 'ADDED') this.timers.later(key, this.options.runAfterMs ?? 1000, () => this.run(pod));
    });
    return this;
  }

  stop(): void {
    this.unsubscribe?.();
    this.timers.cancelAll();
  }

  /** The node's kubelet stops: its pods stay as they are, deletions never finish. */
  killNode(node: string): void {
    this.down.add(node);
  }

  /** The kubelet comes back and finishes what was pending: deleted pods go. */
  reviveNode(node: string): void {
    this.down.delete(node);
    for (const pod of this.store.list<Pod>('Pod', { nodeName: node })) {
      if (pod.metadata.deletionTimestamp) this.timers.later(podKey(pod), this.options.terminateAfterMs ?? 1000, () => this.terminate(pod));
    }
  }

  /** Ends a running pod now with this exit code. */
  exitNow(pod: Pod, exitCode: number): void {
    this.finish(pod, exitCode);
  }

  private nodes(): string[] {
    if (this.options.nodes) return this.options.nodes;
    const stored = this.store.list('Node').map((n) => n.metadata.name!).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return stored.length ? stored : ['node-1', 'node-2', 'node-3'];
  }

  private bind(pod: Pod): void {
    const live = livePod(this.store, pod);
    if (!live || live.metadata.deletionTimestamp || live.spec?.nodeName) return;
    const pinned = live.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
    let node: string | undefined;
    if (pinned) {
      if (!this.store.get('Node', undefined, pinned)) return; // stays Pending, as the scheduler would leave it
      node = pinned;
    } else {
      const candidates = this.nodes().filter((n) => !this.down.has(n));
      if (!candidates.length) return;
      node = candidates[this.next++ % candidates.length];
    }
    bindPod(this.store, live, node);
    this.setStatus(live, (s) => {
      s.phase = 'Pending';
      setCondition(s, 'PodScheduled', 'True', this.clock.iso());
    });
    this.timers.later(podKey(live), this.options.runAfterMs ?? 1000, () => this.run(live));
  }

  private alive(pod: Pod): Pod | undefined {
    const live = livePod(this.store, pod);
    if (!live || live.metadata.deletionTimestamp) return undefined;
    if (live.spec?.nodeName && this.down.has(live.spec.nodeName)) return undefined;
    return live;
  }

  private run(pod: Pod): void {
    const live = this.alive(pod);
    if (!live) return;
    const now = this.clock.iso();
    this.setStatus(live, (s) => {
      s.phase = 'Running';
      s.startTime ??= now;
      s.containerStatuses = (live.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready: false,
        restartCount: s.containerStatuses?.find((x) => x.name === c.name)?.restartCount ?? 0,
        state: { running: { startedAt: now } },
      }));
      setCondition(s, 'Ready', 'False', now);
    });
    const key = podKey(live);
    const option = this.options.readyAfterMs ?? 1000;
    const delay = typeof option === 'function' ? option(live) : option;
    if (delay !== undefined) {
      this.timers.later(key, delay, () => {
        const again = this.alive(live);
        if (again && again.status?.phase === 'Running') this.setStatus(again, (s) => setCondition(s, 'Ready', 'True', this.clock.iso()));
      });
    }
    const exit = this.options.exit?.(live);
    if (exit) this.timers.later(key, exit.afterMs, () => this.finish(live, exit.exitCode));
  }

  /** The containers exit: Succeeded / Failed, or a restart in place for restartPolicy OnFailure. */
  private finish(pod: Pod, exitCode: number): void {
    const live = this.alive(pod);
    if (!live) return;
    const now = this.clock.iso();
    if (exitCode !== 0 && live.spec?.restartPolicy === 'OnFailure') {
      this.setStatus(live, (s) => {
        for (const cs of s.containerStatuses ?? []) {
          cs.restartCount = (cs.restartCount ?? 0) + 1;
          cs.lastState = { terminated: { exitCode, reason: 'Error', finishedAt: now } };
        }
        setCondition(s, 'Ready', 'False', now);
      });
      this.timers.later(podKey(live), 0, () => this.run(live));
      return;
    }
    this.setStatus(live, (s) => {
      s.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
      for (const cs of s.containerStatuses ?? []) {
        cs.state = { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: cs.state?.running?.startedAt, finishedAt: now } };
        cs.ready = false;
      }
      setCondition(s, 'Ready', 'False', now);
    });
  }

  /** A deleted pod's containers stop (phase Failed unless it had already finished), then it goes. */
  private terminate(pod: Pod): void {
    const live = livePod(this.store, pod);
    if (!live || (live.spec?.nodeName && this.down.has(live.spec.nodeName))) return;
    const key = podKey(live);
    this.stopped.add(key);
    const phase = live.status?.phase;
    if (phase !== 'Succeeded' && phase !== 'Failed') {
      const now = this.clock.iso();
      this.setStatus(live, (s) => {
        s.phase = 'Failed';
        for (const cs of s.containerStatuses ?? []) cs.state = { terminated: { exitCode: 137, reason: 'Error', finishedAt: now } };
        setCondition(s, 'Ready', 'False', now);
      });
    }
    this.forget(live);
  }

  private forget(pod: Pod): void {
    const live = livePod(this.store, pod);
    if (!live || live.metadata.finalizers?.length) return;
    this.store.delete('Pod', live.metadata.namespace, live.metadata.name!, { gracePeriodSeconds: 0 });
  }

  private setStatus(pod: Pod, change: (status: PodStatus) => void): void {
    const live = livePod(this.store, pod);
    if (!live) return;
    this.store.modify<Pod>('Pod', live.metadata.namespace, live.metadata.name!, (draft) => {
      draft.status ??= {};
      change(draft.status);
      const ready = draft.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      setCondition(draft.status, 'ContainersReady', ready ? 'True' : 'False', this.clock.iso());
      for (const cs of draft.status.containerStatuses ?? []) if (cs.state?.running) cs.ready = ready;
    }, { subresource: 'status' });
  }
}
