// `:decisions` and `w` (why): the control plane's decisions, newest at the bottom, following live
// unless the selection moved up; for one object, its Events come first. Enter shows the details
// of the selected decision (the scheduler's per-node table, the rollout arithmetic).
import { Box, Text } from 'ink';
import React from 'react';
import YAML from 'yaml';
import type { Cluster } from '../../cluster.js';
import { refName } from '../../events/decisionLog.js';
import type { Event } from '../../api/types.js';
import { formatAge } from '../../api/duration.js';
import { DecisionLine } from '../components/DecisionPane.js';
import { isSchedulingDetails, SchedulingTable } from '../components/SchedulingTable.js';
import { decisionsFor } from '../model/decisionQuery.js';
import type { DecisionsPage } from '../model/pages.js';
import { theme } from '../theme.js';

export function objectEvents(cluster: Cluster, page: DecisionsPage): Event[] {
  const ref = page.object;
  if (!ref) return [];
  return cluster.store
    .list<Event>('Event', { namespace: ref.namespace ?? 'default' })
    .filter((e) => e.involvedObject.kind === ref.kind && e.involvedObject.name === ref.name)
    .sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''));
}

export function DecisionsView({ cluster, page, height, width }: { cluster: Cluster; page: DecisionsPage; height: number; width: number }) {
  const decisions = decisionsFor(cluster, page);
  const events = objectEvents(cluster, page).slice(-Math.max(0, Math.floor(height / 3)));
  const now = cluster.clock.now();
  const selectedIndex = Math.max(0, decisions.length - 1 - page.selectedFromEnd);
  const selected = decisions[selectedIndex];
  const detailsText = page.expanded !== undefined && selected?.details !== undefined ? YAML.stringify(selected.details, { lineWidth: 0 }).trimEnd().split('\n') : [];
  const eventRows = events.length ? events.length + 1 : 0;
  // A scheduling table gets what the list can spare (it keeps 4 lines); other details half the page.
  const detailRows = !detailsText.length
    ? 0
    : isSchedulingDetails(selected?.details)
      ? Math.max(6, height - 1 - eventRows - 4)
      : Math.min(detailsText.length + 1, Math.floor(height / 2));
  const listHeight = Math.max(1, height - 1 - eventRows - detailRows);
  const end = Math.min(decisions.length, selectedIndex + 1 + Math.max(0, Math.min(page.selectedFromEnd, listHeight - 1)));
  const start = Math.max(0, end - listHeight);
  const title = `decisions${page.object ? ` about ${page.object.kind} ${refName(page.object)}` : page.component ? ` of ${page.component}` : ''}[${decisions.length}]${page.filter ? ` </${page.filter}>` : ''}${page.selectedFromEnd === 0 ? ' (following)' : ''}`;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        {` ${title} `.padEnd(width, '─')}
      </Text>
      {events.length ? (
        <>
          <Text color={theme.accent} bold>
            {' events'}
          </Text>
          {events.map((e) => (
            <Text key={e.metadata.name} color={e.type === 'Warning' ? 'yellow' : undefined} wrap="truncate-end">
              {`  ${formatAge(now - Date.parse(e.lastTimestamp ?? '')).padStart(5)}  ${(e.type ?? '').padEnd(7)} ${(e.reason ?? '').padEnd(20)} ${e.message}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`}
            </Text>
          ))}
        </>
      ) : null}
      {decisions.length === 0 ? (
        <Text color={theme.dim}>{' no decisions recorded yet'}{page.object ? ' about this object' : ''}</Text>
      ) : (
        decisions.slice(start, end).map((d, i) => <DecisionLine key={d.seq} decision={d} startedAt={cluster.clock.startedAt} width={width} selected={start + i === selectedIndex} />)
      )}
      {detailRows && isSchedulingDetails(selected?.details) ? (
        <Box flexDirection="column">
          <Text color={theme.accent} bold>
            {' scheduling attempt (Enter hides)'}
          </Text>
          <SchedulingTable details={selected.details} height={detailRows - 1} />
        </Box>
      ) : detailRows ? (
        <Box flexDirection="column">
          <Text color={theme.accent} bold>
            {' details (Enter hides)'}
          </Text>
          {detailsText.slice(0, detailRows - 1).map((l, i) => (
            <Text key={i} wrap="truncate-end">{`  ${l}`}</Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
