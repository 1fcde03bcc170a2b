// The one-line prompt of `:` command mode and `/` filter mode, with the inline suggestion (Tab or →
// accepts it), and of confirmations and questions (delete? replicas?).
import { Text } from 'ink';
import React from 'react';
import type { Mode } from '../model/uiState.js';
import { theme } from '../theme.js';

export function PromptLine({ mode, suggestion, width }: { mode: Mode; suggestion?: string; width: number }) {
  if (mode.type === 'command') {
    const rest = suggestion && suggestion.startsWith(mode.text) ? suggestion.slice(mode.text.length) : '';
    return (
      <Text wrap="truncate-end">
        <Text color={theme.accent} bold>
          {':'}
        </Text>
        {mode.text}
        <Text color={theme.dim}>{rest}</Text>
        <Text inverse> </Text>
        <Text color={theme.dim}>{rest ? '  (Tab completes)' : ''}</Text>
      </Text>
    );
  }
  if (mode.type === 'filter')
    return (
      <Text wrap="truncate-end">
        <Text color={theme.accent} bold>
          {'/'}
        </Text>
        {mode.text}
        <Text inverse> </Text>
        <Text color={theme.dim}>{'  regex, !inverse, -l app=web; Enter keeps, Esc clears'}</Text>
      </Text>
    );
  if (mode.type === 'confirm')
    return (
      <Text wrap="truncate-end" color="yellow" bold>
        {mode.message} [y/N]
      </Text>
    );
  if (mode.type === 'input')
    return (
      <Text wrap="truncate-end">
        <Text color={theme.accent} bold>
          {mode.prompt}{' '}
        </Text>
        {mode.text}
        <Text inverse> </Text>
      </Text>
    );
  return <Text>{' '.repeat(Math.max(0, Math.min(1, width)))}</Text>;
}
