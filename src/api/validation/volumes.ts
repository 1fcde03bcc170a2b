// Pod volumes: unique DNS-label names, exactly one source each, and the common sources' fields.
import type { FieldCause } from '../errors.js';
import { field, type Path } from './fieldPath.js';
import { validateDNS1123Label, validateRelativePath } from './containers.js';
import { readQuantity, isNegative } from './quantities.js';

const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
const hostPathTypes = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

// Every volume source key in the order validateVolumeSource checks them.
const volumeSourceKeys = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
] as const;

function validateMode(mode: unknown, at: Path): FieldCause[] {
  return typeof mode === 'number' && (mode < 0 || mode > 0o777) ? [field.invalid(at, mode, fileModeErrorMsg)] : [];
}

function validateKeyToPaths(items: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  (items ?? []).forEach((kp, i) => {
    const p = at.index(i);
    if (!kp.key) errs.push(field.required(p.child('key')));
    if (!kp.path) errs.push(field.required(p.child('path')));
    errs.push(...validateRelativePath(kp.path ?? '', p.child('path')));
    errs.push(...validateMode(kp.mode, p.child('mode')));
  });
  return errs;
}

/** The fields each common source needs; rarer sources are accepted as they are. */
export function validateSourceFields(key: string, src: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const need = (name: string) => {
    if (!src[name]) errs.push(field.required(at.child(name)));
  };
  switch (key) {
    case 'emptyDir':
      if (src.sizeLimit !== undefined && src.sizeLimit !== null) {
        const q = readQuantity(src.sizeLimit, at.child('sizeLimit'), errs);
        if (q && isNegative(q)) errs.push(field.forbidden(at.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    case 'hostPath':
      if (!src.path) return [field.required(at.child('path'))];
      if (String(src.path).split('/').includes('..')) errs.push(field.invalid(at.child('path'), src.path, "must not contain '..'"));
      if (src.type !== undefined && src.type !== null && !hostPathTypes.includes(src.type)) {
        errs.push(field.notSupported(at.child('type'), src.type, hostPathTypes));
      }
      break;
    case 'secret':
      need('secretName');
      errs.push(...validateMode(src.defaultMode, at.child('defaultMode')));
      errs.push(...validateKeyToPaths(src.items, at.child('items')));
      break;
    case 'configMap':
      need('name');
      errs.push(...validateMode(src.defaultMode, at.child('defaultMode')));
      errs.push(...validateKeyToPaths(src.items, at.child('items')));
      break;
    case 'persistentVolumeClaim':
      need('claimName');
      break;
    case 'nfs':
      need('server');
      need('path');
      if (!String(src.path ?? '').startsWith('/')) errs.push(field.invalid(at.child('path'), src.path ?? '', 'must be an absolute path'));
      break;
    case 'local':
      if (!src.path) return [field.required(at.child('path'))];
      if (String(src.path).split('/').includes('..')) errs.push(field.invalid(at.child('path'), src.path, "must not contain '..'"));
      break;
    case 'csi':
      if (!src.driver) errs.push(field.required(at.child('driver')));
      break;
    case 'gitRepo':
      need('repository');
      break;
    case 'ephemeral':
      if (!src.volumeClaimTemplate) errs.push(field.required(at.child('volumeClaimTemplate')));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(src.defaultMode, at.child('defaultMode')));
      break;
    case 'projected':
      errs.push(...validateMode(src.defaultMode, at.child('defaultMode')));
      break;
  }
  return errs;
}

/** validateVolumeSource: exactly one source; the extras are reported one by one. */
function validateVolumeSource(vol: any, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  let count = 0;
  for (const key of volumeSourceKeys) {
    const src = vol[key];
    if (src === undefined || src === null) continue;
    if (count > 0) {
      errs.push(field.forbidden(at.child(key), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSourceFields(key, src, at.child(key)));
  }
  if (count === 0) errs.push(field.required(at, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: returns the names containers may mount, and the problems found. */
export function validateVolumes(volumes: any[] | undefined, at: Path): { names: Set<string>; errs: FieldCause[] } {
  const names = new Set<string>();
  const errs: FieldCause[] = [];
  (volumes ?? []).forEach((vol, i) => {
    const p = at.index(i);
    const volErrs = validateVolumeSource(vol, p);
    if (!vol.name) volErrs.push(field.required(p.child('name')));
    else volErrs.push(...validateDNS1123Label(vol.name, p.child('name')));
    if (names.has(vol.name)) volErrs.push(field.duplicate(p.child('name'), vol.name));
    // Only a valid volume can be mounted: a bad one also makes its mounts "Not found".
    if (volErrs.length === 0) names.add(vol.name);
    else errs.push(...volErrs);
  });
  return { names, errs };
}
