// Keys of the decisions page: move (following the tail at the bottom), Enter toggles details.
import { currentPage } from '../model/uiState.js';
import type { DecisionsPage } from '../model/pages.js';
import { decisionsFor } from '../model/decisionQuery.js';
import type { Key, KeyContext } from './keyContext.js';

export function decisionsKeys(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as DecisionsPage;
  const count = decisionsFor(ctx.cluster, page).length;
  const move = (fromEnd: number) => ctx.dispatch({ type: 'patchPage', patch: { selectedFromEnd: Math.max(0, Math.min(count - 1, fromEnd)), expanded: undefined } });
  if (key.upArrow || input === 'k') return move(page.selectedFromEnd + 1), true;
  if (key.downArrow || input === 'j') return move(page.selectedFromEnd - 1), true;
  if (key.pageUp || (key.ctrl && input === 'b')) return move(page.selectedFromEnd + ctx.view.bodyHeight), true;
  if (key.pageDown || (key.ctrl && input === 'f')) return move(page.selectedFromEnd - ctx.view.bodyHeight), true;
  if (input === 'g') return move(count - 1), true;
  if (input === 'G') return move(0), true;
  if (key.return) {
    ctx.dispatch({ type: 'patchPage', patch: { expanded: page.expanded === undefined ? page.selectedFromEnd : undefined } });
    return true;
  }
  if (key.escape && page.filter) return ctx.dispatch({ type: 'patchPage', patch: { filter: '' } }), true;
  return false;
}
