// The header: cluster name, simulated time and speed (and the rate really reached) and the namespace
// each key 0-9 selects (the current one highlighted, as k9s shows them); node and pod counts, CPU
// and memory requested and used; and the keys of the current view.
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
  /** Favourite namespaces: key 1 selects the first. */
  favourites?: readonly string[];
  hints: Array<[string, string]>;
  width: number;
}

export interface NamespaceKey {
  text: string;
  active: boolean;
}

/** Names are shortened no further than this (with `…`) before whole entries are left out. */
const MIN_NAME = 8;

function clip(name: string, max: number): string {
  return name.length <= max ? name : `${name.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * `<0> all <1> default <2> kube-system` in at most `room` columns: long names are shortened first,
 * then the last entries are left out (a final `…` says so), never the current namespace's.
 */
export function namespaceKeys(favourites: readonly string[], active: string | undefined, room: number): NamespaceKey[] {
  const all = [{ key: '0', name: 'all', active: active === undefined }, ...favourites.map((name, i) => ({ key: String(i + 1), name, active: name === active }))];
  // A current namespace that no key selects is still shown, without a key.
  if (active !== undefined && !favourites.includes(active)) all.splice(1, 0, { key: '', name: active, active: true });
  const render = (entries: typeof all, max: number, more: boolean): NamespaceKey[] => [
    ...entries.map((e) => ({ text: `${e.key ? `<${e.key}> ` : ''}${e.active ? e.name : clip(e.name, max)}`, active: e.active })),
    ...(more ? [{ text: '…', active: false }] : []),
  ];
  const width = (keys: NamespaceKey[]) => keys.reduce((n, k) => n + k.text.length, 0) + Math.max(0, keys.length - 1);
  let max = Math.max(...all.map((e) => e.name.length));
  let keys = render(all, max, false);
  while (width(keys) > room && max > MIN_NAME) keys = render(all, --max, false);
  let kept = all;
  while (width(keys) > room && kept.length > 1) {
    // Leave out the last entry that is not the current namespace.
    let drop = kept.length - 1;
    while (drop > 0 && kept[drop].active) drop--;
    kept = kept.filter((_, i) => i !== drop);
    keys = render(kept, max, true);
  }
  return width(keys) <= room ? keys : [];
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((100 * part) / whole)}%` : '-';
}

/**
 * CPU and memory requested and used, as fully as the line allows: with the amounts, then percentages
 * only, then `requested/used` percentages (so both stay in sight at 80 columns on a busy cluster).
 */
export function resourceText(s: ClusterSummary, room: number): string {
  const cpuReq = percent(s.cpuRequestedMilli, s.cpuAllocatableMilli);
  const cpuUsed = percent(s.cpuUsedMilli, s.cpuAllocatableMilli);
  const memReq = percent(s.memoryRequested, s.memoryAllocatable);
  const memUsed = percent(s.memoryUsed, s.memoryAllocatable);
  const forms = [
    `cpu ${formatCpuMillis(s.cpuRequestedMilli)}/${formatCpuMillis(s.cpuAllocatableMilli)} req ${cpuReq} used ${cpuUsed}  mem ${formatBytesHuman(s.memoryRequested)}/${formatBytesHuman(s.memoryAllocatable)} req ${memReq} used ${memUsed}`,
    `cpu req ${cpuReq} used ${cpuUsed}  mem req ${memReq} used ${memUsed}`,
    `cpu ${cpuReq}/${cpuUsed}  mem ${memReq}/${memUsed} (req/used)`,
    `cpu ${cpuReq}/${cpuUsed}  mem ${memReq}/${memUsed}`,
  ];
  return forms.find((f) => f.length <= room) ?? forms[forms.length - 1];
}

export function Header({ clusterName, elapsedMs, speed, achievedRate, summary: s, namespace, favourites = [], hints, width }: HeaderProps) {
  const speedText = speed === 0 ? 'paused' : `${speed}x${achievedRate > 0 && achievedRate < speed * 0.9 ? ` (reaching ${achievedRate.toFixed(1)}x)` : ''}`;
  const hintText = hints.map(([k, what]) => `<${k}> ${what}`).join('  ');
  const clock = clockText(elapsedMs);
  const speedMark = speed === 0 ? '⏸ ' : '▶ ';
  const counts = `nodes ${s.readyNodes}/${s.nodes}  pods ${s.runningPods}/${s.pods}`;
  const resources = resourceText(s, width - counts.length - 2);
  const used = [clusterName, clock, speedMark + speedText].reduce((n, part) => n + part.length + 2, 0);
  const nsKeys = namespaceKeys(favourites, namespace, width - used);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color={theme.title}>
          {clusterName}
        </Text>
        {'  '}
        <Text>{clock}</Text>
        {'  '}
        <Text color={speed === 0 ? 'yellow' : undefined}>{speedMark}{speedText}</Text>
        {nsKeys.length ? '  ' : ''}
        {nsKeys.map((k, i) => (
          <React.Fragment key={i}>
            {i ? ' ' : ''}
            <Text bold={k.active} color={k.active ? theme.title : theme.key}>
              {k.text}
            </Text>
          </React.Fragment>
        ))}
      </Text>
      <Text wrap="truncate-end">
        {counts}
        {'  '}
        <Text color={theme.dim}>
          {resources}
        </Text>
      </Text>
      <Text wrap="truncate-end" color={theme.key}>
        {hintText}
      </Text>
    </Box>
  );
}
