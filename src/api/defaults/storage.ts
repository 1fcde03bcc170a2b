// PersistentVolume, PersistentVolumeClaim and StorageClass defaults.

type Obj = Record<string, any>;

/** Manually created volumes are kept when released; provisioned ones take their class's policy. */
export function defaultPersistentVolume(obj: Obj): void {
  const spec = (obj.spec ??= {});
  spec.persistentVolumeReclaimPolicy ||= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  if (spec.hostPath) spec.hostPath.type ??= '';
  const status = (obj.status ??= {});
  status.phase ||= 'Pending';
}

export function defaultPersistentVolumeClaim(obj: Obj): void {
  const spec = (obj.spec ??= {});
  spec.volumeMode ??= 'Filesystem';
  const status = (obj.status ??= {});
  status.phase ||= 'Pending';
}

export function defaultStorageClass(obj: Obj): void {
  obj.reclaimPolicy ||= 'Delete';
  obj.volumeBindingMode ||= 'Immediate';
}
