// The crumbs of the drill-down path and the flash line for messages and errors.
import { Text } from 'ink';
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

export function FlashLine({ flash }: { flash?: Flash }) {
  if (!flash) return <Text> </Text>;
  const mark = flash.level === 'error' ? '✗ ' : flash.level === 'warn' ? '! ' : '✓ ';
  return (
    <Text wrap="truncate-end" color={theme.flash[flash.level]}>
      {mark}
      {flash.text}
    </Text>
  );
}
