// One resource page's rows, kept in order as the cluster changes: the rows in scope sorted by
// namespace and name (the tie-break of every sort), the same rows in the page's sort order, and those
// the filter lets through. A frame applies only the objects that changed since the last one (a
// binary search and, when a row moves, one splice per list); a new sort re-orders by integer ranks; a
// new filter is one pass over the sorted rows. At 150,000 pods nothing is rebuilt or re-sorted per frame.
import type { FieldSelector } from '../../api/fields.js';
import type { Selector } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import type { Cell, Column, Health } from '../../printers/columns.js';
import type { PrintContext } from '../../printers/printer.js';
import { compareText, compareValues, indexIn, insertionPoint, orderByRank, rankValues, sortValue, type SortValue } from './tableOrder.js';
import type { Entry, KindRows } from './tableRows.js';

export interface ViewScope {
  namespace?: string;
  labelSelector?: Selector;
  fieldSelector?: FieldSelector;
  nodeName?: string;
  ownerUid?: string;
}

export interface ViewFilter {
  /** The page's filter text: what decides whether two filters are the same. */
  text: string;
  regex?: RegExp;
  inverse: boolean;
  labels?: Selector;
  faultsOnly: boolean;
}

export interface ViewSort {
  /** Index into the view's columns, or -1 for none. */
  index: number;
  descending: boolean;
}

/** More changes than this in one frame: rebuilding the lists is cheaper than editing them. */
const REBUILD_AFTER = 5000;
/** More than this: rows that move are merged into each list in one pass rather than spliced one by one. */
const MERGE_AFTER = 16;

/** A row as the table shows it (the TableRow of resourceTable.ts). */
export class ViewRow {
  readonly key: string;
  readonly obj: KObject;
  /** The sort column's value when this row was placed. */
  sort: SortValue = { value: '' };
  /** Taken out of the lists (by a merge; see TableView.applyAll). */
  gone = false;
  private text?: string;

  constructor(
    readonly entry: Entry,
    private readonly view: TableView,
  ) {
    this.key = entry.key;
    this.obj = entry.obj;
  }

  /** Visible cells, NAMESPACE first when several namespaces are shown (re-rendered when time moved). */
  get cells(): Cell[] {
    this.view.refresh(this.entry);
    return this.view.visibleCells(this.entry);
  }

  get health(): Health {
    return this.entry.health;
  }

  /** The visible cells' text, as the `/` filter matches it. */
  line(): string {
    return (this.text ??= this.view.visibleCells(this.entry).map((c) => c.text).join(' '));
  }
}

export class TableView {
  private rows = new Map<string, ViewRow>();
  /** In scope, by namespace (when shown) and name. */
  private base: ViewRow[] = [];
  /** In scope, in the sort order (the same array as `base` when there is no sort column). */
  private sorted: ViewRow[] = [];
  /** Through the filter (the same array as `sorted` when nothing is filtered). */
  private shown: ViewRow[] = [];
  private ctx: PrintContext;
  private snapshot: ViewRow[] | undefined;
  /** Bumped whenever a row is placed, moved or dropped: an order worked out before is then stale. */
  private version = 0;
  /** Orders worked out for other sorts, kept while no row changes (switching back and forth is free). */
  private readonly orders = new Map<string, { version: number; rows: ViewRow[]; values: SortValue[] }>();

  constructor(
    readonly source: KindRows,
    readonly columns: Column[],
    /** Printer column indexes shown. */
    private readonly visible: number[],
    readonly withNamespace: boolean,
    private readonly scope: ViewScope,
    private sortSpec: ViewSort,
    private filter: ViewFilter,
    ctx: PrintContext,
  ) {
    this.ctx = ctx;
    this.rebuild();
  }

  /** The rows through the filter, in order; the same array as long as nothing changed. */
  rowsShown(): ViewRow[] {
    return (this.snapshot ??= this.shown.slice());
  }

  /** Where the row of `key` is in rowsShown(), or -1: a binary search, not a scan of 150,000 rows. */
  indexOf(key: string): number {
    const row = this.rows.get(key);
    if (!row) return -1;
    const list = this.rowsShown();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareSorted(list[mid], row) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (list[lo] === row) return lo;
    // Not where the order puts it: filtered out (or, defensively, out of order).
    return this.passes(row) ? list.indexOf(row) : -1;
  }

  get total(): number {
    return this.sorted.length;
  }

  visibleCells(entry: Entry): Cell[] {
    const cells = this.visible.map((i) => entry.cells[i]);
    if (this.withNamespace) cells.unshift({ text: entry.obj.metadata.namespace ?? '' });
    return cells;
  }

  refresh(entry: Entry): void {
    this.source.refresh(entry, this.ctx);
  }

