// The runtime schema of every kind kubesim serves, generated from kubernetes-types by
// scripts/gen-schema.ts: what strict decoding checks manifests against and what `explain` prints.
import generated from './generated.json' with { type: 'json' };

/** A field's type, as the Kubernetes API serialises it. */
export type FieldType =
  | { kind: 'string' | 'integer' | 'number' | 'boolean' | 'IntOrString' | 'Quantity' | 'Time' | 'any' }
  | { kind: 'object'; type: string } // `type` names another schema type: `core/v1.PodSpec`
  | { kind: 'array'; items: FieldType }
  | { kind: 'map'; values: FieldType }; // keys are always strings

export interface FieldSchema {
  name: string;
  type: FieldType;
  required: boolean;
  description: string; // the first sentence of the field's doc comment
}

export interface TypeSchema {
  name: string; // `apps/v1.DeploymentSpec`
  description: string;
  fields: ReadonlyMap<string, FieldSchema>;
}

interface GeneratedField {
  type: string;
  required?: boolean;
  description: string;
}
interface GeneratedSchema {
  source: string;
  kinds: Record<string, string>;
  types: Record<string, { description: string; fields: Record<string, GeneratedField> }>;
}

const schema = generated as GeneratedSchema;

/** Which kubernetes-types release the schema was generated from. */
export const schemaSource = schema.source;

const scalarKinds = new Set(['string', 'integer', 'number', 'boolean', 'IntOrString', 'Quantity', 'Time', 'any']);

/** Parses the generator's compact notation: `[]T`, `map[string]T`, a scalar name, or a type name. */
export function parseFieldType(text: string): FieldType {
  if (text.startsWith('[]')) return { kind: 'array', items: parseFieldType(text.slice(2)) };
  if (text.startsWith('map[string]')) return { kind: 'map', values: parseFieldType(text.slice('map[string]'.length)) };
  if (scalarKinds.has(text)) return { kind: text as 'string' };
  if (text in schema.types) return { kind: 'object', type: text };
  throw new Error(`schema: unknown type ${text}`);
}

// Parsed lazily: most runs touch a handful of kinds, not all ~300 types.
const parsed = new Map<string, TypeSchema>();

/** The schema type a kind's objects have (`Deployment` → `apps/v1.Deployment`), if kubesim serves the kind. */
export function typeForKind(kind: string): string | undefined {
  return Object.hasOwn(schema.kinds, kind) ? schema.kinds[kind] : undefined;
}

export function typeSchema(typeName: string): TypeSchema | undefined {
  const cached = parsed.get(typeName);
  if (cached) return cached;
  if (!Object.hasOwn(schema.types, typeName)) return undefined;
  const raw = schema.types[typeName]!;
  const fields = new Map<string, FieldSchema>();
  for (const [name, f] of Object.entries(raw.fields)) {
    fields.set(name, { name, type: parseFieldType(f.type), required: f.required === true, description: f.description });
  }
  const type: TypeSchema = { name: typeName, description: raw.description, fields };
  parsed.set(typeName, type);
  return type;
}

/** The fields of a schema type, in declaration (alphabetical) order; undefined for an unknown type. */
export function fieldsOf(typeName: string): ReadonlyMap<string, FieldSchema> | undefined {
  return typeSchema(typeName)?.fields;
}

/** `Container` for `core/v1.Container`: the short name kubectl explain shows. */
export function shortTypeName(typeName: string): string {
  return typeName.slice(typeName.lastIndexOf('.') + 1);
}

/** kubectl explain's notation: `<string>`, `<[]Container>`, `<map[string]string>`, `<Object>`. */
export function typeLabel(type: FieldType): string {
  switch (type.kind) {
    case 'object':
      return shortTypeName(type.type);
    case 'array':
      return `[]${typeLabel(type.items)}`;
    case 'map':
      return `map[string]${typeLabel(type.values)}`;
    case 'any':
      return 'Object';
    default:
      return type.kind;
  }
}

/** The object type inside a field (through arrays and maps), whose fields explain lists next. */
export function objectTypeOf(type: FieldType): string | undefined {
  if (type.kind === 'object') return type.type;
  if (type.kind === 'array') return objectTypeOf(type.items);
  if (type.kind === 'map') return objectTypeOf(type.values);
  return undefined;
}

export interface FieldDescription {
  kind: string;
  path: string; // as asked, normalised: `spec.template.spec.containers`; '' for the kind itself
  type: FieldType;
  typeLabel: string;
  required: boolean;
  description: string;
  fields: FieldSchema[]; // the fields below this one; empty for scalars
}

/**
 * What `kubectl explain <kind>.<path>` shows: the field's type, whether it is required, its
 * description and the fields under it. Array indices in the path are ignored
 * (`spec.containers[0].image` is `spec.containers.image`). Undefined when the kind or path is unknown.
 */
export function describeField(kind: string, path: string): FieldDescription | undefined {
  const kindType = typeForKind(kind);
  if (!kindType) return undefined;
  const segments = path
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .filter(Boolean);
  let type: FieldType = { kind: 'object', type: kindType };
  let required = false;
  let description = typeSchema(kindType)!.description;
  for (const segment of segments) {
    const objectType = objectTypeOf(type);
    const field = objectType ? fieldsOf(objectType)?.get(segment) : undefined;
    if (!field) return undefined;
    ({ type, required, description } = field);
  }
  const below = objectTypeOf(type);
  return {
    kind,
    path: segments.join('.'),
    type,
    typeLabel: typeLabel(type),
    required,
    description,
    fields: below ? [...fieldsOf(below)!.values()] : [],
  };
}
