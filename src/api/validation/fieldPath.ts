// Field paths (`spec.containers[0].image`) and the field-error constructors of apimachinery's
// `field` package, producing the same one-line texts: `<path>: <Type>[: <value>][: <detail>]`.
import type { FieldCause } from '../errors.js';
import { formatValue, goQuote } from './goFormat.js';

export class Path {
  private constructor(private readonly text: string) {}

  static of(...names: string[]): Path {
    return new Path('').child(...names);
  }

  child(...names: string[]): Path {
    let text = this.text;
    for (const name of names) text = text ? `${text}.${name}` : name;
    return new Path(text);
  }

  index(i: number): Path {
    return new Path(`${this.text}[${i}]`);
  }

  key(k: string): Path {
    return new Path(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

export const path = (...names: string[]): Path => Path.of(...names);

type CauseType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany';

const typeText: Record<CauseType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
};

// Types whose message never shows the value (apimachinery's ErrorBody).
const valueless = new Set<CauseType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong']);

function cause(type: CauseType, at: Path | string, value: unknown, detail: string): FieldCause {
  const fieldText = String(at);
  let body = typeText[type];
  if (!valueless.has(type)) body += `: ${formatValue(value)}`;
  if (detail) body += `: ${detail}`;
  return { field: fieldText, type, message: `${fieldText}: ${body}` };
}

/** The constructors of k8s.io/apimachinery/pkg/util/validation/field, by the same names. */
export const field = {
  required: (at: Path | string, detail = ''): FieldCause => cause('FieldValueRequired', at, '', detail),
  invalid: (at: Path | string, value: unknown, detail: string): FieldCause => cause('FieldValueInvalid', at, value, detail),
  notSupported: (at: Path | string, value: unknown, valid: readonly string[]): FieldCause =>
    cause('FieldValueNotSupported', at, value, valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : ''),
  forbidden: (at: Path | string, detail: string): FieldCause => cause('FieldValueForbidden', at, '', detail),
  duplicate: (at: Path | string, value: unknown): FieldCause => cause('FieldValueDuplicate', at, value, ''),
  notFound: (at: Path | string, value: unknown): FieldCause => cause('FieldValueNotFound', at, value, ''),
  tooLong: (at: Path | string, maxBytes: number): FieldCause =>
    cause('FieldValueTooLong', at, '', `must have at most ${maxBytes} bytes`),
  tooMany: (at: Path | string, actual: number, max: number): FieldCause =>
    cause('FieldValueTooMany', at, actual, `must have at most ${max} items`),
};

/** Go's aggregate drops repeated identical messages; so do we. */
export function dedupe(causes: FieldCause[]): FieldCause[] {
  const seen = new Set<string>();
  return causes.filter((c) => (seen.has(c.message) ? false : (seen.add(c.message), true)));
}

export const isNegativeErrorMsg = 'must be greater than or equal to 0';
export const fieldImmutableErrorMsg = 'field is immutable';

/** ValidateNonnegativeField. */
export function nonNegative(value: unknown, at: Path): FieldCause[] {
  return typeof value === 'number' && value < 0 ? [field.invalid(at, value, isNegativeErrorMsg)] : [];
}

/** Structural equality of decoded JSON, the way apiequality.Semantic compares most fields. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (emptyish(a) || emptyish(b)) return emptyish(a) && emptyish(b);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

// Semantic equality treats nil and empty slices, maps and strings alike (they serialise the same way).
function emptyish(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

/** ValidateImmutableField: `<path>: Invalid value: <new>: field is immutable`. */
export function immutable(newValue: unknown, oldValue: unknown, at: Path, shown: unknown = newValue): FieldCause[] {
  return deepEqual(newValue, oldValue) ? [] : [field.invalid(at, shown, fieldImmutableErrorMsg)];
}
