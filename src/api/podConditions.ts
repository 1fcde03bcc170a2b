// Setting a pod condition the way the API's helpers do: replace the one of that type, and keep its
// lastTransitionTime unless its status actually changes.
import type { Pod } from './types.js';

export interface PodConditionInput {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export function setPodCondition(pod: Pod, condition: PodConditionInput, nowIso: string): void {
  const status = (pod.status ??= {});
  const conditions = (status.conditions ??= []);
  const existing = conditions.find((c) => c.type === condition.type);
  const lastTransitionTime = existing?.status === condition.status ? existing.lastTransitionTime : nowIso;
  const next = { ...condition, lastTransitionTime };
  if (existing) Object.assign(existing, next);
  else conditions.push(next);
}
