// Keys of a resource table: movement, drill-down, describe/YAML/why, sorting and toggles. The
// per-kind actions (delete, scale, edit, logs, ...) live in resourceActions.
import { refOf } from '../../events/decisionLog.js';
import { drillDown } from '../model/drillDown.js';
import type { ResourcePage } from '../model/pages.js';
import { currentPage } from '../model/uiState.js';
import type { Key, KeyContext } from './keyContext.js';
import { resourceActionKeys } from './resourceActions.js';

/** k9s's fixed sort keys: shift + letter → column. */
const SORT_KEYS: Record<string, string[]> = {
  N: ['NAME'],
  A: ['AGE', 'LAST SEEN'],
  S: ['STATUS', 'TYPE'],
  R: ['READY', 'RESTARTS'],
  P: ['NAMESPACE'],
  C: ['CPU', 'CAPACITY', 'COMPLETIONS'],
};

export function resourceKeys(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as ResourcePage;
  const rows = ctx.view.rows ?? [];
  const index = Math.max(0, rows.findIndex((r) => r.key === page.selectedKey));
  const select = (i: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, i));
    ctx.dispatch({ type: 'patchPage', patch: { selectedKey: rows[clamped]?.key } });
  };
  const row = rows[index];
  const page_ = ctx.view.bodyHeight;

  // Plain letters only: ctrl-d (delete) and ctrl-k (kill) are actions, not describe and up.
  const plain = !key.ctrl && !key.meta;
  if (key.downArrow || (plain && input === 'j')) return select(index + 1), true;
  if (key.upArrow || (plain && input === 'k')) return select(index - 1), true;
  if (key.pageDown || (key.ctrl && input === 'f')) return select(index + page_), true;
  if (key.pageUp || (key.ctrl && input === 'b')) return select(index - page_), true;
  if (input === 'g' || (key as { home?: boolean }).home) return select(0), true;
  if (input === 'G' || (key as { end?: boolean }).end) return select(rows.length - 1), true;
  if (key.ctrl && input === 'w') return ctx.dispatch({ type: 'toggleWide' }), true;
  if (key.ctrl && input === 'z') {
    ctx.dispatch({ type: 'toggleFaults' });
    ctx.flash(ctx.state.faultsOnly ? 'showing all rows' : 'faults only: rows that are not healthy', 'info');
    return true;
  }
  if (key.escape && page.filter) return ctx.dispatch({ type: 'patchPage', patch: { filter: '' } }), true;

  if (key.shift && (key.leftArrow || key.rightArrow)) {
    const columns = ctx.view.columns ?? [];
    if (!columns.length) return true;
    const at = columns.indexOf(page.chosenColumn ?? page.sortColumn ?? 'NAME');
    const next = columns[(Math.max(0, at) + (key.rightArrow ? 1 : columns.length - 1)) % columns.length];
    ctx.dispatch({ type: 'patchPage', patch: { chosenColumn: next } });
    ctx.flash(`column ${next}: shift-o sorts by it`, 'info');
    return true;
  }
  const sortColumns = input === 'O' ? (page.chosenColumn ? [page.chosenColumn] : undefined) : SORT_KEYS[input];
  if (input === 'O' && !sortColumns) return ctx.flash('choose a column with shift-← / shift-→ first', 'warn'), true;
  if (sortColumns) {
    const target = pickColumn(ctx, sortColumns);
    if (!target) return ctx.flash(`this view has no ${sortColumns.join(' or ')} column`, 'warn'), true;
    const same = page.sortColumn === target;
    ctx.dispatch({ type: 'patchPage', patch: { sortColumn: target, sortDescending: same ? !page.sortDescending : false } });
    ctx.flash(`sorted by ${target}${same && !page.sortDescending ? ' (descending)' : ''}`, 'info');
    return true;
  }

  if (!row) return resourceActionKeys(ctx, page, undefined, input, key);
  if (key.return) return ctx.dispatch({ type: 'push', page: drillDown(row.obj) }), true;
  if (plain && input === 'd') return ctx.dispatch({ type: 'push', page: { type: 'describe', ref: refOf(row.obj), scroll: 0 } }), true;
  if (plain && input === 'y') return ctx.dispatch({ type: 'push', page: { type: 'yaml', ref: refOf(row.obj), scroll: 0 } }), true;
  if (plain && input === 'w') return ctx.dispatch({ type: 'push', page: { type: 'decisions', object: refOf(row.obj), filter: '', selectedFromEnd: 0 } }), true;
  return resourceActionKeys(ctx, page, row, input, key);
}

/** The first of the candidate columns the current table has. */
function pickColumn(ctx: KeyContext, candidates: string[]): string | undefined {
  const columns = ctx.view.columns ?? [];
  return candidates.find((c) => columns.includes(c));
}
