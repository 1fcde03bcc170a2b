// PersistentVolumes, PersistentVolumeClaims and StorageClasses.
import type { FieldCause } from '../errors.js';
import { compareQuantities } from '../quantity.js';
import { deepEqual, field, immutable, path, type Path } from './fieldPath.js';
import { goLiteral, goQuote } from './goFormat.js';
import { validateLabelSelector, validateMeta, validateQualifiedName } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { qtext, readQuantity, validateResourceQuantityValue } from './quantities.js';
import { validateSourceFields } from './volumes.js';

const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const volumeModes = ['Block', 'Filesystem'];
const pvReclaimPolicies = ['Delete', 'Recycle', 'Retain'];

// Persistent volume sources, in the order ValidatePersistentVolumeSpec checks them.
const pvSourceKeys = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cephfs',
  'iscsi',
  'cinder',
  'fc',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'scaleIO',
  'local',
  'storageos',
  'csi',
] as const;

function validateAccessModes(modes: string[] | undefined, at: Path, requiredDetail: string): FieldCause[] {
  const errs: FieldCause[] = [];
  const list = modes ?? [];
  if (!list.length) errs.push(field.required(at, requiredDetail));
  let oncePod = false;
  let other = false;
  for (const mode of list) {
    if (!accessModes.includes(mode)) errs.push(field.notSupported(at, mode, accessModes));
    if (mode === 'ReadWriteOncePod') oncePod = true;
    else if (accessModes.includes(mode)) other = true;
  }
  if (oncePod && other) errs.push(field.forbidden(at, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function resourceListText(list: Record<string, unknown> | undefined): string {
  if (!list) return 'core.ResourceList(nil)';
  const entries = Object.keys(list)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(list[k]))}`);
  return `core.ResourceList{${entries.join(', ')}}`;
}

function validateStorageClassName(name: unknown, at: Path): FieldCause[] {
  if (typeof name !== 'string' || !name) return [];
  return nameIsDNSSubdomain(name, false).map((msg) => field.invalid(at, name, msg));
}

function validatePVSpec(spec: any, at: Path): FieldCause[] {
  const errs = validateAccessModes(spec.accessModes, at.child('accessModes'), '');
  const capacity = spec.capacity;
  const capKeys = Object.keys(capacity ?? {});
  if (!capKeys.length) errs.push(field.required(at.child('capacity')));
  if (!capKeys.includes('storage') || capKeys.length > 1) {
    errs.push(field.notSupported(at.child('capacity'), goLiteral(resourceListText(capacity)), ['storage']));
  }
  for (const key of capKeys) {
    const q = readQuantity(capacity[key], at.child('capacity').key(key), errs);
    if (q && q.nanos <= 0n) errs.push(field.invalid(at.child('capacity').key(key), qtext(q), 'must be greater than zero'));
  }
  if (spec.persistentVolumeReclaimPolicy && !pvReclaimPolicies.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(field.notSupported(at.child('persistentVolumeReclaimPolicy'), spec.persistentVolumeReclaimPolicy, pvReclaimPolicies));
  }
  let count = 0;
  for (const key of pvSourceKeys) {
    if (spec[key] === undefined || spec[key] === null) continue;
    if (count > 0) {
      errs.push(field.forbidden(at.child(key), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSourceFields(key, spec[key], at.child(key)));
    const terms = spec.nodeAffinity?.required?.nodeSelectorTerms;
    if (key === 'local' && !terms?.length) errs.push(field.required(at.child('nodeAffinity'), 'Local volume requires node affinity'));
  }
  if (count === 0) errs.push(field.required(at, 'must specify a volume type'));
  if (spec.hostPath && /^\/+$/.test(spec.hostPath.path ?? '') && spec.persistentVolumeReclaimPolicy === 'Recycle') {
    errs.push(field.forbidden(at.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  errs.push(...validateStorageClassName(spec.storageClassName, at.child('storageClassName')));
  if (spec.volumeMode && !volumeModes.includes(spec.volumeMode)) errs.push(field.notSupported(at.child('volumeMode'), spec.volumeMode, volumeModes));
  return errs;
}

export function validatePersistentVolume(obj: any, old?: any): FieldCause[] {
  const spec = obj.spec ?? {};
  const errs = [...validateMeta(obj, old, false, nameIsDNSSubdomain), ...validatePVSpec(spec, path('spec'))];
  if (old) {
    const source = (s: any) => Object.fromEntries(pvSourceKeys.filter((k) => s?.[k]).map((k) => [k, s[k]]));
    if (!deepEqual(source(spec), source(old.spec))) {
      errs.push(field.forbidden(path('spec', 'persistentvolumesource'), 'spec.persistentvolumesource is immutable after creation'));
    }
    // Upstream names this path without `spec.`.
    errs.push(...immutable(spec.volumeMode, old.spec?.volumeMode, path('volumeMode')));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimSpec, shared with StatefulSet claim templates' shape. */
export function validatePVCSpec(spec: any, at: Path): FieldCause[] {
  const errs = validateAccessModes(spec.accessModes, at.child('accessModes'), 'at least 1 access mode is required');
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, at.child('selector')));
  const storagePath = at.child('resources').key('storage');
  const raw = spec.resources?.requests?.storage;
  if (raw === undefined || raw === null) errs.push(field.required(storagePath));
  else {
    const q = readQuantity(raw, storagePath, errs);
    if (q && q.nanos <= 0n) errs.push(field.invalid(storagePath, qtext(q), 'must be greater than zero'));
    else if (q) errs.push(...validateResourceQuantityValue('storage', q, storagePath));
  }
  errs.push(...validateStorageClassName(spec.storageClassName, at.child('storageClassName')));
  if (spec.volumeMode && !volumeModes.includes(spec.volumeMode)) errs.push(field.notSupported(at.child('volumeMode'), spec.volumeMode, volumeModes));
  for (const key of ['dataSource', 'dataSourceRef']) {
    const ref = spec[key];
    if (!ref) continue;
    if (!ref.name) errs.push(field.required(at.child(key, 'name')));
    if (!ref.kind) errs.push(field.required(at.child(key, 'kind')));
    if (!ref.apiGroup && ref.kind !== 'PersistentVolumeClaim') {
      errs.push(field.invalid(at.child(key), ref.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
    }
  }
  return errs;
}

/** A claim's spec is fixed, except binding (volumeName once), a late class, and growth while bound. */
function validatePVCUpdate(obj: any, old: any): FieldCause[] {
  const errs: FieldCause[] = [];
  const now = structuredClone(obj.spec ?? {});
  const before = structuredClone(old.spec ?? {});
  if (!before.volumeName) before.volumeName = now.volumeName;
  if ((before.storageClassName === undefined || before.storageClassName === null) && now.storageClassName !== undefined) {
    before.storageClassName = now.storageClassName;
  }
  if (obj.status?.phase === 'Bound' && now.resources?.requests) {
    now.resources.requests.storage = before.resources?.requests?.storage;
    if (now.volumeAttributesClassName !== undefined) now.volumeAttributesClassName = before.volumeAttributesClassName;
  }
  if (!deepEqual(now, before)) {
    errs.push(field.forbidden(path('spec'), 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  }
  const sink: FieldCause[] = [];
  const newSize = readQuantity(obj.spec?.resources?.requests?.storage ?? 0, path('x'), sink);
  const statusSize = readQuantity(old.status?.capacity?.storage ?? 0, path('x'), sink);
  const oldSize = readQuantity(old.spec?.resources?.requests?.storage ?? 0, path('x'), sink);
  // Shrinking is allowed only back towards what was really provisioned (recovery from a failed expansion).
  if (newSize && oldSize && statusSize && compareQuantities(newSize, oldSize) < 0 && compareQuantities(newSize, statusSize) <= 0) {
    errs.push(field.forbidden(path('spec', 'resources', 'requests', 'storage'), 'field can not be less than status.capacity'));
  }
  errs.push(...immutable(obj.spec?.volumeMode, old.spec?.volumeMode, path('volumeMode')));
  return errs;
}

export function validatePersistentVolumeClaim(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  errs.push(...validatePVCSpec(obj.spec ?? {}, path('spec')));
  if (old) errs.push(...validatePVCUpdate(obj, old));
  return errs;
}

export function validateStorageClass(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, false, nameIsDNSSubdomain);
  const provisioner: string = obj.provisioner ?? '';
  if (!provisioner) errs.push(field.required(path('provisioner')));
  else errs.push(...validateQualifiedName(provisioner.toLowerCase(), path('provisioner')));
  const params = Object.keys(obj.parameters ?? {});
  if (params.length > 512) errs.push(field.tooLong(path('parameters'), 512));
  if (obj.reclaimPolicy && !['Delete', 'Retain'].includes(obj.reclaimPolicy)) {
    errs.push(field.notSupported(path('reclaimPolicy'), obj.reclaimPolicy, ['Delete', 'Retain']));
  }
  const mode = obj.volumeBindingMode;
  if (!mode) errs.push(field.required(path('volumeBindingMode')));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(mode)) errs.push(field.notSupported(path('volumeBindingMode'), mode, ['Immediate', 'WaitForFirstConsumer']));
  if (old) {
    if (!deepEqual(obj.parameters, old.parameters)) errs.push(field.forbidden(path('parameters'), 'updates to parameters are forbidden.'));
    if (obj.provisioner !== old.provisioner) errs.push(field.forbidden(path('provisioner'), 'updates to provisioner are forbidden.'));
    if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(field.forbidden(path('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
    errs.push(...immutable(obj.volumeBindingMode, old.volumeBindingMode, path('volumeBindingMode')));
  }
  return errs;
}
