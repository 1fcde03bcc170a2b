// Keys of the describe and YAML pages: scroll, Esc clears the `/` filter, `x` shows a Secret's values
// (and hides them again), `w` the decisions about the object, and `y` / `d` switch between YAML and
// describe of the same object.
import type { TextPage } from '../model/pages.js';
import { currentPage } from '../model/uiState.js';
import type { Key, KeyContext } from './keyContext.js';
import { clearFilter, textScroll, toggleWrap } from './textScroll.js';

export function textPageKeys(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as TextPage;
  if (clearFilter(ctx, key) || toggleWrap(ctx, input, key) || textScroll(ctx, input, key)) return true;
  if (input === 'x' && page.ref.kind === 'Secret') {
    ctx.dispatch({ type: 'patchPage', patch: { decoded: !page.decoded } });
    ctx.flash(page.decoded ? 'secret values hidden' : 'secret values shown decoded: x hides them', page.decoded ? 'info' : 'warn');
    return true;
  }
  if (input === 'w') {
    ctx.dispatch({ type: 'push', page: { type: 'decisions', object: page.ref, filter: '', selectedFromEnd: 0 } });
    return true;
  }
  const other = input === 'y' ? 'yaml' : input === 'd' ? 'describe' : undefined;
  if (other && other !== page.type) {
    // Replace rather than stack: y and d toggle between two views of one object.
    ctx.dispatch({ type: 'pop' });
    ctx.dispatch({ type: 'push', page: { type: other, ref: page.ref, scroll: 0, decoded: page.decoded } });
    return true;
  }
  return false;
}
