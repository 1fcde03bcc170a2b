// Quantities as the apiserver stores them: decoding a manifest into resource.Quantity and encoding it
// again prints the canonical text, so `cpu: 0.5` reads back as `500m`, `memory: 1024Mi` as `1Gi` and
// `cpu: 1` (a YAML number) as the string `"1"`. Text Kubernetes keeps as written (`100m`, `1e3`)
// stays as it is. Unparsable values are left alone for validation to report.
import { formatQuantity, tryParseQuantity } from '../quantity.js';
import { fieldsOf, typeForKind, type FieldType } from './schema.js';

// Whether a type can hold a Quantity anywhere below it, so the walk only enters fields that matter
// (a pod: containers → resources → requests/limits, volumes, overhead), never the rest.
const holdsQuantity = new Map<string, boolean>();

function typeHoldsQuantity(type: FieldType): boolean {
  switch (type.kind) {
    case 'Quantity':
      return true;
    case 'array':
      return typeHoldsQuantity(type.items);
    case 'map':
      return typeHoldsQuantity(type.values);
    case 'object':
      return objectHoldsQuantity(type.type);
    default:
      return false;
  }
}

function objectHoldsQuantity(typeName: string): boolean {
  const known = holdsQuantity.get(typeName);
  if (known !== undefined) return known;
  holdsQuantity.set(typeName, false); // a recursive type (JSONSchemaProps) ends here
  let result = false;
  for (const field of fieldsOf(typeName)?.values() ?? []) {
    if (typeHoldsQuantity(field.type)) {
      result = true;
      break;
    }
  }
  holdsQuantity.set(typeName, result);
  return result;
}

function canonical(value: unknown): unknown {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const q = tryParseQuantity(value);
  return q ? formatQuantity(q) : value;
}

function walk(value: unknown, type: FieldType, depth: number): unknown {
  if (value === null || value === undefined || depth > 100) return value;
  switch (type.kind) {
    case 'Quantity':
      return canonical(value);
    case 'array':
      if (Array.isArray(value) && typeHoldsQuantity(type.items)) {
        for (let i = 0; i < value.length; i++) value[i] = walk(value[i], type.items, depth + 1);
      }
      return value;
    case 'map':
      if (isObject(value) && typeHoldsQuantity(type.values)) {
        for (const key of Object.keys(value)) value[key] = walk(value[key], type.values, depth + 1);
      }
      return value;
    case 'object':
      if (isObject(value) && objectHoldsQuantity(type.type)) {
        const fields = fieldsOf(type.type)!;
        for (const key of Object.keys(value)) {
          const field = fields.get(key);
          if (field && typeHoldsQuantity(field.type)) value[key] = walk(value[key], field.type, depth + 1);
        }
      }
      return value;
    default:
      return value;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rewrites every Quantity outside `status` in its canonical text, in place. */
export function canonicalizeQuantities(obj: { kind: string } & Record<string, unknown>): void {
  const typeName = typeForKind(obj.kind);
  if (!typeName || !objectHoldsQuantity(typeName)) return;
  const fields = fieldsOf(typeName)!;
  for (const key of Object.keys(obj)) {
    if (key === 'status') continue;
    const field = fields.get(key);
    if (field && typeHoldsQuantity(field.type)) obj[key] = walk(obj[key], field.type, 1);
  }
}
