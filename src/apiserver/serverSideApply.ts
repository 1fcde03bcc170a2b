// Server-side apply (PATCH application/apply-patch+yaml): the manager's configuration is merged into
// the live object (structs and maps field by field, map-lists entry by entry, atomic values
// replaced); fields it applied before and no longer does are removed unless another manager owns
// them; a field another manager owns that would change is a conflict (409) unless `force`.
import type { KObject } from '../api/object.js';
import { collectFields, diffFields, FieldSet, formatPath, managedView } from './fieldSet.js';
import { decodeManaged, encodeManaged, sameManager, type Manager, type OwnedFields } from './managedFields.js';
import { elementKey, fieldTypeOf, isAtomicStruct, isPlain, listMeta, objectTypeName, rootTypeOf } from './patchMeta.js';
import { HttpError, type StatusCause } from './status.js';

export interface ApplyRequest {
  manager: string;
  apiVersion: string;
  force: boolean;
  now: string;
}

function nodeAt(set: FieldSet, keys: string[]): FieldSet | undefined {
  let at: FieldSet | undefined = set;
  for (const k of keys) at = at?.children.get(k);
  return at;
}

/** The object to store after applying `applied` (already decoded) over `live` (undefined: it is created). */
export function serverSideApply(live: KObject | undefined, applied: KObject, req: ApplyRequest): KObject {
  const typeName = rootTypeOf(applied.kind);
  const me: Manager = { manager: req.manager, operation: 'Apply', apiVersion: req.apiVersion };
  const appliedView = managedView(applied, 'main');
  const appliedSet = new FieldSet();
  collectFields(appliedView, typeName, appliedSet, 'apply');

  const owned = decodeManaged(live);
  const mine = owned.find((o) => sameManager(o.id, me));
  const others = owned.filter((o) => o !== mine);
  const liveView = managedView(live, 'main');

  const merged = mergeStruct(liveView, appliedView, typeName);
  const ownedByOthers = others.reduce((acc, o) => acc.union(o.fields), new FieldSet());
  const kept = appliedSet.union(ownedByOthers);
  const dropped = (mine?.fields ?? new FieldSet()).minus(kept);
  for (const member of dropped.members()) {
    // A map, struct or list entry that someone still owns something in stays (as the apiserver adds
    // owned items back after pruning); only what nobody owns any part of goes.
    const under = nodeAt(kept, member);
    if (under && !under.isEmpty()) continue;
    removeMember(merged, member, typeName);
  }

  const { changed, removed } = diffFields(liveView, merged, typeName);
  const contested = changed.intersect(appliedSet);
  const conflicts = others.map((o) => ({ owner: o, fields: o.fields.intersect(contested) })).filter((c) => !c.fields.isEmpty());
  if (conflicts.length && !req.force) throw conflictError(conflicts);

  for (const o of others) o.fields = o.fields.minus(contested).minusSubtrees(removed);
  const entry: OwnedFields = { id: me, fields: appliedSet, time: req.now };
  const nextOwned = mine ? owned.map((o) => (o === mine ? entry : o)) : [...owned, entry];

  const result: KObject = { apiVersion: applied.apiVersion, kind: applied.kind, ...merged, metadata: { ...serverMeta(live, applied), ...(merged.metadata ?? {}) } } as KObject;
  if (live?.status !== undefined) result.status = live.status;
  result.metadata.managedFields = encodeManaged(nextOwned);
  return result;
}

/** The metadata the server keeps whatever is applied (name, namespace, uid, versions...). */
function serverMeta(live: KObject | undefined, applied: KObject): Record<string, unknown> {
  const src = live?.metadata ?? applied.metadata;
  const out: Record<string, unknown> = {};
  for (const k of ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
    if ((src as any)[k] !== undefined) out[k] = (src as any)[k];
  }
  if (!live && applied.metadata.generateName) out.generateName = applied.metadata.generateName;
  return out;
}

function managerText(id: Manager): string {
  let text = JSON.stringify(id.manager);
  if (id.subresource) text += ` with subresource ${JSON.stringify(id.subresource)}`;
  if (id.operation === 'Update') text += ` using ${id.apiVersion}`;
  return text;
}

