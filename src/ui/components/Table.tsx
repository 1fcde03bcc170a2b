// A virtualized table: only the rows that fit are turned into text, one <Text> per row (Ink's cost is
// proportional to what is on screen, not to the rows behind it). The selected row is inverse and
// marked with `>` so it stays visible without colour.
import { Box, Text } from 'ink';
import React, { memo } from 'react';
import type { Cell, Column, Health } from '../../printers/columns.js';
import { cellText } from '../../printers/textTable.js';
import { healthColour } from '../theme.js';

export interface TableProps {
  columns: Column[];
  rows: Array<{ key: string; cells: Cell[]; health: Health }>;
  selected: number;
  height: number; // rows of data, not counting the header
  width: number;
  now: number;
}

/** First row to show so that the selection stays in view, centred when possible. */
export function windowStart(selected: number, total: number, height: number): number {
  if (total <= height) return 0;
  const start = selected - Math.floor(height / 2);
  return Math.max(0, Math.min(start, total - height));
}

export const Table = memo(function Table({ columns, rows, selected, height, width, now }: TableProps) {
  const start = windowStart(selected, rows.length, height);
  const slice = rows.slice(start, start + height);
  const texts = slice.map((r) => r.cells.map((c) => cellText(c, now)));
  const widths = columns.map((c) => c.name.length);
  for (const cells of texts) cells.forEach((t, i) => (widths[i] = Math.max(widths[i] ?? 0, t.length)));
  const line = (cells: string[]) => ' ' + cells.map((t, i) => (i === cells.length - 1 ? t : pad(t, widths[i], columns[i]?.align))).join('  ');
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {cut(line(columns.map((c) => c.name)), width)}
      </Text>
      {slice.map((row, i) => {
        const isSelected = start + i === selected;
        // Only the inverse selected row needs padding to the edge: Ink's cost is per character on
        // screen, and trailing spaces are most of a 200-column row.
        const text = isSelected ? fit(line(texts[i]), width) : cut(line(texts[i]), width);
        return (
          <Text key={row.key} inverse={isSelected} color={isSelected ? undefined : healthColour[row.health]} wrap="truncate-end">
            {isSelected ? `>${text.slice(1)}` : text}
          </Text>
        );
      })}
    </Box>
  );
});

function pad(text: string, width: number, align: Column['align']): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

function cut(text: string, width: number): string {
  return text.length > width ? text.slice(0, Math.max(0, width)) : text.trimEnd();
}

function fit(text: string, width: number): string {
  return text.length > width ? text.slice(0, Math.max(0, width)) : text.padEnd(width);
}
