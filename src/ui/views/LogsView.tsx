// `l`: a container's logs, following new lines by default (f toggles), scrollable, the previous
// instance with p, another container with c. Re-read (the tail only) whenever the cluster moves.
// Under `--as` it needs what `kubectl logs` needs: get the pod, then get its `pods/log` subresource.
import React, { useMemo } from 'react';
import type { Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';
import { refName } from '../../events/decisionLog.js';
import { getRefusal } from '../../rbac/asUser.js';
import type { UserInfo } from '../../store/admission.js';
import type { ViewInfo } from '../input/keyContext.js';
import { containerNames, defaultContainer, readContainerLogs } from '../model/containerLogs.js';
import type { LogsPage } from '../model/pages.js';
import { sanitize, TextPane } from './TextPane.js';

export interface LogsViewProps {
  cluster: Cluster;
  page: LogsPage;
  height: number;
  width: number;
  revision: number;
  viewInfo?: ViewInfo;
  /** `--as`: the user whose RBAC rights decide whether the logs may be read. */
  user?: UserInfo;
}

/** The 403 `kubectl logs` would print (for the pod, else for its log), if the user may not read them. */
export function logsRefusal(cluster: Cluster, page: LogsPage, user: UserInfo | undefined): string | undefined {
  if (!user) return undefined;
  const { namespace, name } = page.ref;
  return getRefusal(cluster.store, user, 'Pod', namespace, name) ?? getRefusal(cluster.store, user, 'Pod', namespace, name, 'log');
}

export function LogsView({ cluster, page, height, width, revision, viewInfo, user }: LogsViewProps) {
  const refused = useMemo(() => logsRefusal(cluster, page, user), [revision, cluster, page.ref, user]);
  const pod = refused ? undefined : cluster.store.get<Pod>('Pod', page.ref.namespace, page.ref.name);
  const container = page.container ?? defaultContainer(pod);
  const result = useMemo(() => {
    if (refused) return { lines: [refused] };
    if (!pod) return { lines: [], error: `pods "${page.ref.name}" not found: it was deleted (Esc goes back)` };
    if (!container) return { lines: [], error: 'the pod has no containers' };
    return readContainerLogs(cluster, { namespace: page.ref.namespace ?? 'default', pod: page.ref.name, container, previous: page.previous });
  }, [revision, pod, container, page.previous, cluster, page.ref, refused]);
  const lines = useMemo(() => result.lines.map((l) => ({ text: sanitize(l) })), [result]);
  const others = containerNames(pod).length > 1 ? ' (c: next container)' : '';
  const title = `logs ${refName(page.ref)}${container ? `/${container}` : ''}${page.previous ? ' previous' : ''}${others}`;
  const filter = page.filter;
  const empty = result.error ?? (page.previous ? 'the previous instance printed nothing' : 'no output yet');
  return <TextPane title={title} lines={lines} scroll={page.scroll} follow={page.follow} filter={filter} height={height} width={width} viewInfo={viewInfo} wrap={page.wrap !== false} empty={empty} />;
}