  /** Brings the view to the current frame: the changed objects, then a new sort or filter if asked. */
  update(changed: readonly string[], sortSpec: ViewSort, filter: ViewFilter, ctx: PrintContext): void {
    this.ctx = ctx;
    if (changed.length > REBUILD_AFTER) {
      this.sortSpec = sortSpec;
      this.filter = filter;
      this.rebuild();
      return;
    }
    if (changed.length > MERGE_AFTER) this.applyAll(changed);
    else for (const key of changed) this.apply(key);
    if (sortSpec.index !== this.sortSpec.index || sortSpec.descending !== this.sortSpec.descending) {
      this.sortSpec = sortSpec;
      this.filter = filter;
      this.resort();
    } else if (!sameFilter(filter, this.filter)) {
      const narrowing = narrows(this.filter, filter) && this.shown !== this.sorted;
      this.filter = filter;
      this.refilter(narrowing);
    }
  }

  // ---- order ----------------------------------------------------------------------------------

  private readonly compareBase = (a: ViewRow, b: ViewRow): number => {
    const x = a.entry;
    const y = b.entry;
    if (this.withNamespace) {
      const c = compareText(x.namespace, x.namespaceKey, y.namespace, y.namespaceKey);
      if (c) return c;
    }
    return compareText(x.name, x.nameKey, y.name, y.nameKey);
  };

  private readonly compareSorted = (a: ViewRow, b: ViewRow): number => {
    if (this.sortSpec.index >= 0) {
      const c = compareValues(a.sort, b.sort);
      if (c) return this.sortSpec.descending ? -c : c;
    }
    return this.compareBase(a, b);
  };

  /** The visible cell at `index` (NAMESPACE first when shown), without building the row. */
  private cellAt(entry: Entry, index: number): Cell | undefined {
    if (this.withNamespace) return index === 0 ? { text: entry.obj.metadata.namespace ?? '' } : entry.cells[this.visible[index - 1]];
    return entry.cells[this.visible[index]];
  }

  private sortValueOf(entry: Entry): SortValue {
    if (this.sortSpec.index < 0) return { value: '' };
    const cell = this.cellAt(entry, this.sortSpec.index);
    // The NAME cell's key was worked out when the row was rendered.
    if (cell && cell.sort === undefined && cell.text === entry.name) return { value: entry.name, key: entry.nameNumericKey };
    return sortValue(cell?.sort ?? cell?.text ?? '');
  }

  private passes(row: ViewRow): boolean {
    const f = this.filter;
    if (f.labels && !f.labels.matches(row.obj.metadata.labels)) return false;
    if (f.faultsOnly && (row.entry.health === 'ok' || row.entry.health === 'muted')) return false;
    if (f.regex && f.regex.test(row.line()) === f.inverse) return false;
    return true;
  }

  private inScope(obj: KObject): boolean {
    const s = this.scope;
    if (s.namespace !== undefined && (obj.metadata.namespace ?? '') !== s.namespace) return false;
    if (s.ownerUid && !obj.metadata.ownerReferences?.some((r) => r.uid === s.ownerUid)) return false;
    if (s.nodeName !== undefined && obj.spec?.nodeName !== s.nodeName) return false;
    if (s.labelSelector && !s.labelSelector.matches(obj.metadata.labels)) return false;
    if (s.fieldSelector && !s.fieldSelector.matches(obj)) return false;
    return true;
  }

  private newRow(entry: Entry): ViewRow {
    const row = new ViewRow(entry, this);
    row.sort = this.sortValueOf(entry);
    return row;
  }

  // ---- whole-list work ------------------------------------------------------------------------

  private rebuild(): void {
    this.rows = new Map();
    this.orders.clear();
    this.version++;
    const all: ViewRow[] = [];
    for (const entry of this.source.entries.values()) {
      if (!this.inScope(entry.obj)) continue;
      const row = new ViewRow(entry, this);
      this.rows.set(row.key, row);
      all.push(row);
    }
    this.base = all.sort(this.compareBase);
    this.resort();
  }

  /** The filter text of every row, worked out ahead (the first `/` keystroke then only matches). */
  prepareLines(): void {
    for (const row of this.base) row.line();
  }

  /** The sort column changed: rank its values, then a stable sort of the base order by rank. */
  private resort(): void {
    const key = `${this.sortSpec.index}/${this.sortSpec.descending}`;
    const known = this.orders.get(key);
    if (this.sortSpec.index < 0) {
      for (const row of this.base) row.sort = { value: '' };
      this.sorted = this.base;
    } else if (known && known.version === this.version) {
      this.base.forEach((row, i) => (row.sort = known.values[i]));
      this.sorted = known.rows;
    } else {
      const values = this.base.map((row) => (row.sort = this.sortValueOf(row.entry)));
      const order = orderByRank(rankValues(values), this.sortSpec.descending);
      const sorted = new Array<ViewRow>(order.length);
      for (let i = 0; i < order.length; i++) sorted[i] = this.base[order[i]];
      this.sorted = sorted;
      if (this.orders.size >= 4) this.orders.clear();
      this.orders.set(key, { version: this.version, rows: sorted, values });
    }
    this.refilter();
  }

  /**
   * The rows through the filter. A filter that only grows a plain text (`app-7` → `app-77`) can only
   * keep fewer rows: it looks at the rows shown, not at all of them.
   */
  private refilter(narrowing = false): void {
    const f = this.filter;
    const from = narrowing ? this.shown : this.sorted;
    this.shown = f.labels || f.regex || f.faultsOnly ? from.filter((row) => this.passes(row)) : this.sorted;
    this.snapshot = undefined;
  }

