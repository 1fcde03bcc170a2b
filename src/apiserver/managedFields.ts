// metadata.managedFields: who set which field. Every write through the API records its manager
// (the `fieldManager` parameter, else the client's user agent up to the first `/`): an Update
// operation owns the fields it changed and takes them from everyone else; an Apply (server-side
// apply) owns exactly the fields of its configuration. A status or scale write records its subresource.
import { applyDefaults } from '../api/defaults/index.js';
import { clone, type KObject } from '../api/object.js';
import { diffFields, FieldSet, managedView, type Part } from './fieldSet.js';
import { rootTypeOf } from './patchMeta.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
}

export interface OwnedFields {
  id: Manager;
  fields: FieldSet;
  time?: string;
}

/** Apply entries are one per manager whatever the version; Update entries are per version too. */
export function sameManager(a: Manager, b: Manager): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  );
}

export function decodeManaged(obj: KObject | undefined): OwnedFields[] {
  const entries = (obj?.metadata?.managedFields ?? []) as ManagedFieldsEntry[];
  return entries.map((e) => ({
    id: { manager: e.manager ?? '', operation: e.operation === 'Apply' ? 'Apply' : 'Update', apiVersion: e.apiVersion ?? '', subresource: e.subresource || undefined },
    fields: FieldSet.fromFieldsV1(e.fieldsV1),
    time: e.time,
  }));
}

export function encodeManaged(owned: OwnedFields[]): ManagedFieldsEntry[] {
  return owned
    .filter((o) => !o.fields.isEmpty())
    .map((o) => {
      const e: ManagedFieldsEntry = { manager: o.id.manager, operation: o.id.operation, apiVersion: o.id.apiVersion, time: o.time, fieldsType: 'FieldsV1', fieldsV1: o.fields.toFieldsV1() };
      if (!e.time) delete e.time;
      if (o.id.subresource) e.subresource = o.id.subresource;
      return e;
    });
}

/** The manager name when the request names none: the user agent's product (`kubectl`, `node-fetch`). */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const product = (userAgent ?? '').split('/')[0].trim();
  return product.slice(0, 128) || 'unknown';
}

/** A copy with defaults applied: what the store will keep, so the manager owns what it will see. */
export function defaulted(obj: KObject): KObject {
  const copy = clone(obj);
  applyDefaults(copy);
  return copy;
}

/**
 * Records an Update by `manager` that turns `live` into `next` (undefined live: a create). Sets
 * `next.metadata.managedFields`. Fields the request itself sets in managedFields are taken as the
 * starting point, which is how clients (kubectl's client-side-apply upgrade) rewrite ownership.
 */
export function recordUpdate(live: KObject | undefined, next: KObject, manager: Manager, now: string, part: Part = 'main'): void {
  const requested = next.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const liveEntries = live?.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const userRewrote = part === 'main' && requested !== undefined && JSON.stringify(requested) !== JSON.stringify(liveEntries ?? []);
  const owned = userRewrote ? decodeManaged(next) : decodeManaged(live);
  if (userRewrote && requested.length === 0) {
    // An empty list resets field management, as on a real server.
    next.metadata.managedFields = [];
    return;
  }
  const typeName = rootTypeOf(next.kind);
  const after = defaulted(next);
  const { changed, removed } = diffFields(managedView(live, part), managedView(after, part), typeName);
  let mine: OwnedFields | undefined;
  for (const o of owned) {
    if (sameManager(o.id, manager)) mine = o;
    else o.fields = o.fields.minusSubtrees(removed).minus(changed);
  }
  if (!changed.isEmpty()) {
    if (!mine) owned.push((mine = { id: manager, fields: new FieldSet() }));
    mine.fields = mine.fields.minusSubtrees(removed).union(changed);
    mine.time = now;
  } else if (mine) {
    mine.fields = mine.fields.minusSubtrees(removed);
  }
  next.metadata.managedFields = encodeManaged(owned);
}
