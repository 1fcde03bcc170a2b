// The rules a binding's roleRef grants. A ClusterRole with an aggregationRule holds the union of the
// ClusterRoles its selectors match (upstream a controller keeps its `rules` in step; here the union is
// taken when asked, so a new `aggregate-to-view` role takes effect at once).
import type { KObject } from '../api/object.js';
import { selectorFromLabelSelector, type LabelSelector, type Selector } from '../api/labels.js';
import type { Store } from '../store/store.js';
import type { PolicyRule } from './policyRules.js';

export interface RoleRef {
  kind: string; // Role | ClusterRole
  name: string;
  apiGroup?: string;
}

/** The role object a binding points at, or undefined if it does not exist. */
export function resolveRole(store: Store, ref: RoleRef, bindingNamespace: string): KObject | undefined {
  if (ref.kind === 'ClusterRole') return store.get('ClusterRole', undefined, ref.name);
  if (ref.kind === 'Role' && bindingNamespace) return store.get('Role', bindingNamespace, ref.name);
  return undefined;
}

function matchingClusterRoles(store: Store, selector: LabelSelector): KObject[] {
  let compiled: Selector;
  try {
    compiled = selectorFromLabelSelector(selector);
  } catch {
    return []; // an invalid selector matches nothing, as upstream
  }
  return store.list('ClusterRole', { labelSelector: compiled });
}

/** A role's effective rules, following aggregation (cycles are cut). */
export function rulesOfRole(store: Store, role: KObject, visiting: Set<string> = new Set()): PolicyRule[] {
  const selectors: LabelSelector[] | undefined = role.kind === 'ClusterRole' ? role.aggregationRule?.clusterRoleSelectors : undefined;
  if (!selectors?.length) return (role.rules ?? []) as PolicyRule[];
  const name = role.metadata.name!;
  visiting.add(name);
  const seen = new Set<string>();
  const out: PolicyRule[] = [];
  const sources = new Map<string, KObject>();
  for (const selector of selectors) for (const cr of matchingClusterRoles(store, selector)) sources.set(cr.metadata.name!, cr);
  for (const sourceName of [...sources.keys()].sort()) {
    if (visiting.has(sourceName)) continue;
    for (const rule of rulesOfRole(store, sources.get(sourceName)!, visiting)) {
      const key = JSON.stringify(rule);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(rule);
    }
  }
  visiting.delete(name);
  return out;
}
