// `:xray KIND [ns]`: the tree of each object of a kind and what it owns (Deployment → ReplicaSet →
// Pod → Container, StatefulSet → Pod → PVC → PV, Service → Pods and Endpoints ...), each line with a
// health mark that reads without colour: ✓ healthy, … on its way, ! degraded, ✗ failing, · done.
// Under `--as` it shows what that user may list: the 403 in place of a refused root list, and no
// branch of a kind they may not list.
import { Box, Text } from 'ink';
import React, { useMemo } from 'react';
import { mustKind } from '../../api/kinds.js';
import type { Cluster } from '../../cluster.js';
import { listPermission, listRefusal } from '../../rbac/asUser.js';
import type { UserInfo } from '../../store/admission.js';
import { windowStart } from '../components/Table.js';
import type { ViewInfo } from '../input/keyContext.js';
import type { XrayPage } from '../model/pages.js';
import { buildXray, type XrayRow } from '../model/xrayTree.js';
import { HEALTH_MARK } from '../model/xrayStatus.js';
import { healthColour, theme } from '../theme.js';

export interface XrayViewProps {
  cluster: Cluster;
  page: XrayPage;
  height: number;
  width: number;
  revision: number;
  viewInfo?: ViewInfo;
  user?: UserInfo;
}

export function xrayLine(row: XrayRow): string {
  return `${row.prefix}${HEALTH_MARK[row.health]} ${row.kind} ${row.name}  ${row.status}`;
}

export function XrayView({ cluster, page, height, width, revision, viewInfo, user }: XrayViewProps) {
  const filter = page.filter ?? '';
  const info = mustKind(page.kind);
  const refused = useMemo(() => (user ? listRefusal(cluster.store, user, page.kind, info.namespaced ? page.namespace : undefined) : undefined), [cluster, page.kind, page.namespace, user, revision]);
  const tree = useMemo(
    () => (refused ? { rows: [], roots: 0, omittedRoots: 0 } : buildXray(cluster, page.kind, page.namespace, filter, listPermission(cluster.store, user))),
    [cluster, page.kind, page.namespace, filter, revision, refused, user],
  );
  const rows = tree.rows;
  const bodyHeight = Math.max(1, height - 1 - (tree.omittedRoots ? 1 : 0));
  const selected = Math.max(0, Math.min(page.selected, rows.length - 1));
  if (viewInfo) {
    viewInfo.bodyHeight = bodyHeight;
    viewInfo.contentLines = rows.length;
    viewInfo.xrayRows = rows;
  }
  const scope = info.namespaced ? `(${page.namespace ?? 'all'})` : '';
  const title = ` xray ${info.plural}${scope}[${tree.roots}]${filter ? ` </${filter}>` : ''} `;
  const start = windowStart(selected, rows.length, bodyHeight);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        {title.padEnd(width, '─').slice(0, width)}
      </Text>
      {refused ? (
        <Text wrap="wrap">{refused}</Text>
      ) : rows.length === 0 ? (
        <Text color={theme.dim} wrap="truncate-end">
          {` ${tree.roots ? 'nothing matches the filter; Esc clears it' : `no ${info.plural}${info.namespaced ? ` in ${page.namespace ?? 'any namespace'}` : ''}`}`.slice(0, width)}
        </Text>
      ) : (
        rows.slice(start, start + bodyHeight).map((row, i) => {
          const isSelected = start + i === selected;
          const text = ` ${xrayLine(row)}`.padEnd(width).slice(0, width);
          return (
            <Text key={start + i} inverse={isSelected} color={isSelected ? undefined : healthColour[row.health]} wrap="truncate-end">
              {isSelected ? `>${text.slice(1)}` : text}
            </Text>
          );
        })
      )}
      {tree.omittedRoots ? (
        <Text color={theme.dim} wrap="truncate-end">
          {` … ${tree.omittedRoots} more ${info.plural} not shown: narrow with :xray ${info.singular} NAMESPACE or /`.slice(0, width)}
        </Text>
      ) : null}
    </Box>
  );
}
