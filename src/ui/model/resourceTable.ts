// The table model behind a resource page: which objects (scope, filter, faults), in which order,
// with which cells. Cells are rendered once per object version and cached; sorting compares typed
// values; only the visible window is turned into text by the view.
import { parseSelector, type Selector } from '../../api/labels.js';
import { parseFieldSelector, type FieldSelector } from '../../api/fields.js';
import { isNamespaced } from '../../api/kinds.js';
import type { KObject } from '../../api/object.js';
import type { Cluster } from '../../cluster.js';
import type { Cell, Column, Health } from '../../printers/columns.js';
import type { Printer } from '../../printers/printer.js';
import { printerFor } from '../../printers/registry.js';
import { visibleColumns } from '../../printers/textTable.js';
import type { ResourcePage } from './pages.js';

export interface TableRow {
  key: string;
  obj: KObject;
  /** Visible cells, NAMESPACE first when several namespaces are shown. */
  cells: Cell[];
  health: Health;
}

export interface TableData {
  columns: Column[];
  rows: TableRow[];
  /** How many objects the scope holds before the filter (for `[12/340]`). */
  total: number;
  /** A problem with the filter text (bad regex or selector), shown in the flash line. */
  filterError?: string;
}

interface CachedRow {
  resourceVersion: string;
  cells: Cell[];
  health: Health;
}

const NAMESPACE_COLUMN: Column = { name: 'NAMESPACE' };

export class ResourceTableModel {
  private readonly cache = new Map<string, CachedRow>();

  build(cluster: Cluster, page: ResourcePage, options: { wide: boolean; faultsOnly: boolean }): TableData {
    const printer = printerFor(page.kind);
    const withNamespace = isNamespaced(page.kind) && page.namespace === undefined;
    const visible = visibleColumns(printer, options.wide);
    const columns = [...(withNamespace ? [NAMESPACE_COLUMN] : []), ...visible.map((i) => printer.columns[i])];
    const ctx = { now: cluster.clock.now(), store: cluster.store };

    let scopeSelector: Selector | undefined;
    let fieldSelector: FieldSelector | undefined;
    let filterSelector: Selector | undefined;
    let filterError: string | undefined;
    try {
      scopeSelector = page.labelSelector ? parseSelector(page.labelSelector) : undefined;
      fieldSelector = page.fieldSelector ? parseFieldSelector(page.fieldSelector) : undefined;
    } catch (e) {
      filterError = e instanceof Error ? e.message : String(e);
    }
    const { regex, inverse, labels, error } = parseFilter(page.filter);
    if (error) filterError = error;
    if (labels) {
      try {
        filterSelector = parseSelector(labels);
      } catch (e) {
        filterError = e instanceof Error ? e.message : String(e);
      }
    }

    const objects = cluster.store.list(page.kind, {
      namespace: isNamespaced(page.kind) ? page.namespace : undefined,
      labelSelector: scopeSelector,
      nodeName: page.nodeName,
      ownerUid: page.ownerUid,
      fieldSelector,
    });
    const rows: TableRow[] = [];
    for (const obj of objects) {
      if (filterSelector && !filterSelector.matches(obj.metadata.labels)) continue;
      const cached = this.rowFor(obj, printer, ctx);
      if (options.faultsOnly && (cached.health === 'ok' || cached.health === 'muted')) continue;
      const cells = visible.map((i) => cached.cells[i]);
      if (withNamespace) cells.unshift({ text: obj.metadata.namespace ?? '' });
      if (regex) {
        const line = cells.map((c) => c.text).join(' ');
        if (regex.test(line) === inverse) continue;
      }
      rows.push({ key: obj.metadata.uid ?? `${obj.metadata.namespace}/${obj.metadata.name}`, obj, cells, health: cached.health });
    }
    sortRows(rows, columns, page);
    if (this.cache.size > objects.length * 2 + 1000) this.prune(objects);
    return { columns, rows, total: objects.length, filterError };
  }

  private rowFor(obj: KObject, printer: Printer, ctx: { now: number; store: Cluster['store'] }): CachedRow {
    const key = obj.metadata.uid ?? '';
    const rv = obj.metadata.resourceVersion ?? '';
    const hit = this.cache.get(key);
    // RESTARTS `(2m ago)` and job DURATION move with time: re-render those kinds each frame.
    if (hit && hit.resourceVersion === rv && !dependsOnNow(obj.kind)) return hit;
    const row: CachedRow = { resourceVersion: rv, cells: printer.row(obj, ctx), health: printer.health(obj, ctx) };
    this.cache.set(key, row);
    return row;
  }

  private prune(objects: KObject[]): void {
    const live = new Set(objects.map((o) => o.metadata.uid ?? ''));
    for (const key of this.cache.keys()) if (!live.has(key)) this.cache.delete(key);
  }
}

function dependsOnNow(kind: string): boolean {
  return kind === 'Pod' || kind === 'Job';
}

export interface ParsedFilter {
  regex?: RegExp;
  inverse: boolean;
  labels?: string;
  error?: string;
}

/** k9s's filter grammar: `term` regex, `!term` inverse, `-l app=web` label selector. */
export function parseFilter(filter: string): ParsedFilter {
  const text = filter.trim();
  if (!text) return { inverse: false };
  if (text.startsWith('-l ') || text === '-l') return { inverse: false, labels: text.slice(2).trim() };
  const inverse = text.startsWith('!');
  const source = inverse ? text.slice(1) : text;
  if (!source) return { inverse: false };
  try {
    return { regex: new RegExp(source, 'i'), inverse };
  } catch {
    const escaped = source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return { regex: new RegExp(escaped, 'i'), inverse, error: `not a regular expression, matching the text literally: ${source}` };
  }
}

function sortRows(rows: TableRow[], columns: Column[], page: ResourcePage): void {
  const defaultColumn = page.kind === 'Event' ? 'LAST SEEN' : 'NAME';
  const name = page.sortColumn ?? defaultColumn;
  let index = columns.findIndex((c) => c.name === name);
  if (index < 0) index = columns.findIndex((c) => c.name === 'NAME');
  const descending = page.sortDescending ?? page.kind === 'Event';
  const nsIndex = columns[0]?.name === 'NAMESPACE' ? 0 : -1;
  const dir = descending ? -1 : 1;
  rows.sort((a, b) => {
    if (index >= 0) {
      const c = compareCells(a.cells[index], b.cells[index]);
      if (c) return c * dir;
    }
    if (nsIndex >= 0) {
      const c = a.cells[nsIndex].text.localeCompare(b.cells[nsIndex].text);
      if (c) return c;
    }
    return (a.obj.metadata.name ?? '').localeCompare(b.obj.metadata.name ?? '');
  });
}

function compareCells(a: Cell | undefined, b: Cell | undefined): number {
  const x = a?.sort ?? a?.text ?? '';
  const y = b?.sort ?? b?.text ?? '';
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y), undefined, { numeric: true });
}
