// A resource table page: a title `kind(namespace)[count] </filter>`, then the table, or a clear
// "no resources" / filter-matches-nothing state.
import { Box, Text } from 'ink';
import React from 'react';
import type { ResourcePage } from '../model/pages.js';
import type { TableData } from '../model/resourceTable.js';
import { mustKind } from '../../api/kinds.js';
import { crumbOf } from '../model/crumbs.js';
import { Table } from '../components/Table.js';
import { theme } from '../theme.js';

export interface ResourceViewProps {
  page: ResourcePage;
  data: TableData;
  selected: number;
  height: number;
  width: number;
  now: number;
  faultsOnly: boolean;
}

export function resourceTitle(page: ResourcePage, data: TableData, faultsOnly: boolean): string {
  const count = data.rows.length === data.total ? `${data.total}` : `${data.rows.length}/${data.total}`;
  const filter = page.filter ? ` </${page.filter}>` : '';
  return `${crumbOf(page)}[${count}]${filter}${faultsOnly ? ' (faults only)' : ''}`;
}

/** Column headers with the sort direction (↑ ↓) and the column shift-←/→ chose (`*NAME`). */
export function headerColumns(page: ResourcePage, data: TableData): TableData['columns'] {
  const sorted = page.sortColumn ?? (page.kind === 'Event' ? 'LAST SEEN' : 'NAME');
  const descending = page.sortDescending ?? page.kind === 'Event';
  return data.columns.map((c) => {
    let name = c.name;
    if (c.name === page.chosenColumn) name = `*${name}`;
    if (c.name === sorted) name = `${name}${descending ? '↓' : '↑'}`;
    return name === c.name ? c : { ...c, name };
  });
}

/** Why the table is empty, in words: `no deployments in namespace default (press 0 for all namespaces)`. */
export function emptyMessage(page: ResourcePage): string {
  const plural = mustKind(page.kind).plural;
  if (page.scopeLabel) return ` no ${plural} for ${page.scopeLabel}`;
  if (page.namespace) return ` no ${plural} in namespace ${page.namespace} (press 0 for all namespaces)`;
  return ` no ${plural}`;
}

export function ResourceView({ page, data, selected, height, width, now, faultsOnly }: ResourceViewProps) {
  const title = resourceTitle(page, data, faultsOnly);
  const bodyHeight = Math.max(1, height - 2);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        {` ${title} `.padStart(Math.floor((width + title.length + 2) / 2), '─').padEnd(width, '─')}
      </Text>
      {data.rows.length === 0 ? (
        <Text color={theme.dim} wrap="truncate-end">
          {data.total === 0
            ? emptyMessage(page)
            : faultsOnly && !page.filter
              ? ` no faults among ${data.total} ${mustKind(page.kind).plural}; ctrl-z shows them all`
              : ` nothing matches the filter (${data.total} hidden); Esc clears it${faultsOnly ? ', ctrl-z shows more than faults' : ''}`}
        </Text>
      ) : (
        <Table columns={headerColumns(page, data)} rows={data.rows} selected={selected} height={bodyHeight} width={width} now={now} />
      )}
    </Box>
  );
}
