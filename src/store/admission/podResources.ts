// A pod's effective requests and limits, computed the way component-helpers' PodRequests/PodLimits do:
// app containers add up, sidecars (init containers with restartPolicy Always) run alongside them, and
// ordinary init containers run one at a time, so the pod needs the larger of the two phases.
import type { KObject } from '../../api/object.js';
import { addInto, addResources, maxInto, parseResources, type Resources } from './resourceList.js';

type Which = 'requests' | 'limits';

interface ContainerLike {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

function containerResources(c: ContainerLike, which: Which): Resources {
  return parseResources(c.resources?.[which]);
}

function effective(pod: KObject, which: Which): Resources {
  const spec = pod.spec ?? {};
  const total: Resources = new Map();
  for (const c of (spec.containers ?? []) as ContainerLike[]) addInto(total, containerResources(c, which));

  const sidecars: Resources = new Map();
  const initPeak: Resources = new Map();
  for (const c of (spec.initContainers ?? []) as ContainerLike[]) {
    let phase = containerResources(c, which);
    if (c.restartPolicy === 'Always') {
      addInto(total, phase);
      addInto(sidecars, phase);
      phase = new Map(sidecars);
    } else {
      phase = addResources(phase, sidecars);
    }
    maxInto(initPeak, phase);
  }
  maxInto(total, initPeak);
  if (spec.overhead) addInto(total, parseResources(spec.overhead));
  return total;
}

export function podRequests(pod: KObject): Resources {
  return effective(pod, 'requests');
}

export function podLimits(pod: KObject): Resources {
  return effective(pod, 'limits');
}

/** BestEffort QoS: no container requests or limits any cpu or memory. */
export function isBestEffort(pod: KObject): boolean {
  const spec = pod.spec ?? {};
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as ContainerLike[];
  for (const c of all) {
    for (const which of ['requests', 'limits'] as const) {
      const list = containerResources(c, which);
      for (const name of ['cpu', 'memory']) {
        const q = list.get(name);
        if (q && q.nanos > 0n) return false;
      }
    }
  }
  return true;
}
