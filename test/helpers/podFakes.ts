// What the two stand-ins for the scheduler and the kubelets (podSimulator.ts and fakeKubelet.ts)
// share: pod keys, the live pod behind an older copy, timers kept per pod so a deletion cancels a
// pod's pending steps, the binding write and pod conditions.
import type { Pod } from '../../src/api/types.js';
import type { Timer, VirtualClock } from '../../src/sim/clock.js';
import type { Store } from '../../src/store/store.js';

export type PodStatus = NonNullable<Pod['status']>;

export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

/** The stored pod `pod` is a copy of, or undefined once it is gone (or replaced by a pod of the same name). */
export function livePod(store: Store, pod: Pod): Pod | undefined {
  const now = store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!);
  return now && now.metadata.uid === pod.metadata.uid ? now : undefined;
}

/** The scheduler's binding: spec.nodeName set on the stored pod. */
export function bindPod(store: Store, pod: Pod, node: string): void {
  store.modify<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (draft) => {
    draft.spec = { ...draft.spec!, nodeName: node };
  }, { trusted: true });
}

/** Sets a condition, moving lastTransitionTime only when its status changes. */
export function setCondition(status: PodStatus, type: string, value: 'True' | 'False', iso: string): void {
  const conditions = (status.conditions ??= []);
  const existing = conditions.find((c) => c.type === type);
  if (existing) {
    if (existing.status !== value) existing.lastTransitionTime = iso;
    existing.status = value;
  } else conditions.push({ type, status: value, lastTransitionTime: iso });
}

/** Timers on the virtual clock, grouped by pod key. */
export class PodTimers {
  private readonly timers = new Map<string, Timer[]>();

  /** Each timer is labelled `label key`. */
  constructor(
    private readonly clock: VirtualClock,
    private readonly label: string,
  ) {}

  later(key: string, ms: number, fn: () => void): void {
    const timer = this.clock.after(ms, () => {
      const rest = (this.timers.get(key) ?? []).filter((t) => t !== timer);
      if (rest.length) this.timers.set(key, rest);
      else this.timers.delete(key);
      fn();
    }, `${this.label} ${key}`);
    this.timers.set(key, [...(this.timers.get(key) ?? []), timer]);
  }

  cancel(key: string): void {
    for (const t of this.timers.get(key) ?? []) this.clock.cancel(t);
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const key of [...this.timers.keys()]) this.cancel(key);
  }
}
