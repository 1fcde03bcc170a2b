// The OpenAPI schemas of the served kinds, built from the generated schema (src/api/schema) with the
// names, `$ref`s and vendor extensions a real server publishes: x-kubernetes-group-version-kind on
// kinds, and on lists the patch merge keys and list types that kubectl apply computes patches with.
import { fieldsOf, typeForKind, typeSchema, type FieldType } from '../api/schema/schema.js';
import { hasRetainKeys, isAtomicStruct, listMeta } from './patchMeta.js';

export type Dialect = 'v2' | 'v3';
export type Schema = Record<string, unknown>;

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';

/** `apps/v1.Deployment` → `io.k8s.api.apps.v1.Deployment`; meta types live in apimachinery. */
export function definitionName(typeName: string): string {
  const [groupVersion, name] = [typeName.slice(0, typeName.indexOf('.')), typeName.slice(typeName.indexOf('.') + 1)];
  const [group, version] = groupVersion.split('/');
  if (group === 'meta') return `io.k8s.apimachinery.pkg.apis.meta.${version}.${name}`;
  return `io.k8s.api.${group}.${version}.${name}`;
}

export function refTo(name: string, dialect: Dialect): string {
  return dialect === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}`;
}

function scalarSchema(type: FieldType, dialect: Dialect): Schema {
  switch (type.kind) {
    case 'string':
      return { type: 'string' };
    case 'integer':
      return { type: 'integer', format: 'int32' };
    case 'number':
      return { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'IntOrString':
      return { $ref: refTo(INT_OR_STRING, dialect) };
    case 'Quantity':
      return { $ref: refTo(QUANTITY, dialect) };
    case 'Time':
      return { $ref: refTo(TIME, dialect) };
    default:
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
}

/** The schema of a value of `type`, and the type names it refers to (added to `refs`). */
function valueSchema(type: FieldType, dialect: Dialect, refs: Set<string>): Schema {
  if (type.kind === 'object') {
    refs.add(type.type);
    return { $ref: refTo(definitionName(type.type), dialect) };
  }
  if (type.kind === 'array') return { type: 'array', items: valueSchema(type.items, dialect, refs) };
  if (type.kind === 'map') return { type: 'object', additionalProperties: valueSchema(type.values, dialect, refs) };
  return scalarSchema(type, dialect);
}

/** A property: in v3 a `$ref` with a description is wrapped in allOf, as the real documents do. */
function propertySchema(typeName: string, field: string, type: FieldType, description: string, dialect: Dialect, refs: Set<string>): Schema {
  let schema = valueSchema(type, dialect, refs);
  if (schema.$ref && dialect === 'v3') schema = { allOf: [schema] };
  const out: Schema = { description, ...schema };
  if (type.kind === 'array') {
    const meta = listMeta(typeName, field);
    if (meta.strategy) out['x-kubernetes-patch-strategy'] = meta.strategy;
    if (meta.mergeKey) out['x-kubernetes-patch-merge-key'] = meta.mergeKey;
    out['x-kubernetes-list-type'] = meta.listType;
    if (meta.keys) out['x-kubernetes-list-map-keys'] = meta.keys;
  }
  if (hasRetainKeys(typeName, field)) out['x-kubernetes-patch-strategy'] = 'retainKeys';
  return out;
}

const KIND_OF_TYPE = new Map<string, { group: string; version: string; kind: string }>();

/** Registers which kind a root type is (for x-kubernetes-group-version-kind). */
export function registerKind(kind: string, group: string, version: string): void {
  const type = typeForKind(kind);
  if (type) KIND_OF_TYPE.set(type, { group, version, kind });
}

export function typeSchemaOf(typeName: string, dialect: Dialect, refs: Set<string>): Schema {
  const t = typeSchema(typeName)!;
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, f] of fieldsOf(typeName)!) {
    properties[name] = propertySchema(typeName, name, f.type, f.description, dialect, refs);
    if (f.required) required.push(name);
  }
  const out: Schema = { description: t.description, type: 'object', properties };
  if (required.length) out.required = required;
  if (isAtomicStruct(typeName)) out['x-kubernetes-map-type'] = 'atomic';
  const gvk = KIND_OF_TYPE.get(typeName);
  if (gvk) out['x-kubernetes-group-version-kind'] = [gvk];
  return out;
}

/** The well-known scalar types every document carries. */
export function scalarDefinitions(dialect: Dialect): Record<string, Schema> {
  return {
    [INT_OR_STRING]: {
      description: 'IntOrString is a type that can hold an int32 or a string.',
      format: 'int-or-string',
      ...(dialect === 'v2' ? { type: 'string' } : {}),
    },
    [QUANTITY]: {
      description: "Quantity is a fixed-point representation of a number, such as 500m or 1Gi.",
      ...(dialect === 'v2' ? { type: 'string' } : {}),
    },
    [TIME]: { description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.', type: 'string', format: 'date-time' },
  };
}

/** Definitions of `roots` and every type they reach, by definition name. */
export function definitionsFor(roots: string[], dialect: Dialect): Record<string, Schema> {
  const out: Record<string, Schema> = { ...scalarDefinitions(dialect) };
  const queue = [...roots];
  const seen = new Set<string>();
  while (queue.length) {
    const typeName = queue.pop()!;
    if (seen.has(typeName) || !typeSchema(typeName)) continue;
    seen.add(typeName);
    const refs = new Set<string>();
    out[definitionName(typeName)] = typeSchemaOf(typeName, dialect, refs);
    for (const r of refs) if (!seen.has(r)) queue.push(r);
  }
  return out;
}
