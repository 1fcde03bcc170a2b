// One resource page's rows, kept in order as the cluster changes: the rows in scope sorted by
// namespace and name (the tie-break of every sort), the same rows in the page's sort order, and those
// the filter lets through, all as lists of row slots. A frame applies only the objects that changed
// since the last one (a binary search and, when a row moves, one edit per list: slotLists.ts); a new
// sort orders one column's flat values (columnValues.ts); a new filter is one pass over flat texts
// (viewFilter.ts). At 150,000 pods nothing is rebuilt or re-sorted per frame.
import type { FieldSelector } from '../../api/fields.js';
import type { Selector } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import type { Cell, Column, Health } from '../../printers/columns.js';
import type { PrintContext } from '../../printers/printer.js';
import { BoundedCache } from '../../util/boundedCache.js';
import { ColumnValues } from './columnValues.js';
import { mergeInto, removeSlot, replaceSlot, type Compare } from './slotLists.js';
import { compareText, indexIn, insertionPoint } from './tableOrder.js';
import type { Entry, KindRows } from './tableRows.js';
import { ASCII, narrows, plainNeedle, sameFilter, type ViewFilter } from './viewFilter.js';

export type { ViewFilter } from './viewFilter.js';

export interface ViewScope {
  namespace?: string;
  labelSelector?: Selector;
  fieldSelector?: FieldSelector;
  nodeName?: string;
  ownerUid?: string;
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

/** A row as the table shows it (the TableRow of resourceTable.ts): one version of one object. */
export class ViewRow {
  readonly key: string;
  readonly obj: KObject;

  constructor(
    readonly entry: Entry,
    private readonly view: TableView,
    /** Where the view keeps this row's filter text and sort values (see TableView). */
    readonly slot: number,
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
}

/**
 * Rows are numbered by slot when placed, and the slot indexes flat arrays: the row, its filter text,
 * and one ColumnValues per visible column. The three lists (base, sorted, shown) are arrays of slots,
 * so a new filter reads the texts in order, a new sort reads one column's values, and a busy frame
 * merges small integers; none of them touches 150,000 row objects. A changed object gets a new row
 * in a new slot; the old slot is freed once no list holds it.
 */
export class TableView {
  private rows = new Map<string, ViewRow>();
  private rowAt: (ViewRow | undefined)[] = [];
  /** The visible cells' text of each slot's row, as the `/` filter matches it (lowercased, but see place()). */
  private lineAt: string[] = [];
  /** Slots whose text is not ASCII, kept in its own case. */
  private originalCase = new Set<number>();
  private valuesAt: ColumnValues[] = [];
  private freeSlots: number[] = [];
  /** In scope, by namespace (when shown) and name. */
  private base: number[] = [];
  /** In scope, in the sort order (the same array as `base` when there is no sort column). */
  private sorted: number[] = [];
  /** Through the filter (the same array as `sorted` when nothing is filtered). */
  private shown: number[] = [];
  /** The filter's plain text, lowercased, when it is one (see viewFilter.ts): looked up with includes(). */
  private needle: string | undefined;
  private ctx: PrintContext;
  private snapshot: ViewRow[] | undefined;
  /** Bumped whenever a row is placed, moved or dropped: an order worked out before is then stale. */
  private version = 0;
  /** Orders worked out for other sorts, kept while no row changes (switching back and forth is free). */
  private readonly orders = new BoundedCache<string, { version: number; slots: number[] }>(4);

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
    this.setFilter(filter);
    this.rebuild();
  }

  /** The rows through the filter, in order; the same array as long as nothing changed. */
  rowsShown(): ViewRow[] {
    if (this.snapshot) return this.snapshot;
    // A preallocated loop rather than map(): at 150,000 rows it is a few times faster.
    const shown = this.shown;
    const rows = new Array<ViewRow>(shown.length);
    for (let i = 0; i < shown.length; i++) rows[i] = this.rowAt[shown[i]]!;
    return (this.snapshot = rows);
  }

