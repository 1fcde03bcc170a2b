// The garbage collector's invariant: once the cluster has settled, no live object keeps an owner
// reference to an object that is gone (the collector deletes the dependent, or drops the reference
// when another owner keeps it, as soon as it hears of the owner's deletion).
import { KINDS } from '../../api/kinds.js';
import type { KObject } from '../../api/object.js';
import type { CheckContext } from './context.js';

export function checkOwners(ctx: CheckContext): void {
  if (!ctx.runs('garbage-collector')) return;
  const { store } = ctx;
  for (const { kind } of KINDS) {
    // Events carry no owner references; the collector ignores them.
    if (kind === 'Event') continue;
    for (const obj of store.list(kind)) {
      const refs = obj.metadata.ownerReferences;
      if (!refs?.length || obj.metadata.deletionTimestamp) continue;
      for (const ref of refs) {
        const owner = store.getByUid(ref.uid);
        if (owner && sameScope(owner, obj)) continue;
        const why = owner ? `uid ${ref.uid} belongs to ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} in another namespace` : `no object has uid ${ref.uid}`;
        ctx.fail('owner-gc', obj, `owner ${ref.kind} ${ref.name} is gone (${why}) and the garbage collector left it`);
      }
    }
  }
}

/** A namespaced owner must live in its dependent's namespace; a cluster-scoped one may own anything. */
function sameScope(owner: KObject, dependent: KObject): boolean {
  return !owner.metadata.namespace || owner.metadata.namespace === dependent.metadata.namespace;
}