function conflictError(conflicts: Array<{ owner: OwnedFields; fields: FieldSet }>): HttpError {
  const sorted = [...conflicts].sort((a, b) => (a.owner.id.manager < b.owner.id.manager ? -1 : a.owner.id.manager > b.owner.id.manager ? 1 : 0));
  const causes: StatusCause[] = [];
  const lines: string[] = [];
  let count = 0;
  for (const c of sorted) {
    const paths = c.fields.members().map(formatPath);
    count += paths.length;
    lines.push(`conflicts with ${managerText(c.owner.id)}:`);
    for (const p of paths) {
      lines.push(`- ${p}`);
      causes.push({ reason: 'FieldManagerConflict', message: `conflict with ${managerText(c.owner.id)}`, field: p });
    }
  }
  const message =
    count === 1 ? `Apply failed with 1 conflict: conflict with ${managerText(sorted[0].owner.id)}: ${causes[0].field}` : `Apply failed with ${count} conflicts: ${lines.join('\n')}`;
  return new HttpError('Conflict', message, { causes });
}

function mergeStruct(live: Record<string, any>, applied: Record<string, any>, typeName: string | undefined): Record<string, any> {
  const out: Record<string, any> = { ...live };
  for (const [k, av] of Object.entries(applied)) {
    if (av === undefined || av === null) continue;
    out[k] = mergeField(live[k], av, typeName, k);
  }
  return out;
}

function mergeField(lv: unknown, av: unknown, typeName: string | undefined, field: string): unknown {
  const type = typeName ? fieldTypeOf(typeName, field) : undefined;
  if (!type || lv === undefined || lv === null) return structuredClone(av);
  if (type.kind === 'object') {
    if (isAtomicStruct(type.type) || !isPlain(lv) || !isPlain(av)) return structuredClone(av);
    return mergeStruct(lv, av, type.type);
  }
  if (type.kind === 'map') {
    if (!isPlain(lv) || !isPlain(av)) return structuredClone(av);
    const valueType = objectTypeName(type.values);
    const out: Record<string, unknown> = { ...lv };
    for (const [k, v] of Object.entries(av)) {
      if (v === undefined || v === null) continue;
      out[k] = valueType && !isAtomicStruct(valueType) && isPlain(lv[k]) && isPlain(v) ? mergeStruct(lv[k] as any, v, valueType) : structuredClone(v);
    }
    return out;
  }
  if (type.kind === 'array') {
    const meta = listMeta(typeName, field);
    if (meta.listType === 'atomic' || !Array.isArray(lv) || !Array.isArray(av)) return structuredClone(av);
    if (meta.listType === 'set') return [...lv, ...av.filter((v) => !lv.some((x) => JSON.stringify(x) === JSON.stringify(v)))];
    const itemType = objectTypeName(type.items);
    const out = [...lv];
    for (const element of av) {
      if (!isPlain(element)) continue;
      const key = JSON.stringify(elementKey(meta, element));
      const at = out.findIndex((e) => isPlain(e) && JSON.stringify(elementKey(meta, e)) === key);
      if (at >= 0) out[at] = mergeStruct(out[at] as any, element, itemType);
      else out.push(structuredClone(element));
    }
    return out;
  }
  return structuredClone(av);
}

/** Removes one member (a list of FieldsV1 keys) from a managed view, in place. */
function removeMember(obj: Record<string, any>, keys: string[], typeName: string | undefined): void {
  let at: any = obj;
  let type = typeName;
  let listField: { parent: any; field: string; ownerType: string | undefined } | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const last = i === keys.length - 1;
    if (k.startsWith('f:')) {
      const field = k.slice(2);
      if (!isPlain(at) || !(field in at)) return;
      if (last) {
        delete at[field];
        return;
      }
      listField = { parent: at, field, ownerType: type };
      const ft = type ? fieldTypeOf(type, field) : undefined;
      at = at[field];
      type = ft?.kind === 'object' ? ft.type : ft?.kind === 'array' || ft?.kind === 'map' ? objectTypeName(ft.kind === 'array' ? ft.items : ft.values) : undefined;
      continue;
    }
    if (!Array.isArray(at) || !listField) return;
    const meta = listMeta(listField.ownerType, listField.field);
    const want = k.slice(2);
    const index = at.findIndex((e: unknown) => (k.startsWith('k:') ? isPlain(e) && JSON.stringify(elementKey(meta, e)) === want : JSON.stringify(e) === want));
    if (index < 0) return;
    if (last) {
      at.splice(index, 1);
      return;
    }
    at = at[index];
  }
}
