// Enter on a pod: its containers with k9s's columns. Enter or l opens the selected container's logs,
// p its previous instance's logs, d describes the pod. Under `--as` the page is what `kubectl get pod`
// would give that user: refused, the API's 403 in its place.
import { Box, Text } from 'ink';
import React, { useMemo } from 'react';
import type { Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';
import { refName } from '../../events/decisionLog.js';
import { getRefusal } from '../../rbac/asUser.js';
import type { UserInfo } from '../../store/admission.js';
import { Table } from '../components/Table.js';
import type { ViewInfo } from '../input/keyContext.js';
import { CONTAINER_COLUMNS, containerRows } from '../model/containerRows.js';
import type { ContainersPage } from '../model/pages.js';
import { theme } from '../theme.js';

export interface ContainersViewProps {
  cluster: Cluster;
  page: ContainersPage;
  height: number;
  width: number;
  revision: number;
  viewInfo?: ViewInfo;
  user?: UserInfo;
}

export function ContainersView({ cluster, page, height, width, revision, viewInfo, user }: ContainersViewProps) {
  const refused = useMemo(() => (user ? getRefusal(cluster.store, user, 'Pod', page.pod.namespace, page.pod.name) : undefined), [revision, cluster, page.pod, user]);
  const pod = refused ? undefined : cluster.store.get<Pod>('Pod', page.pod.namespace, page.pod.name);
  const rows = useMemo(() => (pod ? containerRows(cluster, pod) : []), [pod, revision, cluster]);
  const selected = Math.max(0, Math.min(page.selected, rows.length - 1));
  const bodyHeight = Math.max(1, height - 2);
  if (viewInfo) {
    viewInfo.bodyHeight = bodyHeight;
    viewInfo.contentLines = rows.length;
  }
  const title = ` containers(${refName(page.pod)})[${rows.length}] `;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        {title.padEnd(width, '─').slice(0, width)}
      </Text>
      {refused ? (
        <Text wrap="wrap">{refused}</Text>
      ) : !pod ? (
        <Text color={theme.dim}>{` pod ${refName(page.pod)} not found: it was deleted (Esc goes back)`.slice(0, width)}</Text>
      ) : (
        <Table columns={CONTAINER_COLUMNS} rows={rows} selected={selected} height={bodyHeight} width={width} now={cluster.clock.now()} />
      )}
    </Box>
  );
}
