// `:can SUBJECT`: a resources × verbs grid of ✓ (allowed) and ✗ (denied) for an RBAC subject, in the
// active namespace (or cluster-wide with all namespaces), and below it why, for the selected row:
// the binding and rule that granted each verb, or what the authorizer found instead.
import { Box, Text } from 'ink';
import React, { useMemo } from 'react';
import type { Cluster } from '../../cluster.js';
import { windowStart } from '../components/Table.js';
import type { ViewInfo } from '../input/keyContext.js';
import { CAN_VERBS, canMatrix, parseSubject, reasonsOf } from '../model/canMatrix.js';
import type { CanPage } from '../model/pages.js';
import { parseFilter } from '../model/resourceTable.js';
import { theme } from '../theme.js';

export interface CanViewProps {
  cluster: Cluster;
  page: CanPage;
  namespace: string | undefined;
  height: number;
  width: number;
  revision: number;
  viewInfo?: ViewInfo;
}

const RESOURCE_WIDTH = 26;

/** Breaks text into lines of at most `width` characters, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

export function CanView({ cluster, page, namespace, height, width, revision, viewInfo }: CanViewProps) {
  const subject = parseSubject(page.subject);
  const filter = page.filter ?? '';
  const rows = useMemo(
    () => ('error' in subject ? [] : canMatrix(cluster.store, subject, namespace, parseFilter(filter).regex)),
    [cluster, page.subject, namespace, filter, revision],
  );
  const selected = Math.max(0, Math.min(page.selected, rows.length - 1));
  const row = rows[selected];
  const detail = row ? reasonsOf(row).flatMap((r) => wrapText(`${r.allowed ? '✓' : '✗'} ${r.verbs.join(' ')}: ${r.reason}`, width - 2)) : [];
  const detailRows = Math.min(detail.length, Math.max(1, Math.floor((height - 2) / 2)));
  const gridRows = Math.max(1, height - 2 - (detailRows ? detailRows + 1 : 0));
  if (viewInfo) {
    viewInfo.bodyHeight = gridRows;
    viewInfo.contentLines = rows.length;
  }
  const scope = namespace ? `namespace ${namespace}` : 'all namespaces (cluster-wide bindings only)';
  const who = 'error' in subject ? page.subject : subject.label;
  const title = ` can ${who} in ${scope}${filter ? ` </${filter}>` : ''} `;
  const header = ` ${'RESOURCE'.padEnd(RESOURCE_WIDTH)}${CAN_VERBS.map((v) => ` ${v.toUpperCase()}`).join('')}`;
  const start = windowStart(selected, rows.length, gridRows);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        {title.padEnd(width, '─').slice(0, width)}
      </Text>
      {'error' in subject ? (
        <Text color="red" wrap="truncate-end">{` ✗ ${subject.error}`.slice(0, width)}</Text>
      ) : (
        <>
          <Text bold wrap="truncate-end">
            {header.slice(0, width)}
          </Text>
          {rows.slice(start, start + gridRows).map((r, i) => {
            const isSelected = start + i === selected;
            const cells = r.decisions.map((d, j) => ` ${(d.allowed ? '✓' : '✗').padStart(Math.ceil(CAN_VERBS[j].length / 2)).padEnd(CAN_VERBS[j].length)}`).join('');
            const name = `${r.resource}${r.namespaced ? '' : '*'}`.padEnd(RESOURCE_WIDTH).slice(0, RESOURCE_WIDTH);
            const text = ` ${name}${cells}`.padEnd(width).slice(0, width);
            return (
              <Text key={r.resource} inverse={isSelected} wrap="truncate-end">
                {isSelected ? `>${text.slice(1)}` : text}
              </Text>
            );
          })}
          {detailRows ? (
            <>
              <Text color={theme.accent} bold wrap="truncate-end">
                {` why, for ${row!.resource}${row!.namespaced ? '' : ' (cluster-scoped)'}:`.slice(0, width)}
              </Text>
              {detail.slice(0, detailRows).map((line, i) => (
                <Text key={i} wrap="truncate-end" color={line.startsWith('✗') ? theme.dim : undefined}>
                  {` ${line}`.slice(0, width)}
                </Text>
              ))}
            </>
          ) : null}
        </>
      )}
    </Box>
  );
}
