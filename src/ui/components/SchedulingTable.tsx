// The scheduler's per-node table for one attempt, as a small bordered table (the view
// kube-scheduler-simulator gives): each examined node, the filter that rejected it or its score by
// plugin, and the node chosen. Only the rows that fit are given to the table.
import { Table } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import React from 'react';
import type { SchedulingDetails } from '../../scheduler/decisionTable.js';
import { shortReason } from '../../scheduler/decisionTable.js';
import { theme } from '../theme.js';

/** Short column names for the score plugins, so the table fits 80 columns. */
const PLUGIN_ABBREVIATIONS: Record<string, string> = {
  NodeResourcesFit: 'fit',
  NodeResourcesBalancedAllocation: 'balance',
  TaintToleration: 'taint',
  NodeAffinity: 'affinity',
  InterPodAffinity: 'podaff',
  PodTopologySpread: 'spread',
  ImageLocality: 'image',
};

export function isSchedulingDetails(details: unknown): details is SchedulingDetails {
  const d = details as SchedulingDetails | undefined;
  return !!d && typeof d === 'object' && Array.isArray(d.rows) && typeof d.nodes === 'object' && typeof d.rejected === 'object';
}

type Row = Record<string, string | number>;

export function schedulingRows(details: SchedulingDetails, maxRows: number): { rows: Row[]; hidden: number } {
  const plugins = Object.keys(details.weights ?? {}).filter((p) => !details.skipped?.includes(p));
  const rows = details.rows.slice(0, Math.max(0, maxRows)).map((r) => {
    const row: Row = { node: `${r.chosen ? '*' : ''}${r.node}` };
    if (r.filters === 'passed') {
      row.result = r.final ?? '';
      for (const p of plugins) row[PLUGIN_ABBREVIATIONS[p] ?? p] = r.score?.[p] ?? '';
    } else {
      const failed = Object.entries(r.filters).find(([, verdict]) => verdict !== 'passed');
      row.result = failed ? `${failed[0]}: ${shortReason(failed[1])}` : 'rejected';
      for (const p of plugins) row[PLUGIN_ABBREVIATIONS[p] ?? p] = '';
    }
    return row;
  });
  const omitted = (details.omitted?.feasible ?? 0) + (details.omitted?.rejected ?? 0);
  return { rows, hidden: details.rows.length - rows.length + omitted };
}

export function SchedulingTable({ details, height }: { details: SchedulingDetails; height: number }) {
  // A bordered table costs two lines per row plus three: fit what the pane allows.
  const { rows, hidden } = schedulingRows(details, Math.floor((height - 4) / 2));
  return (
    <Box flexDirection="column">
      <Text color={theme.dim} wrap="truncate-end">
        {`  ${details.nodes.examined} of ${details.nodes.total} nodes examined, ${details.nodes.feasible} feasible${details.chosen ? `; * = chosen (${details.chosen})` : ''}${hidden ? `; ${hidden} more not shown` : ''}`}
      </Text>
      {rows.length ? <Table data={rows} /> : null}
    </Box>
  );
}
