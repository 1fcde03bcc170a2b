// A pod's priority and preemption policy. The Priority admission plugin normally writes both into the
// spec; a pod that reached the store without them (written trusted, or before admission existed) is
// resolved here the same way: its PriorityClass, else the global default class, else 0.
import type { Pod } from '../api/types.js';
import { globalDefaultPriority, lookupPriorityClass } from '../store/admission/priority.js';
import type { Store } from '../store/store.js';

export function podPriority(store: Store, pod: Pod): number {
  if (typeof pod.spec?.priority === 'number') return pod.spec.priority;
  const className = pod.spec?.priorityClassName;
  if (className) return lookupPriorityClass(store, className)?.value ?? 0;
  return globalDefaultPriority(store)?.value ?? 0;
}

export function podPreemptionPolicy(store: Store, pod: Pod): string {
  if (pod.spec?.preemptionPolicy) return pod.spec.preemptionPolicy;
  const className = pod.spec?.priorityClassName;
  const resolved = className ? lookupPriorityClass(store, className) : globalDefaultPriority(store);
  return resolved?.preemptionPolicy ?? 'PreemptLowerPriority';
}
