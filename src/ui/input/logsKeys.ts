// Keys of the logs page: f follows the end (on by default), scrolling up stops following and G
// follows again, p switches to the previous instance, c to the next container, Esc clears the
// filter and then goes back.
import type { Pod } from '../../api/types.js';
import { containerNames, defaultContainer } from '../model/containerLogs.js';
import type { LogsPage } from '../model/pages.js';
import { currentPage } from '../model/uiState.js';
import type { Key, KeyContext } from './keyContext.js';
import { clearFilter, lastScroll, scrollTarget, toggleWrap } from './textScroll.js';

export function logsKeys(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as LogsPage;
  if (clearFilter(ctx, key) || toggleWrap(ctx, input === 'w' ? 'w' : input, input === 'w' ? { ...key, ctrl: true } : key)) return true;
  if (input === 'f') {
    ctx.dispatch({ type: 'patchPage', patch: { follow: !page.follow, scroll: lastScroll(ctx) } });
    ctx.flash(page.follow ? 'stopped following: f follows again' : 'following new lines', 'info');
    return true;
  }
  if (input === 'p') {
    ctx.dispatch({ type: 'patchPage', patch: { previous: !page.previous, scroll: 0, follow: true } });
    return true;
  }
  if (input === 'c') {
    // Under --as the read can be refused: that is a flash with the API's message, not a key error.
    ctx.attempt(() => {
      const pod = ctx.cluster.store.get<Pod>('Pod', page.ref.namespace, page.ref.name);
      const names = containerNames(pod);
      if (names.length < 2) return ctx.flash('this pod has one container', 'info');
      const current = page.container ?? defaultContainer(pod);
      const next = names[(names.indexOf(current ?? '') + 1) % names.length];
      ctx.dispatch({ type: 'patchPage', patch: { container: next, scroll: 0, follow: true } });
      ctx.flash(`container ${next}`, 'info');
    });
    return true;
  }
  // While following, the view shows the end whatever `scroll` says: start moving from there.
  const from = page.follow ? lastScroll(ctx) : page.scroll;
  const to = scrollTarget(ctx, input, key, from);
  if (to === undefined) return false;
  const atEnd = input === 'G' || Boolean((key as { end?: boolean }).end);
  ctx.dispatch({ type: 'patchPage', patch: { scroll: to, follow: atEnd || (page.follow && to >= lastScroll(ctx)) } });
  return true;
}
