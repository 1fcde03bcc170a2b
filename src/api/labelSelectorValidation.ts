// Label, LabelSelector and single-requirement checks reported as field errors worded as the API server words them.
import type { FieldCause } from './errors.js';
import { validateLabelKey, validateLabelValue } from './labelKeyValueRules.js';
import type { LabelSelector, Labels, Operator } from './labelSelectorTypes.js';

// Field errors in the shape of apimachinery's field.Error, so messages read like the API server's.

/** Go's %#v / %q rendering of the bad value inside `Invalid value: ...`. */
function goValue(value: string | readonly string[] | null): string {
  if (value === null) return '[]string(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
}
export const invalid = (field: string, value: string | readonly string[] | null, detail: string): FieldCause => ({
  field,
  type: 'FieldValueInvalid',
  message: `${field}: Invalid value: ${goValue(value)}: ${detail}`,
});
const required = (field: string, detail: string): FieldCause => ({
  field,
  type: 'FieldValueRequired',
  message: `${field}: Required value: ${detail}`,
});
const forbidden = (field: string, detail: string): FieldCause => ({
  field,
  type: 'FieldValueForbidden',
  message: `${field}: Forbidden: ${detail}`,
});

/** Go's aggregate error text: one message alone, several as `[a, b]`. */
export function aggregate(causes: FieldCause[]): string {
  const messages = [...new Set(causes.map((c) => c.message))];
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

/** ValidateLabels: every key and value of `metadata.labels` (or a matchLabels map). */
export function validateLabels(labels: Labels, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const message of validateLabelKey(key)) causes.push(invalid(path, key, message));
    for (const message of validateLabelValue(value)) causes.push(invalid(path, value, message));
  }
  return causes;
}

/** ValidateLabelSelector: what the API server reports for a bad `spec.selector`. */
export function validateLabelSelector(selector: LabelSelector | null | undefined, path: string): FieldCause[] {
  if (!selector) return [];
  const causes = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) causes.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          causes.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        causes.push(invalid(`${at}.operator`, String(expr.operator ?? ''), 'not a valid selector operator'));
    }
    for (const message of validateLabelKey(expr.key ?? '')) causes.push(invalid(`${at}.key`, expr.key ?? '', message));
    values.forEach((v, j) => {
      for (const message of validateLabelValue(v)) causes.push(invalid(`${at}.values[${j}]`, v, message));
    });
  });
  return causes;
}

/**
 * NewRequirement's checks. `path` is the field path the API server would name; Go prints a missing
 * one as `<nil>`, which is why a bad key in `-l` reads `<nil>: Invalid value: ...`.
 */
export function requirementErrors(key: string, operator: Operator, values: readonly string[] | null, path: string | null): FieldCause[] {
  const causes: FieldCause[] = [];
  const child = (name: string) => (path === null ? name : `${path}.${name}`);
  // Unlike object validation, a requirement reports each bad key or value once, its problems joined by '; '.
  const keyErrors = validateLabelKey(key);
  if (keyErrors.length > 0) causes.push(invalid(child('key'), key, keyErrors.join('; ')));
  const count = values?.length ?? 0;
  switch (operator) {
    case 'in':
    case 'notin':
      if (count === 0) causes.push(invalid(child('values'), values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (count !== 1) causes.push(invalid(child('values'), values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (count !== 0) causes.push(invalid(child('values'), values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (count !== 1) causes.push(invalid(child('values'), values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      (values ?? []).forEach((v, i) => {
        if (!isInt64(v)) causes.push(invalid(`${child('values')}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  (values ?? []).forEach((v, i) => {
    const valueErrors = validateLabelValue(v);
    if (valueErrors.length > 0) causes.push(invalid(`${child('values')}[${i}][${key}]`, v, valueErrors.join('; ')));
  });
  return causes;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
export function isInt64(text: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(text)) return false;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX;
}
