// The per-kind actions of a resource table (delete, edit, apply, scale, restart, logs, cordon, ...):
// finds the action bound to the key for the selected object's kind and runs it. The bindings live in
// ../actions/registry, which also feeds the help and the header hints.
import type { ResourcePage } from '../model/pages.js';
import type { TableRow } from '../model/resourceTable.js';
import { actionsFor } from '../actions/registry.js';
import { matchesKey } from '../actions/types.js';
import type { Key, KeyContext } from './keyContext.js';

/** `row` is undefined when the table is empty: only table actions (apply) run then. */
export function resourceActionKeys(ctx: KeyContext, page: ResourcePage, row: TableRow | undefined, input: string, key: Key): boolean {
  const action = actionsFor(row?.obj.kind ?? page.kind).find((a) => matchesKey(a.key, input, key));
  if (!action) return false;
  if (action.table) action.run(ctx);
  else if (row) action.run(ctx, row.obj);
  else return false;
  return true;
}
