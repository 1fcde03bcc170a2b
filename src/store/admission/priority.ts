// Priority admission (plugin/pkg/admission/priority): a pod's priorityClassName becomes spec.priority
// and spec.preemptionPolicy; pods naming none get the global default class, or priority 0. At most
// one PriorityClass may be the global default.
import type { KObject } from '../../api/object.js';
import type { AdmissionPlugin } from '../admission.js';
import type { Store } from '../store.js';
import { forbiddenFor } from './requestName.js';

export interface ResolvedPriority {
  className: string;
  value: number;
  preemptionPolicy?: string;
}

/** The classes every apiserver creates at start; they resolve even before they are stored. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2_000_000_000,
  'system-node-critical': 2_000_001_000,
};

export function builtinPriorityClasses(): KObject[] {
  return Object.entries(SYSTEM_PRIORITY_CLASSES).map(([name, value]) => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
    globalDefault: false,
    preemptionPolicy: 'PreemptLowerPriority',
    description: name === 'system-node-critical' ? 'Used for system critical pods that must not be moved from their current node.' : 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  }));
}

export function lookupPriorityClass(store: Store, name: string): ResolvedPriority | undefined {
  const pc = store.get('PriorityClass', undefined, name);
  if (pc) return { className: name, value: pc.value ?? 0, preemptionPolicy: pc.preemptionPolicy };
  const builtin = SYSTEM_PRIORITY_CLASSES[name];
  return builtin === undefined ? undefined : { className: name, value: builtin, preemptionPolicy: 'PreemptLowerPriority' };
}

/** The global default class; if a race left several, the lowest value wins (as upstream). */
export function globalDefaultPriority(store: Store): ResolvedPriority | undefined {
  let best: KObject | undefined;
  for (const pc of store.list('PriorityClass')) {
    if (pc.globalDefault && (!best || (pc.value ?? 0) < (best.value ?? 0))) best = pc;
  }
  return best && { className: best.metadata.name!, value: best.value ?? 0, preemptionPolicy: best.preemptionPolicy };
}

export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',

  mutate({ operation, object: pod, store }) {
    if (operation !== 'CREATE' || pod.kind !== 'Pod') return;
    const spec = (pod.spec ??= {});
    let resolved: ResolvedPriority;
    if (!spec.priorityClassName) {
      resolved = globalDefaultPriority(store) ?? { className: '', value: 0 };
      if (resolved.className) spec.priorityClassName = resolved.className;
    } else {
      const found = lookupPriorityClass(store, spec.priorityClassName);
      if (!found) throw forbiddenFor(pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
      resolved = found;
    }
    if (typeof spec.priority === 'number' && spec.priority !== resolved.value) {
      throw forbiddenFor(
        pod,
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${resolved.value} from the given PriorityClass name`,
      );
    }
    spec.priority = resolved.value;
    // The class decides; a value already there may come from API defaulting rather than the user,
    // so it is replaced rather than refused.
    if (resolved.preemptionPolicy) spec.preemptionPolicy = resolved.preemptionPolicy;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
  },

  validate({ operation, object, store }) {
    if (object.kind !== 'PriorityClass' || (operation !== 'CREATE' && operation !== 'UPDATE')) return;
    if (!object.globalDefault) return;
    for (const pc of store.list('PriorityClass')) {
      if (pc.globalDefault && pc.metadata.name !== object.metadata.name) {
        throw forbiddenFor(object, `PriorityClass ${pc.metadata.name} is already marked as default. Only one default can exist`);
      }
    }
  },
};