  /** Where the row of `key` is in rowsShown(), or -1: a binary search, not a scan of 150,000 rows. */
  indexOf(key: string): number {
    const row = this.rows.get(key);
    // A row the filter leaves out is not in the list: no search for it.
    return row && this.passes(row.slot) ? indexIn(this.shown, row.slot, this.compareSorted) : -1;
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
      this.setFilter(filter);
      this.rebuild();
      return;
    }
    if (changed.length > MERGE_AFTER) this.applyAll(changed);
    else for (const key of changed) this.apply(key);
    if (sortSpec.index !== this.sortSpec.index || sortSpec.descending !== this.sortSpec.descending) {
      this.sortSpec = sortSpec;
      this.setFilter(filter);
      this.resort();
    } else if (!sameFilter(filter, this.filter)) {
      const narrowing = narrows(this.filter, filter) && this.shown !== this.sorted;
      this.setFilter(filter);
      this.refilter(narrowing);
    }
  }

  private setFilter(filter: ViewFilter): void {
    this.filter = filter;
    this.needle = filter.regex && plainNeedle(filter.regex);
  }

  // ---- slots ----------------------------------------------------------------------------------

  /** A row for `entry` in a free slot, with its filter text and sort values worked out. */
  private place(entry: Entry): ViewRow {
    const slot = this.freeSlots.pop() ?? this.rowAt.length;
    const row = new ViewRow(entry, this, slot);
    this.rowAt[slot] = row;
    const cells = this.visibleCells(entry);
    const texts = new Array<string>(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      texts[i] = cell?.text ?? '';
      // The NAME cell's key was worked out when the row was rendered.
      if (cell && cell.sort === undefined && cell.text === entry.name) this.valuesAt[i].set(slot, entry.name, entry.nameNumericKey);
      else this.valuesAt[i].set(slot, cell?.sort ?? cell?.text ?? '');
    }
    // Joined, not concatenated: a flat string, which the filter reads without flattening it first.
    // Lowercased when ASCII: the filter is case-insensitive, and a regex with the `i` flag matches an
    // ASCII text exactly as it matches the text lowercased (not so for some other scripts).
    const line = texts.join(' ');
    if (ASCII.test(line)) this.lineAt[slot] = line.toLowerCase();
    else {
      this.lineAt[slot] = line;
      this.originalCase.add(slot);
    }
    return row;
  }

  private free(row: ViewRow): void {
    const slot = row.slot;
    this.rowAt[slot] = undefined;
    this.lineAt[slot] = '';
    this.originalCase.delete(slot);
    for (const values of this.valuesAt) values.clear(slot);
    this.freeSlots.push(slot);
  }

  // ---- order ----------------------------------------------------------------------------------

  private readonly compareBase: Compare = (a, b) => this.compareEntries(this.rowAt[a]!.entry, this.rowAt[b]!.entry);

  private readonly compareEntries = (x: Entry, y: Entry): number => {
    if (this.withNamespace) {
      const c = compareText(x.namespace, x.namespaceKey, y.namespace, y.namespaceKey);
      if (c) return c;
    }
    return compareText(x.name, x.nameKey, y.name, y.nameKey);
  };

  private readonly compareSorted: Compare = (a, b) => {
    if (this.sortSpec.index >= 0) {
      const c = this.valuesAt[this.sortSpec.index].compare(a, b);
      if (c) return this.sortSpec.descending ? -c : c;
    }
    return this.compareBase(a, b);
  };

  private passes(slot: number): boolean {
    const f = this.filter;
    if (f.labels && !f.labels.matches(this.rowAt[slot]!.obj.metadata.labels)) return false;
    if (f.faultsOnly) {
      const health = this.rowAt[slot]!.entry.health;
      if (health === 'ok' || health === 'muted') return false;
    }
    if (f.regex && this.textMatches(slot, f.regex) === f.inverse) return false;
    return true;
  }