  // ---- changed objects -------------------------------------------------------------------------

  /**
   * The old and new row of a changed object; a row that keeps its place in every list (the usual
   * status change) is swapped in, and then there is nothing more to do.
   */
  private change(key: string): { old?: ViewRow; row?: ViewRow } | undefined {
    const old = this.rows.get(key);
    const entry = this.source.entries.get(key);
    const row = entry && this.inScope(entry.obj) ? this.newRow(entry) : undefined;
    if (!old && !row) return undefined;
    this.snapshot = undefined;
    this.version++;
    if (old && row && this.compareSorted(old, row) === 0 && this.passes(old) === this.passes(row)) {
      this.rows.set(key, row);
      replace(this.base, old, row, this.compareBase);
      if (this.sorted !== this.base) replace(this.sorted, old, row, this.compareSorted);
      if (this.shown !== this.sorted && this.passes(row)) replace(this.shown, old, row, this.compareSorted);
      return undefined;
    }
    return { old, row };
  }

  /**
   * Many changes (a busy frame of a large table): the rows that go are dropped and the rows that come
   * are merged in, one pass per list, with the same result as applying them one at a time (a new row
   * after the rows it ties with, new rows that tie in the order they came).
   */
  private applyAll(keys: readonly string[]): void {
    let gone = 0;
    const added: ViewRow[] = [];
    for (const key of keys) {
      const moved = this.change(key);
      if (!moved) continue;
      if (moved.old) {
        this.rows.delete(key);
        moved.old.gone = true;
        gone++;
      }
      if (moved.row) {
        this.rows.set(key, moved.row);
        added.push(moved.row);
      }
    }
    if (!gone && !added.length) return;
    const sortedIsBase = this.sorted === this.base;
    const shownIsSorted = this.shown === this.sorted;
    this.base = merged(this.base, added, this.compareBase);
    this.sorted = sortedIsBase ? this.base : merged(this.sorted, added, this.compareSorted);
    this.shown = shownIsSorted ? this.sorted : merged(this.shown, added.filter((row) => this.passes(row)), this.compareSorted);
  }

  private apply(key: string): void {
    const moved = this.change(key);
    if (!moved) return;
    const { old, row } = moved;
    if (old) {
      this.rows.delete(key);
      remove(this.base, old, this.compareBase);
      if (this.sorted !== this.base) remove(this.sorted, old, this.compareSorted);
      if (this.shown !== this.sorted && this.passes(old)) remove(this.shown, old, this.compareSorted);
    }
    if (row) {
      this.rows.set(key, row);
      this.base.splice(insertionPoint(this.base, row, this.compareBase), 0, row);
      if (this.sorted !== this.base) this.sorted.splice(insertionPoint(this.sorted, row, this.compareSorted), 0, row);
      if (this.shown !== this.sorted && this.passes(row)) this.shown.splice(insertionPoint(this.shown, row, this.compareSorted), 0, row);
    }
  }
}

/**
 * `list` without its rows marked gone, with `added` placed as insertionPoint would place them one by
 * one (a gone row still holds its place in `list`, which is sorted, while the points are found).
 */
function merged(list: ViewRow[], added: readonly ViewRow[], compare: (a: ViewRow, b: ViewRow) => number): ViewRow[] {
  const adds = added.slice().sort(compare); // stable: ties keep their arrival order
  const points = adds.map((row) => insertionPoint(list, row, compare));
  const out = new Array<ViewRow>(list.length + adds.length);
  let at = 0;
  let next = 0;
  for (let i = 0; i < list.length; i++) {
    while (next < adds.length && points[next] === i) out[at++] = adds[next++];
    if (!list[i].gone) out[at++] = list[i];
  }
  while (next < adds.length) out[at++] = adds[next++];
  out.length = at;
  return out;
}

function replace(list: ViewRow[], old: ViewRow, row: ViewRow, compare: (a: ViewRow, b: ViewRow) => number): void {
  const at = indexIn(list, old, compare);
  if (at >= 0) list[at] = row;
}

function remove(list: ViewRow[], old: ViewRow, compare: (a: ViewRow, b: ViewRow) => number): void {
  const at = indexIn(list, old, compare);
  if (at >= 0) list.splice(at, 1);
}

const REGEX_SYNTAX = /[.*+?^${}()|[\]\\]/;

/** `next` can only match rows `previous` matched: both plain texts (not inverted), the new one containing the old. */
function narrows(previous: ViewFilter, next: ViewFilter): boolean {
  if (previous.faultsOnly !== next.faultsOnly || previous.labels || next.labels || !previous.regex || !next.regex) return false;
  if (previous.inverse || next.inverse || REGEX_SYNTAX.test(previous.regex.source) || REGEX_SYNTAX.test(next.regex.source)) return false;
  return next.regex.source.toLowerCase().includes(previous.regex.source.toLowerCase());
}

function sameFilter(a: ViewFilter, b: ViewFilter): boolean {
  return a.faultsOnly === b.faultsOnly && a.text === b.text;
}
