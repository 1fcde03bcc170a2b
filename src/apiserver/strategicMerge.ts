// Strategic merge patch (application/strategic-merge-patch+json), what kubectl apply, edit, set,
// rollout restart and cordon send: a merge patch whose lists merge by their patch merge key
// (containers by name, ports by containerPort), plus the directives `$patch: replace|delete|merge`,
// `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`.
import { HttpError } from './status.js';
import { elementType, fieldTypeOf, isPlain, listMeta, objectTypeName, sameEntry, type ListMeta } from './patchMeta.js';

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

/** Applies `patch` to `original` (a plain JSON value of the schema type `typeName`). Never mutates its inputs. */
export function strategicMergePatch(original: unknown, patch: unknown, typeName: string | undefined): unknown {
  if (!isPlain(patch)) throw new HttpError('BadRequest', 'invalid JSON document: a strategic merge patch must be a JSON object');
  const result = mergeMap(isPlain(original) ? original : {}, patch, typeName);
  return result === DELETED ? {} : result;
}

const DELETED = Symbol('deleted');

function mergeMap(original: Record<string, any>, patch: Record<string, any>, typeName: string | undefined): Record<string, any> | typeof DELETED {
  const directive = patch.$patch;
  if (directive === 'delete') return DELETED;
  if (directive === 'replace') return stripDirectives(patch, typeName) as Record<string, any>;
  if (directive !== undefined && directive !== 'merge') throw new HttpError('BadRequest', `Unknown patch type: ${directive} in map: ${JSON.stringify(patch)}`);

  const out: Record<string, any> = { ...original };
  const orders: Array<[string, unknown[]]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ORDER)) {
      if (!Array.isArray(value)) throw new HttpError('BadRequest', `invalid patch: ${key} must be a list`);
      orders.push([key.slice(SET_ORDER.length), value]);
      continue;
    }
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      if (!Array.isArray(value)) throw new HttpError('BadRequest', `invalid patch: ${key} must be a list`);
      if (Array.isArray(out[field])) {
        out[field] = out[field].filter((v: unknown) => !value.includes(v));
        if (!out[field].length) delete out[field];
      }
      continue;
    }
    if (value === null) {
      delete out[key];
      continue;
    }
    const fieldType = fieldTypeOf(typeName, key);
    if (Array.isArray(value)) {
      const meta = listMeta(typeName, key);
      const merged = meta.strategy ? mergeList(Array.isArray(out[key]) ? out[key] : [], value, meta, objectTypeName(elementType(fieldType))) : stripList(value, objectTypeName(elementType(fieldType)));
      out[key] = merged;
      continue;
    }
    if (isPlain(value)) {
      // Maps of objects (map[string]T) merge their values as T; structs merge field by field.
      const childType = fieldType?.kind === 'map' ? undefined : objectTypeName(fieldType);
      const base = isPlain(out[key]) ? out[key] : {};
      // `$retainKeys` (strategy, volume sources) is applied inside the merge of that value.
      const merged = fieldType?.kind === 'map' ? mergeMapOfValues(base, value, objectTypeName(fieldType.values)) : mergeMap(base, value, childType);
      if (merged === DELETED) delete out[key];
      else out[key] = merged;
      continue;
    }
    out[key] = value;
  }
  for (const [field, order] of orders) {
    if (Array.isArray(out[field])) out[field] = applyOrder(out[field], order, listMeta(typeName, field));
  }
  return Array.isArray(patch.$retainKeys) ? retainKeys(out, patch.$retainKeys) : out;
}

/** `labels: {a: 1}`-like maps: a value that is an object is itself merged (as its type, if known). */
function mergeMapOfValues(original: Record<string, any>, patch: Record<string, any>, valueType: string | undefined): Record<string, any> | typeof DELETED {
  if (patch.$patch === 'replace') return stripDirectives(patch, undefined) as Record<string, any>;
  if (patch.$patch === 'delete') return DELETED;
  const out: Record<string, any> = { ...original };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (value === null) delete out[key];
    else if (isPlain(value) && valueType) {
      const merged = mergeMap(isPlain(out[key]) ? out[key] : {}, value, valueType);
      if (merged === DELETED) delete out[key];
      else out[key] = merged;
    } else out[key] = value;
  }
  return out;
}

function retainKeys(obj: Record<string, any>, keys: unknown): Record<string, any> {
  if (!Array.isArray(keys)) return obj;
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(obj)) if (keys.includes(k)) out[k] = v;
  return out;
}

function mergeList(original: unknown[], patch: unknown[], meta: ListMeta, elementTypeName: string | undefined): unknown[] {
  // A `{$patch: replace}` element replaces the whole list with the other elements.
  if (patch.some((e) => isPlain(e) && e.$patch === 'replace')) {
    return stripList(
      patch.filter((e) => !(isPlain(e) && e.$patch === 'replace')),
      elementTypeName,
    );
  }
  if (meta.mergeKey === undefined) {
    // Primitive lists with the merge strategy (finalizers): a union, in order.
    const out = [...original];
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  const out = [...original];
  for (const element of patch) {
    if (!isPlain(element)) throw new HttpError('BadRequest', `invalid patch: elements of a list merged by "${meta.mergeKey}" must be objects`);
    if (!(meta.mergeKey in element)) throw new HttpError('BadRequest', `map: ${JSON.stringify(element)} does not contain declared merge key: ${meta.mergeKey}`);
    const at = out.findIndex((e) => sameEntry(meta, e, element));
    if (element.$patch === 'delete') {
      if (at >= 0) {
        for (let i = out.length - 1; i >= 0; i--) if (sameEntry(meta, out[i], element)) out.splice(i, 1);
      }
      continue;
    }
    if (at >= 0) {
      const merged = mergeMap(out[at] as Record<string, any>, element, elementTypeName);
      if (merged === DELETED) out.splice(at, 1);
      else out[at] = merged;
    } else {
      const added = mergeMap({}, element, elementTypeName);
      if (added !== DELETED) out.push(added);
    }
  }
  return out;
}

/** `$setElementOrder`: the listed entries in that order, then any others as they were. */
function applyOrder(list: unknown[], order: unknown[], meta: ListMeta): unknown[] {
  const placed = new Set<number>();
  const out: unknown[] = [];
  for (const wanted of order) {
    const at = list.findIndex((e, i) => !placed.has(i) && (meta.mergeKey === undefined ? e === wanted : sameEntry(meta, e, wanted)));
    if (at >= 0) {
      placed.add(at);
      out.push(list[at]);
    }
  }
  list.forEach((e, i) => placed.has(i) || out.push(e));
  return out;
}

/** A value taken as is from a patch still loses its directives. */
function stripDirectives(value: unknown, typeName: string | undefined): unknown {
  if (Array.isArray(value)) return stripList(value, undefined);
  if (!isPlain(value)) return value;
  const out = mergeMap({}, Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$patch')), typeName);
  return out === DELETED ? {} : out;
}

function stripList(list: unknown[], elementTypeName: string | undefined): unknown[] {
  return list.map((e) => {
    if (!isPlain(e)) return e;
    const merged = mergeMap({}, e, elementTypeName);
    return merged === DELETED ? {} : merged;
  });
}
