// The patch `kubectl apply` sends (client-side apply): a strategic merge patch computed from three
// documents — the configuration applied last time (the last-applied-configuration annotation), the
// manifest applied now, and the live object. Fields the manifest sets are set; fields dropped from
// the manifest since last time are deleted; fields only the server or other clients set are left
// alone. As kubectl computes it: the changes and additions from live to the manifest (never a
// deletion), merged with the deletions from last-applied to the manifest (never a change). Lists
// merge by their patch merge key (containers by name), with `$setElementOrder`, `{$patch: delete}`
// and `$deleteFromPrimitiveList` directives; the merge metadata is the API server's (patchMeta).
import { isDeepStrictEqual } from 'node:util';
import type { FieldType } from '../api/schema/schema.js';
import { fieldTypeOf, hasRetainKeys, isPlain, listMeta, type ListMeta } from '../apiserver/patchMeta.js';

type Json = Record<string, unknown>;

interface DiffOptions {
  /** Leave out deletions (live → manifest: what the server or others added stays). */
  ignoreDeletions?: boolean;
  /** Leave out changes and additions (last-applied → manifest: only what was dropped). */
  ignoreChangesAndAdditions?: boolean;
  /** The map is a `retainKeys` struct (a Deployment's strategy, a volume): list the keys to keep. */
  buildRetainKeys?: boolean;
}

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

/**
 * The strategic merge patch that takes `current` to `modified`, deleting what `original` had and
 * `modified` has not. `original` is undefined when the live object has no last-applied annotation
 * (then nothing is deleted). `typeName` is the schema type of the documents (`apps/v1.Deployment`).
 * All three are plain JSON documents; none is changed. `{}` means there is nothing to send.
 */
export function createThreeWayMergePatch(original: Json | undefined, modified: Json, current: Json, typeName: string | undefined): Json {
  const schema: FieldType | undefined = typeName ? { kind: 'object', type: typeName } : undefined;
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true });
  const deletions = diffMaps(original ?? {}, modified, schema, { ignoreChangesAndAdditions: true });
  return mergePatches(deletions, delta, schema);
}

/** The type of a field of a struct, or of any value of a map. */
function childType(schema: FieldType | undefined, key: string): FieldType | undefined {
  if (schema?.kind === 'object') return fieldTypeOf(schema.type, key);
  if (schema?.kind === 'map') return schema.values;
  return undefined;
}

function listMetaOf(schema: FieldType | undefined, key: string): ListMeta {
  return listMeta(schema?.kind === 'object' ? schema.type : undefined, key);
}

function itemType(type: FieldType | undefined): FieldType | undefined {
  return type?.kind === 'array' ? type.items : undefined;
}

/** JSON's kinds, as Go's reflect tells decoded values apart. */
function jsonKind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function diffMaps(original: Json, modified: Json, schema: FieldType | undefined, options: DiffOptions): Json {
  const patch: Json = {};
  const retained: string[] = [];
  for (const [key, mod] of Object.entries(modified)) {
    if (options.buildRetainKeys && mod !== null) retained.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = mod;
      continue;
    }
    const orig = original[key];
    if (jsonKind(orig) !== jsonKind(mod)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = mod;
      continue;
    }
    if (isPlain(orig)) {
      const retain = schema?.kind === 'object' && hasRetainKeys(schema.type, key);
      const sub = diffMaps(orig, mod as Json, childType(schema, key), { ...options, buildRetainKeys: retain });
      if (Object.keys(sub).length) patch[key] = sub;
    } else if (Array.isArray(orig)) {
      diffListField(key, orig, mod as unknown[], patch, schema, options);
    } else if (!options.ignoreChangesAndAdditions && !isDeepStrictEqual(orig, mod)) {
      patch[key] = mod;
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  // A retainKeys struct names the keys to keep when something in it changes or a key must go.
  if (retained.length && (Object.keys(patch).length || hasKeyMissingFrom(original, modified))) patch.$retainKeys = retained.sort();
  return patch;
}

function hasKeyMissingFrom(original: Json, modified: Json): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !Object.hasOwn(modified, k));
}

