// Scrolling of the text pages (describe, YAML, logs, pulse): the view reports how many lines it has
// and how many fit (viewInfo.contentLines / bodyHeight), so the keys clamp to exactly what shows.
import { currentPage } from '../model/uiState.js';
import type { Key, KeyContext } from './keyContext.js';

/** The last scroll position that still fills the pane. */
export function lastScroll(ctx: KeyContext): number {
  return Math.max(0, (ctx.view.contentLines ?? 0) - Math.max(1, ctx.view.bodyHeight));
}

/** j/k, arrows, ctrl-f/ctrl-b, PageUp/PageDown, g/G and Home/End; returns the new scroll, or undefined. */
export function scrollTarget(ctx: KeyContext, input: string, key: Key, scroll: number): number | undefined {
  const rows = Math.max(1, ctx.view.bodyHeight);
  const last = lastScroll(ctx);
  const from = Math.min(scroll, last);
  let to: number | undefined;
  if (key.downArrow || input === 'j') to = from + 1;
  else if (key.upArrow || input === 'k') to = from - 1;
  else if (key.pageDown || (key.ctrl && input === 'f')) to = from + rows;
  else if (key.pageUp || (key.ctrl && input === 'b')) to = from - rows;
  else if (input === 'g' || (key as { home?: boolean }).home) to = 0;
  else if (input === 'G' || (key as { end?: boolean }).end) to = last;
  return to === undefined ? undefined : Math.max(0, Math.min(last, to));
}

/** Scroll keys for a page with a `scroll` field. */
export function textScroll(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as { scroll?: number };
  if (page.scroll === undefined) return false;
  const to = scrollTarget(ctx, input, key, page.scroll);
  if (to === undefined) return false;
  ctx.dispatch({ type: 'patchPage', patch: { scroll: to } });
  return true;
}

/** Esc on a page whose `/` filter is set clears the filter instead of going back. */
export function clearFilter(ctx: KeyContext, key: Key): boolean {
  const page = currentPage(ctx.state) as { filter?: string };
  if (!key.escape || !page.filter) return false;
  ctx.dispatch({ type: 'patchPage', patch: { filter: '' } });
  return true;
}

/** ctrl-w on a text page: wrap long lines (the default) or cut them at the edge. */
export function toggleWrap(ctx: KeyContext, input: string, key: Key): boolean {
  if (!(key.ctrl && input === 'w')) return false;
  const page = currentPage(ctx.state) as { wrap?: boolean };
  const wrap = page.wrap === false;
  ctx.dispatch({ type: 'patchPage', patch: { wrap, scroll: 0 } });
  ctx.flash(wrap ? 'long lines wrap' : 'long lines are cut at the edge: ctrl-w wraps them again', 'info');
  return true;
}
