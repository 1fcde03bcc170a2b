// `:pulse`: the cluster's health over simulated time — pods by phase, ready nodes, CPU and memory
// requested and used, restarts and Warning events per minute, and each HPA's replicas against its
// CPU utilisation. One column per sample (10 s); `!` marks a series worth a look without colour.
import { Box, Text } from 'ink';
import React from 'react';
import { formatDurationShort } from '../../api/duration.js';
import type { Cluster } from '../../cluster.js';
import type { ViewInfo } from '../input/keyContext.js';
import type { SimplePage } from '../model/pages.js';
import { pulseHistoryFor, type PulseHistory } from '../model/pulseHistory.js';
import { pulseRows } from '../model/pulseRows.js';
import { asciiTerminal } from '../model/sparkline.js';
import { theme } from '../theme.js';
import { windowStart } from './TextPane.js';

export interface PulseViewProps {
  cluster: Cluster;
  page: SimplePage;
  height: number;
  width: number;
  revision: number;
  /** The history the dashboard started with the cluster; created on first use otherwise. */
  history?: PulseHistory;
  ascii?: boolean;
  viewInfo?: ViewInfo;
}

const LABEL = 16;
const VALUE = 20;

export function PulseView({ cluster, page, height, width, history, ascii, viewInfo }: PulseViewProps) {
  const source = history ?? pulseHistoryFor(cluster);
  source.poll();
  const samples = source.samples();
  const graphWidth = Math.max(4, width - LABEL - VALUE - 3);
  const rows = pulseRows(samples, graphWidth, ascii ?? asciiTerminal());
  const bodyRows = Math.max(1, height - 1);
  const start = windowStart(rows.length, bodyRows, page.scroll, false);
  if (viewInfo) {
    viewInfo.contentLines = rows.length;
    viewInfo.bodyHeight = bodyRows;
  }
  const shown = samples.slice(-graphWidth);
  const span = shown.length > 1 ? formatDurationShort(shown[shown.length - 1].time - shown[0].time) : '0s';
  const title = ` pulse: last ${span} of simulated time, one column per ${formatDurationShort(source.intervalMs)} `;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        {title.padEnd(width, '─').slice(0, width)}
      </Text>
      {rows.length === 0 ? (
        <Text color={theme.dim}>{' no samples yet: the history fills as simulated time passes'.slice(0, width)}</Text>
      ) : (
        rows.slice(start, start + bodyRows).map((r, i) =>
          r.heading ? (
            <Text key={start + i} bold color={theme.accent} wrap="truncate-end">
              {` ${r.label}`.slice(0, width)}
            </Text>
          ) : (
            <Text key={start + i} wrap="truncate-end">
              {`${r.alert ? '!' : ' '}${r.label.padEnd(LABEL).slice(0, LABEL)}`}
              <Text color={r.alert ? 'yellow' : theme.title}>{r.spark.padEnd(graphWidth)}</Text>
              {`  ${r.value}`.slice(0, VALUE + 1)}
            </Text>
          ),
        )
      )}
    </Box>
  );
}
