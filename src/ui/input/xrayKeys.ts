// Keys of the xray page: move, Enter or d describes the selected object (a container's pod), y its
// YAML, l the logs of a pod or container, w the decisions about it, Esc clears the filter or goes back.
import { isApiError } from '../../api/errors.js';
import type { XrayPage } from '../model/pages.js';
import { currentPage } from '../model/uiState.js';
import { buildXray } from '../model/xrayTree.js';
import type { Key, KeyContext } from './keyContext.js';
import { listMove } from './listMove.js';
import { clearFilter } from './textScroll.js';

export function xrayKeys(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as XrayPage;
  if (clearFilter(ctx, key)) return true;
  const count = ctx.view.contentLines ?? 0;
  const to = listMove(ctx, input, key, page.selected, count);
  if (to !== undefined) {
    ctx.dispatch({ type: 'patchPage', patch: { selected: to } });
    return true;
  }
  const action = key.return ? 'd' : ['d', 'y', 'l', 'w'].find((k) => k === input);
  if (!action) return false;
  // The rows on screen (the view reports them: what the viewer may list); without a view, built here.
  const rows = ctx.view.xrayRows ?? buildXray(ctx.cluster, page.kind, page.namespace, page.filter ?? '').rows;
  const row = rows[Math.max(0, Math.min(page.selected, rows.length - 1))];
  if (!row) return false;
  if (action === 'd' || action === 'y') {
    if (!exists(ctx, row.ref)) return ctx.flash(`${row.kind} ${row.name} does not exist`, 'warn'), true;
    ctx.dispatch({ type: 'push', page: { type: action === 'y' ? 'yaml' : 'describe', ref: row.ref, scroll: 0 } });
    return true;
  }
  if (action === 'l') {
    if (row.ref.kind !== 'Pod') return ctx.flash('logs are for pods and containers', 'warn'), true;
    ctx.dispatch({ type: 'push', page: { type: 'logs', ref: row.ref, container: row.container, previous: false, follow: true, scroll: 0 } });
    return true;
  }
  if (action === 'w') {
    ctx.dispatch({ type: 'push', page: { type: 'decisions', object: row.ref, filter: '', selectedFromEnd: 0 } });
    return true;
  }
  return false;
}

/** Whether the object is there; a read refused under `--as` counts as there (its page shows the 403). */
function exists(ctx: KeyContext, ref: { kind: string; namespace?: string; name: string }): boolean {
  try {
    return Boolean(ctx.cluster.store.get(ref.kind, ref.namespace, ref.name));
  } catch (error) {
    if (isApiError(error, 'Forbidden')) return true;
    throw error;
  }
}
