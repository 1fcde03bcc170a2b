// Keys of the timeline page: scroll, and R to restart the scenario on a fresh cluster (after a
// confirmation: the cluster as it is now is thrown away).
import { confirm } from './pending.js';
import type { Key, KeyContext } from './keyContext.js';
import { textScroll } from './textScroll.js';

export function timelineKeys(ctx: KeyContext, input: string, key: Key): boolean {
  if (input === 'R' && !key.ctrl && !key.meta) {
    const session = ctx.scenario;
    if (!session) {
      ctx.flash('no scenario to restart: start kubesim with --scenario NAME (see `kubesim scenarios`)', 'warn');
      return true;
    }
    confirm(ctx, `Restart scenario ${session.scenario.name} on a fresh cluster (the current one is thrown away)?`, () => {
      session.restart();
      ctx.flash(`scenario ${session.scenario.name} restarted: a fresh cluster, back at 0s`, 'info');
    });
    return true;
  }
  return textScroll(ctx, input, key);
}