function diffListField(key: string, original: unknown[], modified: unknown[], patch: Json, schema: FieldType | undefined, options: DiffOptions): void {
  const meta = listMetaOf(schema, key);
  if (!meta.strategy) {
    // An atomic list is replaced whole.
    if (!options.ignoreChangesAndAdditions && !isDeepStrictEqual(original, modified)) patch[key] = modified;
    return;
  }
  if (!original.length) {
    if (modified.length && !options.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const elementOptions: DiffOptions = { ...options, buildRetainKeys: meta.strategy === 'merge,retainKeys' };
  const result =
    meta.mergeKey === undefined
      ? diffScalarLists(original, modified, options)
      : diffListsOfMaps(original, modified, meta.mergeKey, itemType(childType(schema, key)), elementOptions);
  if (result.patch.length) patch[key] = result.patch;
  if (result.deletions.length) patch[`${DELETE_PRIMITIVE}${key}`] = result.deletions;
  if (result.order.length) patch[`${SET_ORDER}${key}`] = result.order;
}

interface ListDiff {
  patch: unknown[];
  deletions: unknown[];
  order: unknown[];
}

const keyText = (v: unknown) => String(v);

function diffListsOfMaps(original: unknown[], modified: unknown[], mergeKey: string, elementType: FieldType | undefined, options: DiffOptions): ListDiff {
  const byKey = new Map<string, Json>();
  for (const e of original) if (isPlain(e)) byKey.set(keyText(e[mergeKey]), e);
  const modifiedKeys = new Set<string>();
  const changed: unknown[] = [];
  for (const e of modified) {
    if (!isPlain(e)) continue;
    const k = keyText(e[mergeKey]);
    modifiedKeys.add(k);
    const before = byKey.get(k);
    if (!before) {
      if (!options.ignoreChangesAndAdditions) changed.push(e);
      continue;
    }
    const sub = diffMaps(before, e, elementType, options);
    if (Object.keys(sub).length) changed.push({ ...sub, [mergeKey]: e[mergeKey] });
  }
  const deleted: unknown[] = [];
  if (!options.ignoreDeletions) {
    for (const e of original) {
      if (isPlain(e) && !modifiedKeys.has(keyText(e[mergeKey]))) deleted.push({ [mergeKey]: e[mergeKey], $patch: 'delete' });
    }
  }
  const patch = [...changed, ...deleted];
  const orderSame = original.length === modified.length && modified.every((e, i) => isPlain(e) && isPlain(original[i]) && keyText(e[mergeKey]) === keyText((original[i] as Json)[mergeKey]));
  const wantsOrder = (!options.ignoreChangesAndAdditions && (patch.length > 0 || !orderSame)) || (!options.ignoreDeletions && patch.length > 0);
  const order = wantsOrder ? modified.filter(isPlain).map((e) => ({ [mergeKey]: e[mergeKey] })) : [];
  return { patch, deletions: [], order };
}

function diffScalarLists(original: unknown[], modified: unknown[], options: DiffOptions): ListDiff {
  const before = new Set(original.map(keyText));
  const after = new Set(modified.map(keyText));
  const added = options.ignoreChangesAndAdditions ? [] : dedupe(modified.filter((v) => !before.has(keyText(v))));
  const deletions = options.ignoreDeletions ? [] : dedupe(original.filter((v) => !after.has(keyText(v))));
  const wantsOrder = (!options.ignoreDeletions && deletions.length > 0) || (!options.ignoreChangesAndAdditions && !isDeepStrictEqual(original, modified));
  return { patch: added, deletions, order: wantsOrder ? modified : [] };
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(keyText(v)) && seen.add(keyText(v)));
}

/**
 * Two patches into one (the deletions, then the changes): maps merge key by key, merging lists by
 * their merge key; anything else is taken from `b`. The two touch different fields, so nothing is lost.
 */
function mergePatches(a: Json, b: Json, schema: FieldType | undefined): Json {
  const out: Json = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    if (isPlain(existing) && isPlain(value)) {
      out[key] = mergePatches(existing, value, childType(schema, key));
      continue;
    }
    if (Array.isArray(existing) && Array.isArray(value) && !key.startsWith('$')) {
      const meta = listMetaOf(schema, key);
      if (meta.strategy) {
        out[key] = mergeLists(existing, value, meta, itemType(childType(schema, key)));
        continue;
      }
    }
    out[key] = value;
  }
  return out;
}

function mergeLists(a: unknown[], b: unknown[], meta: ListMeta, elementType: FieldType | undefined): unknown[] {
  const out = [...a];
  for (const element of b) {
    const at = meta.mergeKey === undefined ? out.findIndex((e) => keyText(e) === keyText(element)) : out.findIndex((e) => isPlain(e) && isPlain(element) && keyText(e[meta.mergeKey!]) === keyText(element[meta.mergeKey!]));
    if (at < 0) out.push(element);
    else if (isPlain(out[at]) && isPlain(element)) out[at] = mergePatches(out[at] as Json, element, elementType);
  }
  return out;
}
