// Small facts about claims, volumes and classes that the binder, the provisioner and the protection
// controllers share (component-helpers/storage/volume): annotation names, a claim's class, sizes,
// access modes as kubectl abbreviates them.
import { parseQuantity, type Quantity } from '../../api/quantity.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/types.js';

export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

const MODE_ABBREVIATIONS: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

/** GetPersistentVolumeClaimClass: the beta annotation wins, then spec.storageClassName, else "" (no class). */
export function claimClass(claim: PersistentVolumeClaim): string {
  const beta = claim.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  return claim.spec?.storageClassName ?? '';
}

/** Whether the claim names a class at all (nil vs ""): a nil class may still get the default later. */
export function claimHasClass(claim: PersistentVolumeClaim): boolean {
  return claim.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] !== undefined || (claim.spec?.storageClassName ?? null) !== null;
}

export function volumeClass(pv: PersistentVolume): string {
  const beta = pv.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  return pv.spec?.storageClassName ?? '';
}

function quantityOr0(text: string | number | undefined): Quantity {
  try {
    return parseQuantity(text ?? 0);
  } catch {
    return parseQuantity(0);
  }
}

export function claimRequest(claim: PersistentVolumeClaim): Quantity {
  return quantityOr0(claim.spec?.resources?.requests?.storage);
}

export function claimRequestText(claim: PersistentVolumeClaim): string {
  return String(claim.spec?.resources?.requests?.storage ?? '0');
}

export function volumeCapacity(pv: PersistentVolume): Quantity {
  return quantityOr0(pv.spec?.capacity?.storage);
}

export function volumeCapacityText(pv: PersistentVolume): string {
  return String(pv.spec?.capacity?.storage ?? '0');
}

/** `RWO,RWX`, as kubectl prints ACCESS MODES. */
export function accessModesText(modes: readonly string[] | undefined): string {
  return (modes ?? []).map((m) => MODE_ABBREVIATIONS[m] ?? m).join(',') || '<none>';
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function offersAccessModes(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const offered = new Set(pv.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

export function claimVolumeMode(claim: PersistentVolumeClaim): string {
  return claim.spec?.volumeMode ?? 'Filesystem';
}

export function volumeMode(pv: PersistentVolume): string {
  return pv.spec?.volumeMode ?? 'Filesystem';
}

/** IsVolumeBoundToClaim: the PV's claimRef names this claim (and its uid, once set). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || (ref.namespace ?? '') !== (claim.metadata.namespace ?? '')) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

export function bindingMode(sc: StorageClass | undefined): string {
  return sc?.volumeBindingMode ?? 'Immediate';
}

export function reclaimPolicyOf(pv: PersistentVolume): string {
  return pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
}

/** `class ""` or `class fast`, as decisions name a claim's class. */
export function classText(cls: string): string {
  return cls ? `class ${cls}` : 'class ""';
}
