// ObjectMeta, labels, annotations and label selectors: apimachinery's ValidateObjectMeta family.
import type { FieldCause } from '../errors.js';
import {
  validateLabelKey,
  validateLabels as labelsValidateLabels,
  validateLabelSelector as labelsValidateSelector,
} from '../labels.js';
import { field, fieldImmutableErrorMsg, nonNegative, path, type Path } from './fieldPath.js';
import { goLiteral, goStringSlice } from './goFormat.js';
import { nameIsDNSLabel, type NameFn } from './names.js';

export const totalAnnotationSizeLimitB = 256 * 1024;

/** ValidateLabels: keys must be qualified names, values valid label values; errors sit on the map's path. */
export function validateLabels(labels: Record<string, string> | undefined, at: Path): FieldCause[] {
  return labelsValidateLabels(labels, String(at));
}

export function validateLabelName(key: string, at: Path): FieldCause[] {
  return validateLabelKey(key).map((msg) => field.invalid(at, key, msg));
}

/** IsQualifiedName as a field check (annotation keys, resource names, finalizers, condition types). */
export const validateQualifiedName = validateLabelName;

export function validateAnnotations(annotations: Record<string, string> | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  let size = 0;
  for (const key of Object.keys(annotations ?? {}).sort()) {
    // Annotation keys are qualified names, but case does not matter.
    for (const msg of validateLabelKey(key.toLowerCase())) errs.push(field.invalid(at, key, msg));
    size += Buffer.byteLength(key) + Buffer.byteLength(String(annotations![key] ?? ''));
  }
  if (size > totalAnnotationSizeLimitB) errs.push(field.tooLong(at, totalAnnotationSizeLimitB));
  return errs;
}

/** ValidateLabelSelector: operators, keys and values of a metav1.LabelSelector. */
export function validateLabelSelector(selector: any, at: Path): FieldCause[] {
  return labelsValidateSelector(selector, String(at));
}

// Finalizer names without a domain must be one of the built-in ones.
const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateFinalizerName(name: string, at: Path): FieldCause[] {
  const errs = validateQualifiedName(name, at);
  if (!name.includes('/') && !standardFinalizers.has(name)) {
    errs.push(field.invalid(at, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  (finalizers ?? []).forEach((f, i) => errs.push(...validateFinalizerName(f, at.index(i))));
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(field.invalid(at, goLiteral(goStringSlice(list)), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function validateOwnerReferences(refs: any[] | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const version = String(ref.apiVersion ?? '').split('/').pop() ?? '';
    if (!version) errs.push(field.invalid(at.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(field.invalid(at.child('kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(field.invalid(at.child('name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(field.invalid(at.child('uid'), ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          field.invalid(
            at,
            goLiteral('[]v1.OwnerReference{...}'),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  }
  return errs;
}

/**
 * ValidateObjectMeta. A missing name is fine when generateName is set: the store fills the name in
 * after defaulting, and the apiserver only ever validates the generated one.
 */
export function validateObjectMeta(meta: any, requiresNamespace: boolean, nameFn: NameFn, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  const m = meta ?? {};
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(field.invalid(at.child('generateName'), m.generateName, msg));
  }
  if (!m.name) {
    if (!m.generateName) errs.push(field.required(at.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of nameFn(m.name, false)) errs.push(field.invalid(at.child('name'), m.name, msg));
  }
  // The apiserver takes the namespace from the URL (and drops it for cluster-scoped kinds), so it is
  // never missing there; here manifests are validated before the store fills in "default".
  if (requiresNamespace && m.namespace) {
    for (const msg of nameIsDNSLabel(m.namespace, false)) errs.push(field.invalid(at.child('namespace'), m.namespace, msg));
  }
  errs.push(...nonNegative(m.generation, at.child('generation')));
  errs.push(...validateMetaContent(m, at));
  errs.push(...validateFinalizers(m.finalizers, at.child('finalizers')));
  return errs;
}

function validateMetaContent(m: any, at: Path): FieldCause[] {
  return [
    ...validateLabels(m.labels, at.child('labels')),
    ...validateAnnotations(m.annotations, at.child('annotations')),
    ...validateOwnerReferences(m.ownerReferences, at.child('ownerReferences')),
  ];
}

/**
 * ValidateObjectMetaUpdate. The store already carries uid, creationTimestamp and the deletion fields
 * over from the stored object, so only what a client can still change is checked here.
 */
export function validateObjectMetaUpdate(meta: any, old: any, at: Path): FieldCause[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs: FieldCause[] = [];
  if (o.deletionTimestamp) {
    const added = (m.finalizers ?? []).filter((f: string) => !(o.finalizers ?? []).includes(f));
    if (added.length) {
      errs.push(
        field.forbidden(
          at.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added)}`,
        ),
      );
    }
  }
  for (const key of ['name', 'namespace'] as const) {
    if ((m[key] ?? '') !== (o[key] ?? '')) errs.push(field.invalid(at.child(key), m[key] ?? '', fieldImmutableErrorMsg));
  }
  if (m.uid && o.uid && m.uid !== o.uid) errs.push(field.invalid(at.child('uid'), m.uid, fieldImmutableErrorMsg));
  errs.push(...validateMetaContent(m, at));
  (m.finalizers ?? []).forEach((f: string, i: number) => errs.push(...validateFinalizerName(f, at.child('finalizers').index(i))));
  return errs;
}

/** ValidateTemplateObjectMeta/ValidatePodTemplateSpec's metadata part: only labels and annotations matter. */
export function validateTemplateMeta(meta: any, at: Path): FieldCause[] {
  return [...validateLabels(meta?.labels, at.child('labels')), ...validateAnnotations(meta?.annotations, at.child('annotations'))];
}

/** Create-time or update-time metadata checks, as the object's strategy would run them. */
export function validateMeta(obj: any, old: any, namespaced: boolean, nameFn: NameFn): FieldCause[] {
  const at = path('metadata');
  return old ? validateObjectMetaUpdate(obj.metadata, old.metadata, at) : validateObjectMeta(obj.metadata, namespaced, nameFn, at);
}
