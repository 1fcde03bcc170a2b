// DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a new claim that names no
// class gets the default one. `storageClassName: ""` is an explicit "no class" and stays.
import type { KObject } from '../../api/object.js';
import type { AdmissionPlugin } from '../admission.js';
import type { Store } from '../store.js';

export const IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const IS_DEFAULT_CLASS_BETA = 'storageclass.beta.kubernetes.io/is-default-class';
const CLASS_ANNOTATION_BETA = 'volume.beta.kubernetes.io/storage-class';

export function isDefaultClass(sc: KObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[IS_DEFAULT_CLASS] === 'true' || a[IS_DEFAULT_CLASS_BETA] === 'true';
}

/** With several defaults the newest wins, ties by name (v1.26+). */
export function defaultStorageClass(store: Store): KObject | undefined {
  const defaults = store.list('StorageClass').filter(isDefaultClass);
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    if (ta !== tb) return tb - ta;
    return a.metadata.name! < b.metadata.name! ? -1 : 1;
  });
  return defaults[0];
}

export const defaultStorageClassAdmission: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  mutate({ operation, object: claim, store }) {
    if (operation !== 'CREATE' || claim.kind !== 'PersistentVolumeClaim') return;
    const spec = (claim.spec ??= {});
    if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
    if (claim.metadata.annotations?.[CLASS_ANNOTATION_BETA] !== undefined) return;
    const sc = defaultStorageClass(store);
    if (sc) spec.storageClassName = sc.metadata.name;
  },
};
