// `?`: every key of the current view and the global ones, from the same keymap the handlers follow.
import { Box, Text } from 'ink';
import React from 'react';
import { GLOBAL_KEYS, PAGE_KEYS, type KeyBinding } from '../keymap.js';
import type { Page } from '../model/pages.js';
import { theme } from '../theme.js';

export function helpLines(page: Page | undefined): Array<{ section?: string; binding?: KeyBinding }> {
  const lines: Array<{ section?: string; binding?: KeyBinding }> = [];
  const pageKeys = page ? (PAGE_KEYS[page.type === 'resources' ? `resources:${page.kind}` : page.type] ?? []) : [];
  const base = page?.type === 'resources' ? (PAGE_KEYS.resources ?? []) : [];
  const add = (section: string, keys: KeyBinding[]) => {
    if (!keys.length) return;
    lines.push({ section });
    for (const binding of keys) lines.push({ binding });
  };
  if (page?.type === 'resources') add(`${page.kind} actions`, pageKeys);
  else add('this view', pageKeys);
  add('tables', base);
  add('everywhere', GLOBAL_KEYS);
  return lines;
}

const KEY_COLUMN = 20;

/** One screen row of help: a section title, or a key (on the first row of its binding) and description text. */
interface HelpRow {
  section?: string;
  key?: string;
  text?: string;
}

/** Splits text into lines at most `width` long, at spaces where it can. */
function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let w = word;
    while (w.length > width) {
      if (line) out.push(line);
      out.push(w.slice(0, width));
      w = w.slice(width);
      line = '';
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line || !out.length) out.push(line);
  return out;
}

/**
 * The help as it is shown at `width`: descriptions wrap under their column rather than being cut
 * (at 80 columns most would lose their end), and a key too long for its column gets a row of its own.
 */
export function helpRows(page: Page | undefined, width: number): HelpRow[] {
  const rows: HelpRow[] = [];
  const textWidth = Math.max(10, width - KEY_COLUMN);
  for (const l of helpLines(page)) {
    if (l.section) {
      rows.push({ section: l.section.toUpperCase() });
      continue;
    }
    const { key, description } = l.binding!;
    const lines = wrapWords(description, textWidth);
    if (key.length + 2 > KEY_COLUMN - 2) rows.push({ key });
    lines.forEach((text, i) => rows.push({ key: i === 0 && key.length + 2 <= KEY_COLUMN - 2 ? key : undefined, text }));
  }
  return rows;
}

export function HelpView({ page, scroll, height, width }: { page: Page | undefined; scroll: number; height: number; width: number }) {
  const rows = helpRows(page, width);
  const start = Math.max(0, Math.min(scroll, rows.length - (height - 1)));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title}>
        {' help (j/k scroll, Esc back) '.padEnd(width, '─')}
      </Text>
      {rows.slice(start, start + height - 1).map((r, i) =>
        r.section ? (
          <Text key={i} bold color={theme.accent} wrap="truncate-end">
            {r.section}
          </Text>
        ) : r.text === undefined ? (
          <Text key={i} color={theme.key} wrap="truncate-end">{`  ${r.key}`}</Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            <Text color={theme.key}>{`  ${r.key ?? ''}`.padEnd(KEY_COLUMN)}</Text>
            {r.text}
          </Text>
        ),
      )}
    </Box>
  );
}
