// Keys of the `:can` page: move through the resources (the reasons below follow the selection), Esc
// clears the filter or goes back.
import type { CanPage } from '../model/pages.js';
import { currentPage } from '../model/uiState.js';
import type { Key, KeyContext } from './keyContext.js';
import { listMove } from './listMove.js';
import { clearFilter } from './textScroll.js';

export function canKeys(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as CanPage;
  if (clearFilter(ctx, key)) return true;
  const to = listMove(ctx, input, key, page.selected, ctx.view.contentLines ?? 0);
  if (to === undefined) return false;
  ctx.dispatch({ type: 'patchPage', patch: { selected: to } });
  return true;
}
