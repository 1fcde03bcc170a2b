// The selector ↔ template contract every workload shares: a non-empty selector that matches the
// template's labels, reported the apiserver's way.
import type { FieldCause } from '../errors.js';
import { LabelSelectorError, matches, selectorFromLabelSelector, type Selector } from '../labels.js';
import { field, type Path } from './fieldPath.js';
import { goLabelSelector, goLiteral, goStringMap } from './goFormat.js';
import { validateLabelSelector } from './meta.js';

/** LabelSelectorAsSelector, or undefined when the selector cannot be compiled. */
export function compileSelector(selector: any): Selector | undefined {
  try {
    return selectorFromLabelSelector(selector);
  } catch (e) {
    if (e instanceof LabelSelectorError) return undefined;
    throw e;
  }
}

/** The apps/v1 rule: selector required, valid, and not empty. Returns the compiled selector if usable. */
export function validateRequiredSelector(
  selector: any,
  at: Path,
  kindWord: string,
  errs: FieldCause[],
  invalidDetail = 'invalid label selector',
): Selector | undefined {
  if (!selector) {
    errs.push(field.required(at));
  } else {
    errs.push(...validateLabelSelector(selector, at));
    const size = Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length;
    if (size === 0) errs.push(field.invalid(at, goLiteral(goLabelSelector(selector)), `empty selector is invalid for ${kindWord}`));
  }
  const compiled = compileSelector(selector);
  if (!compiled) errs.push(field.invalid(at, goLiteral(goLabelSelector(selector)), invalidDetail));
  return compiled;
}

/** `spec.template.metadata.labels: Invalid value: map[string]string{...}: `selector` does not match template `labels`` */
export function templateLabelsMismatch(selector: Selector, labels: Record<string, string> | undefined, at: Path): FieldCause[] {
  return matches(selector, labels) ? [] : [field.invalid(at, goLiteral(goStringMap(labels)), '`selector` does not match template `labels`')];
}

export { isEmpty as isEmptySelector, selectorFromSet } from '../labels.js';
