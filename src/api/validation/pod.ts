// Pods: create-time validation and the narrow set of spec changes an update may make.
import type { FieldCause } from '../errors.js';
import { deepEqual, field, path } from './fieldPath.js';
import { validateContainersOnlyForPod } from './containers.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { inclusiveRangeError, nameIsDNSSubdomain } from './names.js';
import { validatePodSpec } from './podSpec.js';
import { validateTolerations } from './podScheduling.js';

const maxInt32 = 2147483647;

const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validatePodMetadataAndSpec(pod: any): FieldCause[] {
  const spec = path('spec');
  return [
    ...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, path('metadata')),
    ...validatePodSpec(pod.spec, spec, { isPod: true }),
    ...validateContainersOnlyForPod(pod.spec?.containers, spec.child('containers')),
    ...validateContainersOnlyForPod(pod.spec?.initContainers, spec.child('initContainers')),
  ];
}

export function validatePod(pod: any): FieldCause[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = pod.spec ?? {};
  if (spec.ephemeralContainers?.length) errs.push(field.forbidden(path('spec', 'ephemeralContainers'), 'cannot be set on create'));
  if (spec.nodeName && spec.schedulingGates?.length) {
    errs.push(field.forbidden(path('spec', 'nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** Only images, a shrinking activeDeadlineSeconds and new tolerations may change in a pod's spec. */
function validatePodSpecUpdate(spec: any, old: any): FieldCause[] {
  const at = path('spec');
  const errs: FieldCause[] = [];
  for (const key of ['containers', 'initContainers'] as const) {
    const now: any[] = spec[key] ?? [];
    const before: any[] = old[key] ?? [];
    if (now.length !== before.length) return [field.forbidden(at.child(key), 'pod updates may not add or remove containers')];
    now.forEach((c, i) => {
      if (!c.image) errs.push(field.required(at.child(key).index(i).child('image')));
    });
  }

  const deadline = spec.activeDeadlineSeconds;
  const oldDeadline = old.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null) {
    if (deadline < 0 || deadline > maxInt32) return [...errs, field.invalid(at.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(0, maxInt32))];
    if (oldDeadline !== undefined && oldDeadline !== null && oldDeadline < deadline) {
      return [...errs, field.invalid(at.child('activeDeadlineSeconds'), deadline, 'must be less than or equal to previous value')];
    }
  } else if (oldDeadline !== undefined && oldDeadline !== null) {
    errs.push(field.invalid(at.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }

  // Existing tolerations may only change their tolerationSeconds.
  const tolerations: any[] = spec.tolerations ?? [];
  for (const before of old.tolerations ?? []) {
    const kept = tolerations.some((t) => deepEqual({ ...before, tolerationSeconds: t.tolerationSeconds }, t));
    if (!kept) {
      errs.push(field.forbidden(at.child('tolerations'), 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  if (old.tolerations?.length) errs.push(...validateTolerations(tolerations, at.child('tolerations')));

  // Scheduling gates may only be removed.
  const oldGates = new Set((old.schedulingGates ?? []).map((g: any) => g.name));
  (spec.schedulingGates ?? []).forEach((g: any, i: number) => {
    if (!oldGates.has(g.name)) {
      errs.push(field.forbidden(at.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
    }
  });

  // Compare everything else with the updatable fields taken from the old spec.
  const munged = {
    ...spec,
    containers: (spec.containers ?? []).map((c: any, i: number) => ({ ...c, image: old.containers?.[i]?.image })),
    initContainers: (spec.initContainers ?? []).map((c: any, i: number) => ({ ...c, image: old.initContainers?.[i]?.image })),
    activeDeadlineSeconds: old.activeDeadlineSeconds,
    tolerations: old.tolerations,
    schedulingGates: old.schedulingGates,
  };
  if (old.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  }
  if (!deepEqual(munged, old)) {
    errs.push(field.forbidden(at, `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}`));
  }
  return errs;
}

export function validatePodUpdate(pod: any, old: any): FieldCause[] {
  return [
    ...validateObjectMetaUpdate(pod.metadata, old.metadata, path('metadata')),
    ...validatePodMetadataAndSpec(pod),
    ...validatePodSpecUpdate(pod.spec ?? {}, old.spec ?? {}),
  ];
}
