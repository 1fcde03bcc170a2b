// The decision log beside the cluster: the latest decisions, newest at the bottom, following live.
// Filtered by component or object text; Enter in the log view (`:decisions`) shows details.
import { Box, Text } from 'ink';
import React from 'react';
import type { Decision } from '../../events/decisionLog.js';
import { refName } from '../../events/decisionLog.js';
import { theme } from '../theme.js';

export interface DecisionLineProps {
  decision: Decision;
  startedAt: number;
  width: number;
  selected?: boolean;
}

const COMPONENT_WIDTH = 16;

/** `endpointslice-controller` → `endpointslice`: the pane is narrow; details keep the full name. */
const SHORT_NAMES: Record<string, string> = {
  'default-scheduler': 'scheduler',
  'horizontal-pod-autoscaler': 'hpa',
  'pod-garbage-collector': 'pod-gc',
  'ttl-after-finished-controller': 'ttl-after-finish',
  'persistentvolume-controller': 'pv-binder',
};

/** The component a name the pane shows stands for: `scheduler` → `default-scheduler`, `hpa` → its full name. */
export function fullComponent(name: string): string {
  return Object.entries(SHORT_NAMES).find(([, short]) => short === name)?.[0] ?? name;
}

/** Both names of a component, for matching what the user typed against what the pane shows. */
export function componentNames(component: string): string {
  return `${component} ${SHORT_NAMES[component] ?? ''}`.toLowerCase();
}

export function shortComponent(component: string): string {
  const short = SHORT_NAMES[component] ?? component.replace(/-controller$/, '');
  return short.length > COMPONENT_WIDTH ? short.slice(0, COMPONENT_WIDTH) : short.padEnd(COMPONENT_WIDTH);
}

/** `00:01:05` of simulated time since the cluster started. */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

export function decisionText(d: Decision, startedAt: number): string {
  return `${clockText(d.time - startedAt)} ${shortComponent(d.component)} ${refName(d.object)}  ${d.action}  (${d.reason})`;
}

export function DecisionLine({ decision, startedAt, width, selected }: DecisionLineProps) {
  const t = clockText(decision.time - startedAt);
  if (selected)
    return (
      <Text inverse wrap="truncate-end">
        {`>${decisionText(decision, startedAt)}`.padEnd(width).slice(0, width)}
      </Text>
    );
  return (
    <Text wrap="truncate-end">
      {' '}
      <Text color={theme.dim}>{t}</Text> <Text color={theme.component}>{shortComponent(decision.component)}</Text> <Text bold>{refName(decision.object)}</Text>
      {'  '}
      {decision.action}
      <Text color={theme.dim}>{`  (${decision.reason})`}</Text>
    </Text>
  );
}

export function matchesDecisionFilter(d: Decision, filter: string): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return componentNames(d.component).includes(f) || refName(d.object).toLowerCase().includes(f) || d.object.kind.toLowerCase() === f;
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
