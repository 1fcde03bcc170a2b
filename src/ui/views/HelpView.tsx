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

export function HelpView({ page, scroll, height, width }: { page: Page | undefined; scroll: number; height: number; width: number }) {
  const lines = helpLines(page);
  const start = Math.max(0, Math.min(scroll, lines.length - (height - 1)));
  const keyWidth = Math.min(30, Math.max(...lines.map((l) => l.binding?.key.length ?? 0)) + 4);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.title}>
        {' help (j/k scroll, Esc back) '.padEnd(width, '─')}
      </Text>
      {lines.slice(start, start + height - 1).map((l, i) =>
        l.section ? (
          <Text key={i} bold color={theme.accent} wrap="truncate-end">
            {l.section.toUpperCase()}
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            <Text color={theme.key}>{`  ${l.binding!.key}`.slice(0, keyWidth - 2).padEnd(keyWidth)}</Text>
            {l.binding!.description}
          </Text>
        ),
      )}
    </Box>
  );
}
