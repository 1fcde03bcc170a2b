// Plain-text tables as kubectl prints them: upper-case headers, columns left-aligned and separated
// by three spaces, NAMESPACE first when several namespaces are shown.
import { formatAge } from '../api/duration.js';
import type { KObject } from '../api/object.js';
import type { Cell, Column } from './columns.js';
import type { PrintContext, Printer } from './printer.js';

export interface TableOptions {
  wide?: boolean;
  withNamespace?: boolean;
}

export function cellText(cell: Cell, now: number): string {
  return cell.since !== undefined ? formatAge(Math.max(0, now - cell.since)) : cell.text;
}

export function visibleColumns(printer: Printer, wide: boolean): number[] {
  return printer.columns.map((c, i) => (wide || !c.wide ? i : -1)).filter((i) => i >= 0);
}

export function renderTextTable(printer: Printer, objects: KObject[], ctx: PrintContext, options: TableOptions = {}): string {
  const cols = visibleColumns(printer, !!options.wide);
  const header: string[] = [];
  if (options.withNamespace) header.push('NAMESPACE');
  header.push(...cols.map((i) => (printer.columns[i] as Column).name));
  const rows = objects.map((obj) => {
    const cells = printer.row(obj, ctx);
    const out = cols.map((i) => cellText(cells[i], ctx.now));
    if (options.withNamespace) out.unshift(obj.metadata.namespace ?? '');
    return out;
  });
  return formatColumns([header, ...rows]);
}

export function formatColumns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join('').trimEnd()).join('\n');
}
