// Controller references and claiming (ControllerRefManager): a controller owns the objects whose
// controller reference names its uid. It adopts orphans its selector matches, releases owned objects
// whose labels no longer match, and leaves alone whatever another controller owns.
import { isApiError } from '../../api/errors.js';
import { controllerOf, type KObject, type OwnerReference } from '../../api/object.js';
import type { Store } from '../../store/store.js';

export function controllerRefTo(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The object a controller reference names, if it still exists with that uid (not a same-name successor). */
export function resolveControllerRef<T extends KObject>(store: Store, namespace: string | undefined, ref: OwnerReference, kind: string): T | undefined {
  if (ref.kind !== kind) return undefined;
  const obj = store.get<T>(kind, namespace, ref.name);
  return obj && obj.metadata.uid === ref.uid ? obj : undefined;
}

export interface ClaimResult<T extends KObject> {
  /** Objects the owner controls after claiming (the stored versions, adoptions included). */
  claimed: T[];
  adopted: T[];
  released: T[];
}

/**
 * Claims `candidates` (the owner's objects plus those its selector matches; duplicates are ignored)
 * for `owner`. Adoption and release patch only the ownerReferences.
 */
export function claimObjects<T extends KObject>(
  store: Store,
  owner: KObject,
  matches: (obj: T) => boolean,
  candidates: Iterable<T>,
): ClaimResult<T> {
  const result: ClaimResult<T> = { claimed: [], adopted: [], released: [] };
  const uid = owner.metadata.uid;
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  const seen = new Set<string>();
  for (const obj of candidates) {
    const key = obj.metadata.uid ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    const ref = controllerOf(obj);
    if (ref) {
      if (ref.uid !== uid) continue; // someone else's
      if (matches(obj)) result.claimed.push(obj);
      else if (!ownerDeleting) {
        const released = patchOwnerRefs(store, obj, (refs) => refs.filter((r) => r.uid !== uid));
        if (released) result.released.push(released as T);
      }
      continue;
    }
    // An orphan: adopt it if it matches, is not itself going away, and the owner is not going away.
    if (ownerDeleting || obj.metadata.deletionTimestamp || !matches(obj)) continue;
    const ownerRef = controllerRefTo(owner);
    const adopted = patchOwnerRefs(store, obj, (refs) => [...refs.filter((r) => r.uid !== uid), ownerRef]);
    if (adopted) {
      result.adopted.push(adopted as T);
      result.claimed.push(adopted as T);
    }
  }
  return result;
}

/** Rewrites an object's ownerReferences; undefined when the object is gone. */
export function patchOwnerRefs(store: Store, obj: KObject, change: (refs: OwnerReference[]) => OwnerReference[]): KObject | undefined {
  try {
    return store.modify(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '', (draft) => {
      const refs = change(draft.metadata.ownerReferences ?? []);
      if (refs.length) draft.metadata.ownerReferences = refs;
      else delete draft.metadata.ownerReferences;
    }, { trusted: true });
  } catch (e) {
    if (isApiError(e, 'NotFound')) return undefined;
    throw e;
  }
}
