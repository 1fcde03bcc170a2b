// Selectors of the workload controllers. The store answers `list` with a compiled selector from its
// label index, so `app=web,pod-template-hash=7c5d` touches only the smaller of the two label sets.
import { nothing, selectorFromLabelSelector, selectorFromSet, type LabelSelector, type Selector } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';

const compiled = new WeakMap<object, Selector>();

/**
 * A workload's `spec.selector` (a metav1.LabelSelector); a missing or malformed one selects nothing.
 * Compiled once per selector object (stored objects never change, and a status write keeps the spec).
 */
export function labelSelectorOf(obj: KObject): Selector {
  const raw = obj.spec?.selector as LabelSelector | undefined;
  if (raw && typeof raw === 'object') {
    const known = compiled.get(raw);
    if (known) return known;
  }
  let selector: Selector;
  try {
    selector = selectorFromLabelSelector(raw);
  } catch {
    selector = nothing();
  }
  if (raw && typeof raw === 'object') compiled.set(raw, selector);
  return selector;
}

/**
 * A ReplicationController's plain-map selector. The API server defaults an empty one to the pod
 * template's labels; with neither there is nothing to select.
 */
export function mapSelectorOf(obj: KObject): Selector {
  const own = obj.spec?.selector as Record<string, string> | undefined;
  const labels = own && Object.keys(own).length ? own : (obj.spec?.template?.metadata?.labels as Record<string, string> | undefined);
  if (!labels || Object.keys(labels).length === 0) return nothing();
  return selectorFromSet(labels);
}

/** True when the selector selects every object: a Deployment refuses to act on one. */
export function selectsEverything(selector: Selector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}
