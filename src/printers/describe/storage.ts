// `kubectl describe pvc` (describePersistentVolumeClaim): class, status, bound volume, capacity,
// access modes and the pods that use the claim.
import type { PersistentVolumeClaim, Pod } from '../../api/types.js';
import { formatAge } from '../../api/duration.js';
import { accessModesText } from '../common.js';
import type { Describer } from './context.js';
import { writeAnnotations, writeLabels, writeNames } from './fields.js';
import { LEVEL_0, LEVEL_1 } from './prefixWriter.js';

export const describePersistentVolumeClaim: Describer<PersistentVolumeClaim> = (w, pvc, ctx) => {
  const spec = pvc.spec ?? {};
  const meta = pvc.metadata;
  w.write(LEVEL_0, `Name:\t${meta.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace}\n`);
  const storageClass = spec.storageClassName ?? meta.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
  w.write(LEVEL_0, `StorageClass:\t${storageClass}\n`);
  if (meta.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${formatAge(ctx.now - Date.parse(meta.deletionTimestamp))})\n`);
  else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? 'Pending'}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Finalizers:\t[${(meta.finalizers ?? []).join(' ')}]\n`);
  const bound = !!spec.volumeName;
  w.write(LEVEL_0, `Capacity:\t${bound ? String(pvc.status?.capacity?.storage ?? '') : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesText(pvc.status?.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
  }
  const users = ctx.store
    .list<Pod>('Pod', { namespace: meta.namespace })
    .filter((p) => p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === meta.name))
    .map((p) => p.metadata.name!);
  writeNames(w, 'Used By', users);
  const conditions = pvc.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-------------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \t${c.lastProbeTime ?? ''} \t${c.lastTransitionTime ?? ''} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
};
