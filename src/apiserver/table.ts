// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`: the server-side printing `kubectl get`
// uses. The columns and cells are the dashboard's own printers (src/printers), so kubectl and the
// dashboard show the same thing; wide columns have priority 1 and appear with `-o wide`.
import type { KObject } from '../api/object.js';
import { printerFor } from '../printers/registry.js';
import { cellText } from '../printers/textTable.js';
import type { PrintContext } from '../printers/printer.js';
import type { Store } from '../store/store.js';
import { HttpError } from './status.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  kind: string;
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
  /** Turns a stored object into the requested version (for includeObject=Object). */
  served: (obj: KObject) => KObject;
  store: Store;
  now: number;
  listMeta?: Record<string, unknown>;
  /** Leave the column definitions out (watch events after the first). */
  noHeaders?: boolean;
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw new HttpError('BadRequest', `includeObject: Unsupported value: ${JSON.stringify(v)}: supported values: "Metadata", "None", "Object"`);
}

const DESCRIPTIONS: Record<string, string> = {
  NAME: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
  AGE: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
};

export function columnDefinitions(kind: string) {
  return printerFor(kind).columns.map((c) => ({
    name: c.name,
    type: 'string',
    format: c.name === 'NAME' ? 'name' : '',
    description: DESCRIPTIONS[c.name] ?? `${c.name.toLowerCase()}, as kubectl and the kubesim dashboard show it`,
    priority: c.wide ? 1 : 0,
  }));
}

export function partialMetadata(obj: KObject, version: 'v1' | 'v1beta1' = 'v1') {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

export function toTable(objects: KObject[], o: TableOptions) {
  const printer = printerFor(o.kind);
  const ctx: PrintContext = { now: o.now, store: o.store };
  const rows = objects.map((obj) => {
    const row: Record<string, unknown> = { cells: printer.row(obj, ctx).map((cell) => cellText(cell, o.now)) };
    if (o.includeObject === 'Metadata') row.object = partialMetadata(obj, o.version);
    else if (o.includeObject === 'Object') row.object = o.served(obj);
    return row;
  });
  const table: Record<string, unknown> = { kind: 'Table', apiVersion: `meta.k8s.io/${o.version}`, metadata: o.listMeta ?? {} };
  if (!o.noHeaders) table.columnDefinitions = columnDefinitions(o.kind);
  table.rows = rows;
  return table;
}
