// Colours by health, readable on dark and light terminals in 16 colours. Without colour (NO_COLOR,
// TERM=dumb) nothing here shows, so selection is also marked with a `>` and never by colour alone.
import type { Health } from '../printers/columns.js';

export type Colour = 'green' | 'yellow' | 'red' | 'cyan' | 'blue' | 'magenta' | 'gray' | 'white' | undefined;

export const healthColour: Record<Health, Colour> = {
  ok: undefined,
  pending: 'yellow',
  warning: 'yellow',
  error: 'red',
  muted: 'gray',
};

export const theme = {
  title: 'cyan' as Colour,
  accent: 'magenta' as Colour,
  key: 'blue' as Colour,
  dim: 'gray' as Colour,
  flash: { info: 'green', warn: 'yellow', error: 'red' } as Record<'info' | 'warn' | 'error', Colour>,
  component: 'cyan' as Colour,
};
