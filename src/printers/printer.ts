// A printer turns one kind's objects into table rows, like kubectl's printers: typed columns, one
// row per object, and a health verdict the dashboard colours by.
import type { KObject } from '../api/object.js';
import type { Store } from '../store/store.js';
import type { Cell, Column, Health } from './columns.js';

export interface PrintContext {
  /** Simulated now, epoch ms. */
  now: number;
  store: Store;
}

export interface Printer<T extends KObject = KObject> {
  kind: string;
  columns: Column[];
  row(obj: T, ctx: PrintContext): Cell[];
  health(obj: T, ctx: PrintContext): Health;
}

export function definePrinter<T extends KObject>(printer: Printer<T>): Printer {
  return printer as unknown as Printer;
}
