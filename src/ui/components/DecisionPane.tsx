// The decision log beside the cluster: the latest decisions, newest at the bottom, following live.
// Filtered by component or object text; Enter in the log view (`:decisions`) shows details.
import { Box, Text } from 'ink';
import React from 'react';
import type { Decision } from '../../events/decisionLog.js';
import { refName } from '../../events/decisionLog.js';
import { formatDurationShort } from '../../api/duration.js';
import { theme } from '../theme.js';

export interface DecisionLineProps {
  decision: Decision;
  startedAt: number;
  width: number;
  selected?: boolean;
}

export function decisionText(d: Decision, startedAt: number): string {
  const t = formatDurationShort(d.time - startedAt) || '0s';
  return `${t.padStart(7)} ${d.component.padEnd(22).slice(0, 22)} ${refName(d.object)}  ${d.action}  (${d.reason})`;
}

export function DecisionLine({ decision, startedAt, width, selected }: DecisionLineProps) {
  const t = (formatDurationShort(decision.time - startedAt) || '0s').padStart(7);
  if (selected)
    return (
      <Text inverse wrap="truncate-end">
        {`>${decisionText(decision, startedAt).slice(1)}`.padEnd(width).slice(0, width)}
      </Text>
    );
  return (
    <Text wrap="truncate-end">
      <Text color={theme.dim}>{t}</Text> <Text color={theme.component}>{decision.component.padEnd(22).slice(0, 22)}</Text> <Text bold>{refName(decision.object)}</Text>
      {'  '}
      {decision.action}
      <Text color={theme.dim}>{`  (${decision.reason})`}</Text>
    </Text>
  );
}

export function matchesDecisionFilter(d: Decision, filter: string): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return d.component.toLowerCase().includes(f) || refName(d.object).toLowerCase().includes(f) || d.object.kind.toLowerCase() === f;
}

export function DecisionPane({ decisions, startedAt, height, width, filter }: { decisions: Decision[]; startedAt: number; height: number; width: number; filter: string }) {
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end" color={theme.title} bold>
        {`─ decisions${filter ? ` </${filter}>` : ''} `.padEnd(width, '─').slice(0, width)}
      </Text>
      {decisions.slice(-height).map((d) => (
        <DecisionLine key={d.seq} decision={d} startedAt={startedAt} width={width} />
      ))}
      {decisions.length === 0 ? <Text color={theme.dim}>no decisions yet{filter ? ' matching the filter' : ''}</Text> : null}
    </Box>
  );
}
