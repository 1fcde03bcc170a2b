// Strict decoding: an object checked against its kind's schema the way the apiserver's strict field
// validation and OpenAPI type checks see it — unknown fields, wrong types and missing required
// fields, each with the field's full path (`spec.template.spec.containers[0].image`).
import type { FieldCause } from '../errors.js';
import { isSecretValuePath, SECRET_CONTENTS_REDACTED } from '../secretRedaction.js';
import { fieldsOf, typeForKind, type FieldType } from './schema.js';

export interface FieldProblem extends FieldCause {
  type: 'FieldValueUnknown' | 'FieldValueTypeInvalid' | 'FieldValueRequired';
}

/** Containers nested deeper than this are refused: hostile input must not exhaust the stack or the CPU. */
export const MAX_DEPTH = 100;

// Always accepted at the top of an object, whatever its kind. `status` is never checked: it belongs
// to the controllers, and whatever a manifest says there is ignored.
const TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'status']);

// A value still to check, or a problem found while expanding its parent, queued so that problems come
// out in document order.
type Item = { value: unknown; type: FieldType; path: string; depth: number } | { problem: FieldProblem };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** The OpenAPI name of a value's type, as the apiserver prints it after `must be of type ...:`. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'string';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value; // string, boolean, object
}

/** The value after `Invalid value:`: quoted strings, bare numbers, and the type name for structures. */
function shownValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(jsonTypeOf(value));
}

const isInteger = (v: unknown) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
const isFiniteNumber = (v: unknown) => typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v));

/** Whether a scalar value fits, and what the schema expected, for the message. */
const scalars: Record<string, { accepts: (v: unknown) => boolean; expected: string }> = {
  string: { accepts: (v) => typeof v === 'string', expected: 'string' },
  // No numeric strings: the apiserver refuses `replicas: "3"` as it refuses `replicas: three`.
  integer: { accepts: isInteger, expected: 'integer' },
  number: { accepts: isFiniteNumber, expected: 'number' },
  boolean: { accepts: (v) => typeof v === 'boolean', expected: 'boolean' },
  IntOrString: { accepts: (v) => typeof v === 'string' || isInteger(v), expected: 'integer or string' },
  // `cpu: 0.5` and `memory: 1Gi` are both fine; the quantity syntax is validation's business.
  Quantity: { accepts: (v) => typeof v === 'string' || isFiniteNumber(v), expected: 'string or number' },
  // A YAML parser may hand over timestamps as Dates.
  Time: { accepts: (v) => typeof v === 'string' || v instanceof Date, expected: 'string' },
};

const childPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** A Secret's values are never echoed back, even when they are of the wrong type. */
function shown(value: unknown, secret: boolean): string {
  return secret ? JSON.stringify(SECRET_CONTENTS_REDACTED) : shownValue(value);
}

function typeProblem(path: string, value: unknown, expected: string, secret = false): FieldProblem {
  const actual = JSON.stringify(jsonTypeOf(value));
  // The whole object has no path: the apiserver then says just `body must be of type object`.
  const message = path
    ? `${path}: Invalid value: ${shown(value, secret)}: ${path} in body must be of type ${expected}: ${actual}`
    : `Invalid value: ${shown(value, secret)}: body must be of type ${expected}: ${actual}`;
  return { field: path, type: 'FieldValueTypeInvalid', message };
}

/**
 * An integer field must hold an exact integer: past 2^53 a double has lost digits (`1e300` is an
 * "integer" to JavaScript), and the API's int32/int64 fields could never hold it anyway.
 */
function integerBoundProblem(path: string, value: number, secret: boolean): FieldProblem | undefined {
  if (Number.isSafeInteger(value)) return undefined;
  const [relation, limit] = value > 0 ? ['less', Number.MAX_SAFE_INTEGER] : ['greater', Number.MIN_SAFE_INTEGER];
  const subject = path ? `${path} in body` : 'body';
  const message = `${path ? `${path}: ` : ''}Invalid value: ${shown(value, secret)}: ${subject} should be ${relation} than or equal to ${limit}`;
  return { field: path, type: 'FieldValueTypeInvalid', message };
}

function tooDeep(path: string): FieldProblem {
  return {
    field: path,
    type: 'FieldValueTypeInvalid',
    message: `${path}: too deep: values may nest at most ${MAX_DEPTH} levels`,
  };
}

/**
 * Where a free-form value (`type: any`) nests too deep, if it does. Iterative; a shared or cyclic
 * sub-value is walked again only when reached at a greater depth, so cycles end at MAX_DEPTH and
 * shared values cannot make the walk exponential.
 */
function tooDeepIn(value: unknown, path: string, depth: number): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth }];
  const deepestVisit = new Map<object, number>();
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (!isContainer(item.value)) continue;
    if (item.depth > MAX_DEPTH) return item.path;
    if ((deepestVisit.get(item.value) ?? -1) >= item.depth) continue;
    deepestVisit.set(item.value, item.depth);
    if (Array.isArray(item.value)) {
      item.value.forEach((v, i) => stack.push({ value: v, path: `${item!.path}[${i}]`, depth: item!.depth + 1 }));
    } else {
      for (const [k, v] of Object.entries(item.value)) stack.push({ value: v, path: childPath(item.path, k), depth: item.depth + 1 });
    }
  }
  return undefined;
}