  /**
   * The filter's regex against the slot's text; a plain text is looked up with includes(), several
   * times faster than a case-insensitive regex, in the lowercased texts (not in the few kept in their
   * own case).
   */
  private textMatches(slot: number, regex: RegExp): boolean {
    const line = this.lineAt[slot];
    if (this.needle !== undefined && !(this.originalCase.size > 0 && this.originalCase.has(slot))) return line.includes(this.needle);
    return regex.test(line);
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

  // ---- whole-list work ------------------------------------------------------------------------

  private rebuild(): void {
    this.rows = new Map();
    this.rowAt = [];
    this.lineAt = [];
    this.originalCase = new Set();
    this.valuesAt = this.columns.map(() => new ColumnValues());
    this.freeSlots = [];
    this.orders.clear();
    this.version++;
    const entries: Entry[] = [];
    for (const entry of this.source.entries.values()) if (this.inScope(entry.obj)) entries.push(entry);
    // Placed in base order, so slots and the filter texts made with them (which the garbage collector
    // keeps in the order of lineAt) lie in memory roughly as a filter pass reads them.
    entries.sort(this.compareEntries);
    const base = new Array<number>(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const row = this.place(entries[i]);
      this.rows.set(row.key, row);
      base[i] = row.slot;
    }
    this.base = base;
    this.resort();
  }

  /** The sort column changed: rank its values, then a stable sort of the base order by rank. */
  private resort(): void {
    const key = `${this.sortSpec.index}/${this.sortSpec.descending}`;
    const known = this.orders.get(key);
    if (this.sortSpec.index < 0) this.sorted = this.base;
    else if (known && known.version === this.version) this.sorted = known.slots;
    else {
      const order = this.valuesAt[this.sortSpec.index].order(this.base, this.sortSpec.descending);
      const sorted = new Array<number>(order.length);
      for (let i = 0; i < order.length; i++) sorted[i] = this.base[order[i]];
      this.sorted = sorted;
      this.orders.set(key, { version: this.version, slots: sorted });
    }
    this.refilter();
  }

  /**
   * The rows through the filter. A filter that only grows a plain text (`app-7` → `app-77`) can only
   * keep fewer rows: it looks at the rows shown, not at all of them.
   */
  private refilter(narrowing = false): void {
    const f = this.filter;
    if (!f.labels && !f.regex && !f.faultsOnly) this.shown = this.sorted;
    else {
      // One pass over the slots in order (a loop, not filter(): it reads flat arrays and nothing else).
      const from = narrowing ? this.shown : this.sorted;
      const out: number[] = [];
      for (let i = 0; i < from.length; i++) if (this.passes(from[i])) out.push(from[i]);
      this.shown = out;
    }
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
    if (old && entry === old.entry) return undefined; // not re-rendered: nothing this view shows changed
    const row = entry && this.inScope(entry.obj) ? this.place(entry) : undefined;
    if (!old && !row) return undefined;
    this.snapshot = undefined;
    this.version++;
    if (old && row && this.compareSorted(old.slot, row.slot) === 0 && this.passes(old.slot) === this.passes(row.slot)) {
      this.rows.set(key, row);
      replaceSlot(this.base, old.slot, row.slot, this.compareBase);
      if (this.sorted !== this.base) replaceSlot(this.sorted, old.slot, row.slot, this.compareSorted);
      if (this.shown !== this.sorted && this.passes(row.slot)) replaceSlot(this.shown, old.slot, row.slot, this.compareSorted);
      this.free(old);
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
    const leaving: ViewRow[] = [];
    const added: number[] = [];
    for (const key of keys) {
      const moved = this.change(key);
      if (!moved) continue;
      if (moved.old) {
        this.rows.delete(key);
        leaving.push(moved.old);
      }
      if (moved.row) {
        this.rows.set(key, moved.row);
        added.push(moved.row.slot);
      }
    }
    if (!leaving.length && !added.length) return;
    // Edited in place (the lists are the view's own; rowsShown() hands out copies): at 150,000 rows a
    // new array each frame is a megabyte for the garbage collector, every tenth of a second.
    const left = leaving.map((row) => row.slot);
    mergeInto(this.base, added, left, this.compareBase);
    if (this.sorted !== this.base) mergeInto(this.sorted, added, left, this.compareSorted);
    if (this.shown !== this.sorted) {
      const through = (slot: number) => this.passes(slot);
      mergeInto(this.shown, added.filter(through), left.filter(through), this.compareSorted);
    }
    for (const old of leaving) this.free(old);
  }

  private apply(key: string): void {
    const moved = this.change(key);
    if (!moved) return;
    const { old, row } = moved;
    if (old) {
      this.rows.delete(key);
      removeSlot(this.base, old.slot, this.compareBase);
      if (this.sorted !== this.base) removeSlot(this.sorted, old.slot, this.compareSorted);
      if (this.shown !== this.sorted && this.passes(old.slot)) removeSlot(this.shown, old.slot, this.compareSorted);
      this.free(old);
    }
    if (row) {
      const slot = row.slot;
      this.rows.set(key, row);
      this.base.splice(insertionPoint(this.base, slot, this.compareBase), 0, slot);
      if (this.sorted !== this.base) this.sorted.splice(insertionPoint(this.sorted, slot, this.compareSorted), 0, slot);
      if (this.shown !== this.sorted && this.passes(slot)) this.shown.splice(insertionPoint(this.shown, slot, this.compareSorted), 0, slot);
    }
  }
}
