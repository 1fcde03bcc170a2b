// PersistentVolumes, claims and StorageClasses with kubectl's columns.
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api/types.js';
import { plain, since, text } from './columns.js';
import { accessModesText } from './common.js';
import { definePrinter } from './printer.js';

export const persistentVolumePrinter = definePrinter<PersistentVolume>({
  kind: 'PersistentVolume',
  columns: [
    { name: 'NAME' },
    { name: 'CAPACITY' },
    { name: 'ACCESS MODES' },
    { name: 'RECLAIM POLICY' },
    { name: 'STATUS' },
    { name: 'CLAIM' },
    { name: 'STORAGECLASS' },
    { name: 'VOLUMEATTRIBUTESCLASS' },
    { name: 'REASON' },
    { name: 'AGE', time: true },
    { name: 'VOLUMEMODE', wide: true },
  ],
  row(pv) {
    const ref = pv.spec?.claimRef;
    return [
      plain(pv.metadata.name!),
      plain(String(pv.spec?.capacity?.storage ?? '')),
      plain(accessModesText(pv.spec?.accessModes)),
      plain(pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain'),
      plain(pv.status?.phase ?? 'Pending'),
      plain(ref ? `${ref.namespace}/${ref.name}` : ''),
      plain(pv.spec?.storageClassName ?? ''),
      text(pv.spec?.volumeAttributesClassName),
      plain(pv.status?.reason ?? ''),
      since(pv.metadata.creationTimestamp),
      plain(pv.spec?.volumeMode ?? 'Filesystem'),
    ];
  },
  health(pv) {
    const phase = pv.status?.phase;
    return phase === 'Bound' ? 'ok' : phase === 'Available' ? 'muted' : phase === 'Failed' ? 'error' : 'warning';
  },
});

export const persistentVolumeClaimPrinter = definePrinter<PersistentVolumeClaim>({
  kind: 'PersistentVolumeClaim',
  columns: [
    { name: 'NAME' },
    { name: 'STATUS' },
    { name: 'VOLUME' },
    { name: 'CAPACITY' },
    { name: 'ACCESS MODES' },
    { name: 'STORAGECLASS' },
    { name: 'VOLUMEATTRIBUTESCLASS' },
    { name: 'AGE', time: true },
    { name: 'VOLUMEMODE', wide: true },
  ],
  row(pvc) {
    const bound = pvc.status?.phase === 'Bound';
    return [
      plain(pvc.metadata.name!),
      plain(pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending')),
      plain(pvc.spec?.volumeName ?? ''),
      plain(bound ? String(pvc.status?.capacity?.storage ?? '') : ''),
      plain(bound ? accessModesText(pvc.status?.accessModes) : ''),
      plain(pvc.spec?.storageClassName ?? ''),
      text(pvc.spec?.volumeAttributesClassName),
      since(pvc.metadata.creationTimestamp),
      plain(pvc.spec?.volumeMode ?? 'Filesystem'),
    ];
  },
  health(pvc) {
    const phase = pvc.status?.phase;
    return phase === 'Bound' ? 'ok' : phase === 'Lost' ? 'error' : 'pending';
  },
});

export const storageClassPrinter = definePrinter<StorageClass>({
  kind: 'StorageClass',
  columns: [{ name: 'NAME' }, { name: 'PROVISIONER' }, { name: 'RECLAIMPOLICY' }, { name: 'VOLUMEBINDINGMODE' }, { name: 'ALLOWVOLUMEEXPANSION' }, { name: 'AGE', time: true }],
  row(sc) {
    const isDefault = sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
    return [
      plain(`${sc.metadata.name}${isDefault ? ' (default)' : ''}`),
      plain(sc.provisioner),
      plain(sc.reclaimPolicy ?? 'Delete'),
      plain(sc.volumeBindingMode ?? 'Immediate'),
      plain(String(sc.allowVolumeExpansion ?? false)),
      since(sc.metadata.creationTimestamp),
    ];
  },
  health: () => 'ok',
});
