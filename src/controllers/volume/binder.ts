// The writes of binding (pv_controller.go bind, bindVolumeToClaim, bindClaimToVolume,
// updateClaimStatus, updateVolumePhase, unbindVolume): the PV first, then the claim, each step
// idempotent so that a half-done binding is finished by the next sync.
import type { PersistentVolume, PersistentVolumeClaim } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  claimClass,
  claimRequest,
  claimVolumeMode,
  isVolumeBoundToClaim,
  offersAccessModes,
  volumeCapacity,
  volumeClass,
  volumeMode,
} from './storageHelpers.js';
import { compareQuantities } from '../../api/quantity.js';

/** checkVolumeSatisfyClaim: why a PV a claim asked for by name cannot serve it, or undefined. */
export function checkVolumeSatisfyClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (compareQuantities(volumeCapacity(pv), claimRequest(claim)) < 0) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeMode(pv) !== claimVolumeMode(claim)) return 'incompatible volumeMode';
  if (!offersAccessModes(pv, claim)) return 'incompatible accessMode';
  return undefined;
}

export function setVolumePhase(store: Store, pv: PersistentVolume, phase: string, message?: string): PersistentVolume {
  if (pv.status?.phase === phase) return pv;
  return store.modify<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name!, (v) => {
    v.status = { ...(v.status ?? {}), phase, lastPhaseTransitionTime: store.clock.iso() };
    if (message) v.status.message = message;
    else delete v.status.message;
  }, { subresource: 'status' });
}

/** updateClaimStatus: phase, and the bound volume's access modes and capacity (cleared without a volume). */
export function setClaimStatus(store: Store, claim: PersistentVolumeClaim, phase: string, pv?: PersistentVolume): PersistentVolumeClaim {
  const status = claim.status ?? {};
  const wantModes = pv ? pv.spec?.accessModes : undefined;
  const becoming = status.phase !== phase;
  const wantCapacity = pv ? (becoming || !status.capacity ? { ...(pv.spec?.capacity ?? {}) } : status.capacity) : undefined;
  if (
    !becoming &&
    JSON.stringify(status.accessModes) === JSON.stringify(wantModes) &&
    JSON.stringify(status.capacity) === JSON.stringify(wantCapacity)
  )
    return claim;
  return store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name!, (c) => {
    const next = { ...(c.status ?? {}), phase };
    if (wantModes) next.accessModes = [...wantModes];
    else delete next.accessModes;
    if (wantCapacity) next.capacity = { ...wantCapacity };
    else delete next.capacity;
    c.status = next;
  }, { subresource: 'status' });
}

/** GetBindVolumeToClaim: claimRef to the claim, marked bound-by-controller when the controller chose the PV. */
function bindVolumeToClaim(store: Store, pv: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume {
  const ref = pv.spec?.claimRef;
  const setBoundBy = !isVolumeBoundToClaim(pv, claim) && !pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER];
  const refStale = !ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || ref.uid !== claim.metadata.uid;
  if (!refStale && !setBoundBy) return pv;
  return store.modify<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name!, (v) => {
    v.spec = v.spec ?? {};
    if (refStale) {
      v.spec.claimRef = {
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata.namespace,
        name: claim.metadata.name,
        uid: claim.metadata.uid,
        apiVersion: 'v1',
        resourceVersion: claim.metadata.resourceVersion,
      };
    }
    if (setBoundBy) v.metadata.annotations = { ...(v.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
  }, { trusted: true });
}

function bindClaimToVolume(store: Store, claim: PersistentVolumeClaim, pv: PersistentVolume): PersistentVolumeClaim {
  const shouldBind = claim.spec?.volumeName !== pv.metadata.name;
  const annotations = claim.metadata.annotations ?? {};
  const needsCompleted = !annotations[ANN_BIND_COMPLETED];
  const needsBoundBy = shouldBind && !annotations[ANN_BOUND_BY_CONTROLLER];
  if (!shouldBind && !needsCompleted) return claim;
  return store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name!, (c) => {
    c.spec = c.spec ?? {};
    if (shouldBind) c.spec.volumeName = pv.metadata.name;
    const next = { ...(c.metadata.annotations ?? {}) };
    if (needsCompleted) next[ANN_BIND_COMPLETED] = 'yes';
    if (needsBoundBy) next[ANN_BOUND_BY_CONTROLLER] = 'yes';
    c.metadata.annotations = next;
  }, { trusted: true });
}

export interface BindResult {
  pv: PersistentVolume;
  claim: PersistentVolumeClaim;
  /** Whether anything was written (a bind that was already complete writes nothing). */
  changed: boolean;
}

/** bind: PV claimRef, PV phase Bound, claim volumeName + annotations, claim phase Bound with capacity and modes. */
export function bind(store: Store, pv: PersistentVolume, claim: PersistentVolumeClaim): BindResult {
  const startPv = pv.metadata.resourceVersion;
  const startClaim = claim.metadata.resourceVersion;
  pv = bindVolumeToClaim(store, pv, claim);
  pv = setVolumePhase(store, pv, 'Bound');
  claim = bindClaimToVolume(store, claim, pv);
  claim = setClaimStatus(store, claim, 'Bound', pv);
  return { pv, claim, changed: pv.metadata.resourceVersion !== startPv || claim.metadata.resourceVersion !== startClaim };
}

/**
 * unbindVolume: a PV the controller bound loses its claimRef; one an admin pre-bound keeps the
 * claim's name but not its uid, so it stays reserved for a claim of that name. Either way: Available.
 */
export function unbindVolume(store: Store, pv: PersistentVolume): PersistentVolume {
  const updated = store.modify<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name!, (v) => {
    v.spec = v.spec ?? {};
    if (v.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
      delete v.spec.claimRef;
      const { [ANN_BOUND_BY_CONTROLLER]: _, ...rest } = v.metadata.annotations;
      if (Object.keys(rest).length) v.metadata.annotations = rest;
      else delete v.metadata.annotations;
    } else if (v.spec.claimRef) {
      v.spec.claimRef = { ...v.spec.claimRef };
      delete v.spec.claimRef.uid;
      delete v.spec.claimRef.resourceVersion;
    }
  }, { trusted: true });
  return setVolumePhase(store, updated, 'Available');
}
