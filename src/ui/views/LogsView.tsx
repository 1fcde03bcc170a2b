// `l`: a container's logs, following new lines by default (f toggles), scrollable, the previous
// instance with p, another container with c. Re-read (the tail only) whenever the cluster moves.
import React, { useMemo } from 'react';
import type { Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';
import { refName } from '../../events/decisionLog.js';
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
}

export function LogsView({ cluster, page, height, width, revision, viewInfo }: LogsViewProps) {
  const pod = cluster.store.get<Pod>('Pod', page.ref.namespace, page.ref.name);
  const container = page.container ?? defaultContainer(pod);
  const result = useMemo(() => {
    if (!pod) return { lines: [], error: `pods "${page.ref.name}" not found: it was deleted (Esc goes back)` };
    if (!container) return { lines: [], error: 'the pod has no containers' };
    return readContainerLogs(cluster, { namespace: page.ref.namespace ?? 'default', pod: page.ref.name, container, previous: page.previous });
  }, [revision, pod, container, page.previous, cluster, page.ref]);
  const lines = useMemo(() => result.lines.map((l) => ({ text: sanitize(l) })), [result]);
  const others = containerNames(pod).length > 1 ? ' (c: next container)' : '';
  const title = `logs ${refName(page.ref)}${container ? `/${container}` : ''}${page.previous ? ' previous' : ''}${others}`;
  const filter = page.filter;
  const empty = result.error ?? (page.previous ? 'the previous instance printed nothing' : 'no output yet');
  return <TextPane title={title} lines={lines} scroll={page.scroll} follow={page.follow} filter={filter} height={height} width={width} viewInfo={viewInfo} wrap={page.wrap !== false} empty={empty} />;
}
