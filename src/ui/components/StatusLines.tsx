// The crumbs of the drill-down path and the flash line for messages and errors.
import { Box, Text } from 'ink';
import React from 'react';
import type { Flash } from '../model/uiState.js';
import { theme } from '../theme.js';

export function Crumbs({ crumbs }: { crumbs: string[] }) {
  return (
    <Text wrap="truncate-end">
      {crumbs.map((c, i) => (
        <Text key={i} color={i === crumbs.length - 1 ? theme.title : theme.dim} bold={i === crumbs.length - 1}>
          {i ? ' > ' : ''}
          {c}
        </Text>
      ))}
    </Text>
  );
}

const MAX_FLASH_ROWS = 2;

function flashMark(flash: Flash): string {
  return flash.level === 'error' ? '✗ ' : flash.level === 'warn' ? '! ' : '✓ ';
}

/** Rows the flash needs at this width: one, or two when its text is longer than a row. */
export function flashLineCount(flash: Flash | undefined, width: number): number {
  if (!flash) return 1;
  return flashMark(flash).length + flash.text.length > width ? MAX_FLASH_ROWS : 1;
}

/** Splits text into rows of at most `width` characters, at spaces where it can; the last row is cut by the caller. */
function splitRows(text: string, width: number, rows: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (out.length < rows - 1 && rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > width / 2 ? space : width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

export function FlashLine({ flash, width = 80, rows = 1 }: { flash?: Flash; width?: number; rows?: number }) {
  if (!flash) return <Text> </Text>;
  const lines = splitRows(flashMark(flash) + flash.text, Math.max(1, width), rows);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" color={theme.flash[flash.level]}>
          {i === 0 ? line : `  ${line}`}
        </Text>
      ))}
    </Box>
  );
}
