// The header: cluster name, simulated time and speed (and the rate really reached), node and pod
// counts, CPU and memory requested and used, and the keys of the current view.
import { Box, Text } from 'ink';
import React from 'react';
import { formatBytesHuman, formatCpuMillis } from '../../api/quantity.js';
import { clockText } from './DecisionPane.js';
import type { ClusterSummary } from '../model/clusterSummary.js';
import { theme } from '../theme.js';

export interface HeaderProps {
  clusterName: string;
  elapsedMs: number;
  speed: number;
  achievedRate: number;
  summary: ClusterSummary;
  namespace: string | undefined;
  hints: Array<[string, string]>;
  width: number;
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((100 * part) / whole)}%` : '-';
}

export function Header({ clusterName, elapsedMs, speed, achievedRate, summary: s, namespace, hints, width }: HeaderProps) {
  const speedText = speed === 0 ? 'paused' : `${speed}x${achievedRate > 0 && achievedRate < speed * 0.9 ? ` (reaching ${achievedRate.toFixed(1)}x)` : ''}`;
  const cpu = `cpu ${formatCpuMillis(s.cpuRequestedMilli)}/${formatCpuMillis(s.cpuAllocatableMilli)} req ${percent(s.cpuRequestedMilli, s.cpuAllocatableMilli)}, used ${percent(s.cpuUsedMilli, s.cpuAllocatableMilli)}`;
  const mem = `mem ${formatBytesHuman(s.memoryRequested)}/${formatBytesHuman(s.memoryAllocatable)} req ${percent(s.memoryRequested, s.memoryAllocatable)}, used ${percent(s.memoryUsed, s.memoryAllocatable)}`;
  const hintText = hints.map(([k, what]) => `<${k}> ${what}`).join('  ');
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color={theme.title}>
          {clusterName}
        </Text>
        {'  '}
        <Text>{clockText(elapsedMs)}</Text>
        {'  '}
        <Text color={speed === 0 ? 'yellow' : undefined}>{speed === 0 ? '⏸ ' : '▶ '}{speedText}</Text>
        {'  '}ns:<Text bold>{namespace ?? 'all'}</Text>
        {'  '}nodes {s.readyNodes}/{s.nodes}  pods {s.runningPods}/{s.pods}
      </Text>
      <Text wrap="truncate-end" color={theme.dim}>
        {cpu}  {mem}
      </Text>
      <Text wrap="truncate-end" color={theme.key}>
        {hintText}
      </Text>
    </Box>
  );
}
