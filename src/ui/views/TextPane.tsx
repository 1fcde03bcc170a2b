// A scrolling pane of text lines: a title with the position, then the lines that fit, each cut to
// the width. Used by describe, YAML and logs. The `/` filter keeps only matching lines (a regex,
// `!regex` keeps the others), so a long description narrows to what you look for.
import { Box, Text } from 'ink';
import React from 'react';
import type { ViewInfo } from '../input/keyContext.js';
import { parseFilter } from '../model/resourceTable.js';
import { theme, type Colour } from '../theme.js';

export interface PaneLine {
  text: string;
  colour?: Colour;
  bold?: boolean;
}

export interface TextPaneProps {
  title: string;
  lines: PaneLine[];
  scroll: number;
  /** Show the end and keep showing it as lines arrive (logs). */
  follow?: boolean;
  filter?: string;
  height: number;
  width: number;
  viewInfo?: ViewInfo;
  /** Shown when there are no lines at all. */
  empty?: string;
  /** Wrap long lines (default) instead of cutting them at the edge. */
  wrap?: boolean;
}

/** Terminal-safe text: tabs become spaces, control characters (and so escape sequences) are dropped. */
export function sanitize(text: string): string {
  return text.replace(/\t/g, '    ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

export function filterLines(lines: PaneLine[], filter: string | undefined): { lines: PaneLine[]; error?: string } {
  const parsed = parseFilter(filter ?? '');
  if (!parsed.regex) return { lines, error: parsed.error };
  const { regex, inverse } = parsed;
  return { lines: lines.filter((l) => regex.test(l.text) !== inverse), error: parsed.error };
}

/**
 * A line as rows of at most `width` characters: breaks at a space where one is near the end, and
 * indents the continuation under the line's own indentation, so wrapped describe fields stay readable.
 */
export function wrapLine(text: string, width: number): string[] {
  if (text.length <= width || width < 8) return [text];
  const indent = ' '.repeat(Math.min(Math.floor(width / 2), (/^ */.exec(text)?.[0].length ?? 0) + 2));
  const rows: string[] = [];
  let rest = text;
  let room = width;
  while (rest.length > room) {
    let cut = rest.lastIndexOf(' ', room);
    if (cut < room / 2) cut = room;
    rows.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
    room = width - indent.length;
  }
  if (rest) rows.push(rows.length ? indent + rest : rest);
  for (let i = 1; i < rows.length - 1; i++) rows[i] = indent + rows[i];
  return rows;
}

/** Where the visible window starts: the end when following, else the scroll clamped to the content. */
export function windowStart(total: number, rows: number, scroll: number, follow: boolean): number {
  const last = Math.max(0, total - rows);
  return follow ? last : Math.max(0, Math.min(scroll, last));
}

export function TextPane({ title, lines: all, scroll, follow, filter, height, width, viewInfo, empty, wrap = true }: TextPaneProps) {
  const { lines: matching, error } = filterLines(all, filter);
  const lines = wrap ? matching.flatMap((l) => wrapLine(l.text, width).map((text) => (text === l.text ? l : { ...l, text }))) : matching;
  const rows = Math.max(1, height - 1);
  const start = windowStart(lines.length, rows, scroll, !!follow);
  if (viewInfo) {
    viewInfo.contentLines = lines.length;
    viewInfo.bodyHeight = rows;
  }
  const end = Math.min(lines.length, start + rows);
  const position = lines.length > rows ? ` ${start + 1}-${end}/${lines.length}` : '';
  const filterText = filter ? ` </${filter}>${matching.length === all.length ? '' : ` ${matching.length} of ${all.length} lines`}` : '';
  const heading = ` ${title}${filterText}${position}${follow ? ' (following)' : ''} `;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        {heading.padEnd(width, '─').slice(0, width)}
      </Text>
      {lines.length === 0 ? (
        <Text color={theme.dim} wrap="truncate-end">
          {` ${error ?? (all.length && filter ? `no line matches ${filter}; Esc clears the filter` : (empty ?? 'nothing to show'))}`.slice(0, width)}
        </Text>
      ) : (
        lines.slice(start, end).map((l, i) => (
          <Text key={start + i} color={l.colour} bold={l.bold} wrap="truncate-end">
            {l.text.slice(0, width) || ' '}
          </Text>
        ))
      )}
    </Box>
  );
}
