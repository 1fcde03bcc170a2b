// Keys of the containers page: move, Enter or l for the container's logs, p for its previous
// instance's logs, d and y for the pod's description and YAML.
import type { Pod } from '../../api/types.js';
import { containerNames } from '../model/containerLogs.js';
import type { ContainersPage } from '../model/pages.js';
import { currentPage } from '../model/uiState.js';
import type { Key, KeyContext } from './keyContext.js';
import { listMove } from './listMove.js';

/** Display order of the containers page: init containers first, as the view lists them. */
function displayOrder(pod: Pod | undefined): string[] {
  const init = (pod?.spec?.initContainers ?? []).map((c) => c.name);
  return [...init, ...containerNames(pod).filter((n) => !init.includes(n))];
}

export function containersKeys(ctx: KeyContext, input: string, key: Key): boolean {
  const page = currentPage(ctx.state) as ContainersPage;
  const pod = ctx.cluster.store.get<Pod>('Pod', page.pod.namespace, page.pod.name);
  const names = displayOrder(pod);
  const to = listMove(ctx, input, key, page.selected, names.length);
  if (to !== undefined) {
    ctx.dispatch({ type: 'patchPage', patch: { selected: to } });
    return true;
  }
  const container = names[Math.max(0, Math.min(page.selected, names.length - 1))];
  if ((key.return || input === 'l' || input === 'p') && container) {
    ctx.dispatch({ type: 'push', page: { type: 'logs', ref: page.pod, container, previous: input === 'p', follow: true, scroll: 0 } });
    return true;
  }
  if (input === 'd' || input === 'y') {
    ctx.dispatch({ type: 'push', page: { type: input === 'd' ? 'describe' : 'yaml', ref: page.pod, scroll: 0 } });
    return true;
  }
  return false;
}
