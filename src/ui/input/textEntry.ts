// Line editing shared by the prompts: printable text appends (a paste arrives as one chunk),
// Backspace (which Ink 6 reports as `delete`) removes, ctrl-u clears, ctrl-w removes a word.
import type { Key } from 'ink';

export function editLine(text: string, input: string, key: Key): string | undefined {
  if (key.backspace || key.delete) return text.slice(0, -1);
  if (key.ctrl && input === 'u') return '';
  if (key.ctrl && input === 'w') return text.replace(/\S+\s*$/, '');
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.return || key.escape) return undefined;
  // Control characters from odd terminals or pastes never enter a prompt.
  const clean = input.replace(/[\x00-\x1f\x7f]/g, '');
  return clean ? text + clean : undefined;
}
