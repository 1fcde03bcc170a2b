// The rendered rows of one kind, kept up to date from the store's watch: each object is rendered
// (printer cells and health) once per version, and a frame learns which objects changed since the
// last one instead of looking at all of them.
import type { KObject } from '../../api/object.js';
import type { Store } from '../../store/store.js';
import type { Cell, Health } from '../../printers/columns.js';
import type { Printer, PrintContext } from '../../printers/printer.js';
import { numericKey, plainKey } from './tableOrder.js';

export interface Entry {
  key: string;
  obj: KObject;
  /** The printer's cells, all columns. */
  cells: Cell[];
  health: Health;
  /** The simulated time the cells were rendered at. */
  renderedAt: number;
  namespace: string;
  name: string;
  namespaceKey?: string;
  nameKey?: string;
  nameNumericKey?: string;
}

/** Kinds with cells that move with time (RESTARTS `(2m ago)`, a job's DURATION): re-rendered when shown. */
export function dependsOnNow(kind: string): boolean {
  return kind === 'Pod' || kind === 'Job';
}

export function entryKey(obj: KObject): string {
  return obj.metadata.uid ?? `${obj.metadata.namespace}/${obj.metadata.name}`;
}

export class KindRows {
  readonly entries = new Map<string, Entry>();
  /** Keys changed since the last sync; undefined until the first one (everything is new then). */
  private changed: Set<string> | undefined;
  private readonly unwatch: () => void;
  readonly timeDependent: boolean;

  constructor(
    private readonly store: Store,
    readonly kind: string,
    readonly printer: Printer,
  ) {
    this.timeDependent = dependsOnNow(kind);
    this.unwatch = store.watch({ kind }, (event) => this.changed?.add(entryKey(event.object)));
  }

  /** Renders what changed since the last call; returns the keys of the objects added, changed or gone. */
  sync(ctx: PrintContext): string[] {
    if (!this.changed) {
      this.changed = new Set();
      for (const obj of this.store.list(this.kind)) this.entries.set(entryKey(obj), this.render(obj, ctx));
      return [...this.entries.keys()];
    }
    if (!this.changed.size) return [];
    const keys = [...this.changed];
    this.changed.clear();
    for (const key of keys) {
      const obj = this.current(key);
      if (!obj) this.entries.delete(key);
      else if (this.entries.get(key)?.obj !== obj) this.entries.set(key, this.render(obj, ctx));
    }
    return keys;
  }

  /** A time-dependent entry rendered again at `ctx.now` (when it is about to be shown). */
  refresh(entry: Entry, ctx: PrintContext): void {
    if (!this.timeDependent || entry.renderedAt === ctx.now) return;
    entry.cells = this.printer.row(entry.obj, ctx);
    entry.health = this.printer.health(entry.obj, ctx);
    entry.renderedAt = ctx.now;
  }

  dispose(): void {
    this.unwatch();
  }

  private current(key: string): KObject | undefined {
    const byUid = this.store.getByUid(key);
    if (byUid) return byUid.kind === this.kind ? byUid : undefined;
    const slash = key.indexOf('/');
    return slash < 0 ? undefined : this.store.get(this.kind, key.slice(0, slash), key.slice(slash + 1));
  }

  private render(obj: KObject, ctx: PrintContext): Entry {
    const namespace = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    return {
      key: entryKey(obj),
      obj,
      cells: this.printer.row(obj, ctx),
      health: this.printer.health(obj, ctx),
      renderedAt: ctx.now,
      namespace,
      name,
      namespaceKey: plainKey(namespace),
      nameKey: plainKey(name),
      nameNumericKey: numericKey(name),
    };
  }
}
