// The table model behind a resource page: which objects (scope, filter, faults), in which order,
// with which cells. Cells are rendered once per object version (tableRows.ts); the rows stay in order
// as objects change, so a frame costs what changed, not what exists (tableView.ts); sorting compares
// typed values; only the visible window is turned into text by the view.
import { parseSelector, type Selector } from '../../api/labels.js';
import { parseFieldSelector, type FieldSelector } from '../../api/fields.js';
import { isNamespaced } from '../../api/kinds.js';
import type { KObject } from '../../api/object.js';
import type { Cluster } from '../../cluster.js';
import type { Cell, Column, Health } from '../../printers/columns.js';
import { printerFor } from '../../printers/registry.js';
import { visibleColumns } from '../../printers/textTable.js';
import type { ResourcePage } from './pages.js';
import { KindRows } from './tableRows.js';
import { TableView, type ViewFilter, type ViewSort } from './tableView.js';

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
  /** The position of a row in `rows` by key, without a scan (see indexOfRow). */
  find?: (rows: TableRow[], key: string) => number | undefined;
}

/** rows.findIndex((r) => r.key === key), by the table model's binary search when `rows` are its current rows. */
export function indexOfRow(data: TableData, key: string | undefined): number {
  if (key === undefined) return -1;
  const found = data.find?.(data.rows, key);
  return found ?? data.rows.findIndex((r) => r.key === key);
}

const NAMESPACE_COLUMN: Column = { name: 'NAMESPACE' };
/** Kinds whose rendered rows are kept while another kind is shown (going back is then instant). */
const KINDS_KEPT = 2;

export class ResourceTableModel {
  private cluster: Cluster | undefined;
  private readonly kinds = new Map<string, KindRows>();
  private view: TableView | undefined;
  private viewKey = '';

  build(cluster: Cluster, page: ResourcePage, options: { wide: boolean; faultsOnly: boolean }): TableData {
    if (cluster !== this.cluster) this.reset(cluster);
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
    const filter: ViewFilter = { text: page.filter, regex, inverse, labels: filterSelector, faultsOnly: options.faultsOnly };
    const sort = sortOf(columns, page);

    const rows = this.kindRows(cluster, page.kind);
    const changed = rows.sync(ctx);
    // A view is kept for one scope and column set; sort and filter changes are applied to it.
    const key = JSON.stringify([page.kind, page.namespace, page.labelSelector, page.fieldSelector, page.nodeName, page.ownerUid, options.wide, !!scopeSelector, !!fieldSelector]);
    if (!this.view || key !== this.viewKey || this.view.source !== rows) {
      const scope = { namespace: isNamespaced(page.kind) ? page.namespace : undefined, labelSelector: scopeSelector, fieldSelector, nodeName: page.nodeName, ownerUid: page.ownerUid };
      this.view = new TableView(rows, columns, visible, withNamespace, scope, sort, filter, ctx);
      this.viewKey = key;
    } else this.view.update(changed, sort, filter, ctx);
    const view = this.view;
    // Answers only for the rows it returned, while they are still the view's (undefined: scan them).
    const find = (rows: TableRow[], key: string) => (rows === view.rowsShown() && view === this.view ? view.indexOf(key) : undefined);
    return { columns: view.columns, rows: view.rowsShown(), total: view.total, filterError, find };
  }

  private reset(cluster: Cluster): void {
    for (const rows of this.kinds.values()) rows.dispose();
    this.kinds.clear();
    this.view = undefined;
    this.cluster = cluster;
  }

  private kindRows(cluster: Cluster, kind: string): KindRows {
    let rows = this.kinds.get(kind);
    if (rows) {
      // Most recently used last.
      this.kinds.delete(kind);
      this.kinds.set(kind, rows);
      return rows;
    }
    rows = new KindRows(cluster.store, kind, printerFor(kind));
    this.kinds.set(kind, rows);
    while (this.kinds.size > KINDS_KEPT) {
      const [oldest, dropped] = this.kinds.entries().next().value!;
      dropped.dispose();
      this.kinds.delete(oldest);
    }
    return rows;
  }
}

/** The page's sort: its column (LAST SEEN for events, else NAME, when none is chosen) and direction. */
function sortOf(columns: Column[], page: ResourcePage): ViewSort {
  const defaultColumn = page.kind === 'Event' ? 'LAST SEEN' : 'NAME';
  const name = page.sortColumn ?? defaultColumn;
  let index = columns.findIndex((c) => c.name === name);
  if (index < 0) index = columns.findIndex((c) => c.name === 'NAME');
  return { index, descending: page.sortDescending ?? page.kind === 'Event' };
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
