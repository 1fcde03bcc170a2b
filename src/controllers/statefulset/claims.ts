// The claims of a StatefulSet's pods (stateful_pod_control.go): created before the pod when missing,
// reused when the pod is re-created, and kept when the pod goes unless
// persistentVolumeClaimRetentionPolicy says Delete — then the set (whenDeleted) or the scaled-away pod
// (whenScaled) becomes an owner of the claim and the garbage collector removes it with its owner.
import { isApiError } from '../../api/errors.js';
import type { KObject, OwnerReference } from '../../api/object.js';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import { claimsFor } from './identity.js';

export type Recorder = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

export interface RetentionPolicy {
  whenDeleted: 'Retain' | 'Delete';
  whenScaled: 'Retain' | 'Delete';
}

export function retentionPolicy(set: StatefulSet): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return {
    whenDeleted: p?.whenDeleted === 'Delete' ? 'Delete' : 'Retain',
    whenScaled: p?.whenScaled === 'Delete' ? 'Delete' : 'Retain',
  };
}

function ownerRef(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '' };
}

/**
 * createPersistentVolumeClaims: creates each missing claim (event `SuccessfulCreate "create Claim
 * www-web-0 Pod web-0 in StatefulSet web success"`). Returns the names created and the first error:
 * a claim that could not be created, or one still being deleted, stops the pod from being created.
 */
export function createMissingClaims(store: Store, set: StatefulSet, pod: Pod, record: Recorder): { created: string[]; error?: string } {
  const created: string[] = [];
  let error: string | undefined;
  const podName = pod.metadata.name ?? '';
  const policy = retentionPolicy(set);
  for (const claim of claimsFor(set, podName).values()) {
    const name = claim.metadata.name!;
    const existing = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, name);
    if (existing) {
      if (existing.metadata.deletionTimestamp) error ??= `pvc ${name} is being deleted`;
      continue;
    }
    if (policy.whenDeleted === 'Delete') claim.metadata.ownerReferences = [ownerRef(set)];
    try {
      store.create(claim);
      created.push(name);
      record('Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`);
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.reason === 'AlreadyExists') continue;
      record('Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${e.message}`);
      error ??= `failed to create PVC ${name}: ${e.message}`;
    }
  }
  return { created, error };
}

/**
 * Before a pod is scaled away with whenScaled: Delete, its claims get the pod as an owner, so they go
 * when the pod is gone. Returns the claims changed.
 */
export function markClaimsForScaleDown(store: Store, set: StatefulSet, pod: Pod): string[] {
  if (retentionPolicy(set).whenScaled !== 'Delete') return [];
  const changed: string[] = [];
  for (const claim of claimsFor(set, pod.metadata.name ?? '').values()) {
    const existing = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name!);
    if (!existing || existing.metadata.ownerReferences?.some((r) => r.uid === pod.metadata.uid)) continue;
    store.modify('PersistentVolumeClaim', existing.metadata.namespace, existing.metadata.name!, (draft) => {
      draft.metadata.ownerReferences = [...(draft.metadata.ownerReferences ?? []), ownerRef(pod)];
    }, { trusted: true });
    changed.push(existing.metadata.name!);
  }
  return changed;
}
