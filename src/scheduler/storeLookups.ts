// ClusterLookups backed by the store: single-object reads by name, plus the default spreading
// selector built as kube-scheduler's helper.DefaultSelector does (Services in the pod's namespace that
// select it, then the RC's selector or the RS/StatefulSet's selector of its controller).
import { LabelSelectorError, selectorFromLabelSelector, type Labels, type Selector } from '../api/labels.js';
import { controllerOf } from '../api/object.js';
import type { LabelSelector, PersistentVolume, PersistentVolumeClaim, Service, StorageClass } from '../api/types.js';
import type { Store } from '../store/store.js';
import type { ClusterLookups } from './clusterView.js';
import type { PodInfo } from './podInfo.js';

function matchesSet(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector)) if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  return true;
}

export class StoreLookups implements ClusterLookups {
  constructor(private readonly store: Store) {}

  namespaceLabels(namespace: string): Labels {
    return this.store.get('Namespace', undefined, namespace)?.metadata.labels;
  }

  pvc(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name);
  }

  pv(name: string): PersistentVolume | undefined {
    return this.store.get<PersistentVolume>('PersistentVolume', undefined, name);
  }

  storageClass(name: string): StorageClass | undefined {
    return this.store.get<StorageClass>('StorageClass', undefined, name);
  }

  persistentVolumes(): PersistentVolume[] {
    return this.store.list<PersistentVolume>('PersistentVolume');
  }

  defaultSpreadSelector(pod: PodInfo): Selector | undefined {
    const matchLabels: Record<string, string> = {};
    const expressions: NonNullable<LabelSelector['matchExpressions']> = [];
    // Services with a nil selector match nothing, not everything.
    for (const svc of this.store.list<Service>('Service', { namespace: pod.namespace })) {
      const sel = svc.spec?.selector;
      if (sel && matchesSet(sel, pod.labels)) Object.assign(matchLabels, sel);
    }
    const owner = controllerOf(pod.pod);
    if (!Object.keys(matchLabels).length && (owner?.kind === 'ReplicaSet' || owner?.kind === 'StatefulSet')) {
      // The common case, a pod of a ReplicaSet no Service selects: the selector follows from the
      // set's alone, so it is built once per (never changed in place) stored selector.
      const sel: LabelSelector | undefined = this.store.get(owner.kind, pod.namespace, owner.name)?.spec?.selector;
      if (!sel) return undefined;
      if (!ownerSelectors.has(sel)) ownerSelectors.set(sel, selectorOf({}, ownerRequirements(sel)));
      return ownerSelectors.get(sel);
    }
    if (owner?.kind === 'ReplicationController') {
      const rc = this.store.get('ReplicationController', pod.namespace, owner.name);
      if (rc?.spec?.selector) Object.assign(matchLabels, rc.spec.selector);
    } else if (owner?.kind === 'ReplicaSet' || owner?.kind === 'StatefulSet') {
      const set = this.store.get(owner.kind, pod.namespace, owner.name);
      const sel: LabelSelector | undefined = set?.spec?.selector;
      // Requirements are added alongside the services' labels, never merged over them.
      if (sel) expressions.push(...ownerRequirements(sel));
    }
    return selectorOf(matchLabels, expressions);
  }
}

type Expressions = NonNullable<LabelSelector['matchExpressions']>;

/** A ReplicaSet's or StatefulSet's stored selector → the spreading selector it gives on its own. */
const ownerSelectors = new WeakMap<LabelSelector, Selector | undefined>();

/** The set's selector as requirements (matchLabels become `In` expressions). */
function ownerRequirements(sel: LabelSelector): Expressions {
  const expressions: Expressions = [];
  for (const [key, v] of Object.entries(sel.matchLabels ?? {})) expressions.push({ key, operator: 'In', values: [v] });
  expressions.push(...(sel.matchExpressions ?? []));
  return expressions;
}

function selectorOf(matchLabels: Record<string, string>, expressions: Expressions): Selector | undefined {
  if (!Object.keys(matchLabels).length && !expressions.length) return undefined;
  try {
    return selectorFromLabelSelector({ matchLabels, matchExpressions: expressions });
  } catch (e) {
    if (e instanceof LabelSelectorError) return undefined;
    throw e;
  }
}
