// Scrolling for text pages (help, describe, YAML, logs): the view clamps `scroll` to its content.
import { currentPage } from '../model/uiState.js';
import type { Key, KeyContext } from './keyContext.js';

export function scrollKeys(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as { scroll?: number };
  if (page.scroll === undefined) return false;
  const pageRows = Math.max(1, ctx.view.bodyHeight - 1);
  const last = Math.max(0, (ctx.view.contentLines ?? Number.MAX_SAFE_INTEGER) - pageRows);
  const to = (scroll: number) => ctx.dispatch({ type: 'patchPage', patch: { scroll: Math.max(0, Math.min(last, scroll)) } });
  if (key.downArrow || input === 'j') return to(page.scroll + 1), true;
  if (key.upArrow || input === 'k') return to(page.scroll - 1), true;
  if (key.pageDown || (key.ctrl && input === 'f')) return to(page.scroll + pageRows), true;
  if (key.pageUp || (key.ctrl && input === 'b')) return to(page.scroll - pageRows), true;
  if (input === 'g') return to(0), true;
  if (input === 'G') return to(last), true;
  return false;
}