/**
 * Checks `obj` against the schema of `kind` (a kind kubesim serves, in its current apiVersion: run
 * legacy objects through `convertToCurrent` first). Returns every problem in document order (an
 * object's missing required fields after the problems inside it); an empty list means the object
 * decodes cleanly. Fields that are null count as absent, as in Go.
 */
export function strictDecode(obj: unknown, kind: string): FieldProblem[] {
  const rootType = typeForKind(kind);
  if (!rootType) throw new Error(`strictDecode: kubesim serves no kind ${kind}`);
  const problems: FieldProblem[] = [];
  const secretValue = (path: string) => kind === 'Secret' && isSecretValuePath(path);
  // Depth-first with an explicit stack; children are pushed in reverse so problems come out in
  // document order.
  const stack: Item[] = [{ value: obj, type: { kind: 'object', type: rootType }, path: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if ('problem' in item) {
      problems.push(item.problem);
      continue;
    }
    const { value, type, path, depth } = item;
    if (depth > MAX_DEPTH && isContainer(value)) {
      problems.push(tooDeep(path));
      continue;
    }
    const children: Item[] = [];
    switch (type.kind) {
      case 'object': {
        if (!isPlainObject(value)) {
          problems.push(typeProblem(path, value, 'object', secretValue(path)));
          break;
        }
        const fields = fieldsOf(type.type)!;
        const atTop = depth === 0;
        for (const [key, child] of Object.entries(value)) {
          if (atTop && key === 'status') continue;
          const field = fields.get(key);
          if (!field) {
            if (!(atTop && TOP_LEVEL.has(key))) {
              const unknown = childPath(path, key);
              children.push({ problem: { field: unknown, type: 'FieldValueUnknown', message: `unknown field ${JSON.stringify(unknown)}` } });
            }
            continue;
          }
          if (child === null || child === undefined) continue;
          children.push({ value: child, type: field.type, path: childPath(path, key), depth: depth + 1 });
        }
        for (const field of fields.values()) {
          if (!field.required || (atTop && field.name === 'status')) continue;
          if (value[field.name] === null || value[field.name] === undefined) {
            const missing = childPath(path, field.name);
            children.push({ problem: { field: missing, type: 'FieldValueRequired', message: `${missing}: Required value` } });
          }
        }
        break;
      }
      case 'array': {
        if (!Array.isArray(value)) {
          problems.push(typeProblem(path, value, 'array', secretValue(path)));
          break;
        }
        value.forEach((element, i) => {
          // `containers: [null]` decodes to an empty element in Go, which then misses its required fields.
          const v = element === null || element === undefined ? (type.items.kind === 'object' ? {} : undefined) : element;
          if (v !== undefined) children.push({ value: v, type: type.items, path: `${path}[${i}]`, depth: depth + 1 });
        });
        break;
      }
      case 'map': {
        if (!isPlainObject(value)) {
          problems.push(typeProblem(path, value, 'object', secretValue(path)));
          break;
        }
        for (const [key, child] of Object.entries(value)) {
          if (child === null || child === undefined) continue;
          children.push({ value: child, type: type.values, path: childPath(path, key), depth: depth + 1 });
        }
        break;
      }
      case 'any': {
        const deepAt = tooDeepIn(value, path, depth);
        if (deepAt !== undefined) problems.push(tooDeep(deepAt));
        break;
      }
      default: {
        const scalar = scalars[type.kind]!;
        if (!scalar.accepts(value)) problems.push(typeProblem(path, value, scalar.expected, secretValue(path)));
        else if (typeof value === 'number' && Number.isInteger(value) && (type.kind === 'integer' || type.kind === 'IntOrString')) {
          const bound = integerBoundProblem(path, value, secretValue(path));
          if (bound) problems.push(bound);
        }
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return problems;
}

/** Go's zero value for a field type: what `null` decodes to inside a list or a map. */
function zeroValue(type: FieldType): unknown {
  switch (type.kind) {
    case 'string':
    case 'Time':
      return '';
    case 'integer':
    case 'number':
    case 'IntOrString':
      return 0;
    case 'boolean':
      return false;
    case 'Quantity':
      return '0';
    case 'array':
      return [];
    case 'object':
    case 'map':
      return {};
    case 'any':
      return null;
  }
}

/**
 * Applies Go's decoding of `null` to an object that strictDecode accepted, in place: a field set to
 * null is absent, and a null inside a list or a map is the element type's zero value (`{"": null}`
 * as a Service selector is `{"": ""}`). Validation and the controllers then never meet a null.
 */
export function normalizeNulls(obj: Record<string, unknown>, kind: string): void {
  const rootType = typeForKind(kind);
  if (!rootType) return;
  const stack: Array<{ value: unknown; type: FieldType }> = [{ value: obj, type: { kind: 'object', type: rootType } }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, type } = item;
    if (type.kind === 'object' && isPlainObject(value)) {
      const fields = fieldsOf(type.type)!;
      for (const [key, child] of Object.entries(value)) {
        const field = fields.get(key);
        if (child === null || child === undefined) {
          delete value[key];
        } else if (field) stack.push({ value: child, type: field.type });
      }
    } else if (type.kind === 'map' && isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (child === null || child === undefined) Object.defineProperty(value, key, { value: zeroValue(type.values), enumerable: true, writable: true, configurable: true });
        else stack.push({ value: child, type: type.values });
      }
    } else if (type.kind === 'array' && Array.isArray(value)) {
      value.forEach((child, i) => {
        if (child === null || child === undefined) value[i] = zeroValue(type.items);
        else stack.push({ value: child, type: type.items });
      });
    }
  }
}
