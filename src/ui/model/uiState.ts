// The dashboard's own state (never cluster state): the page stack, the input mode, the active
// namespace and favourites, toggles, the decision-log pane and the flash line.
import type { Page } from './pages.js';

export type Mode =
  | { type: 'normal' }
  | { type: 'command'; text: string; historyIndex: number }
  | { type: 'filter'; text: string }
  | { type: 'confirm'; message: string; actionId: string }
  | { type: 'input'; prompt: string; text: string; actionId: string };

export interface Flash {
  text: string;
  level: 'info' | 'warn' | 'error';
  at: number;
}

export interface LogPane {
  visible: boolean;
  /** Rows it takes at the bottom of the screen. */
  height: number;
  /** Fills the screen instead of the main pane. */
  full: boolean;
  /** Resized with `{` `}`: the height asked for is kept, beyond the default's third of the screen. */
  sized?: boolean;
  /** `component` or object text the pane is filtered by. */
  filter: string;
}

export interface UiState {
  stack: Page[];
  /** `:` commands run, for `[` and `]`. Each entry is the root page it opened. */
  back: Page[][];
  forward: Page[][];
  commandHistory: string[];
  mode: Mode;
  /** Active namespace; undefined = all namespaces. */
  namespace: string | undefined;
  favourites: string[];
  wide: boolean;
  faultsOnly: boolean;
  logPane: LogPane;
  flash?: Flash;
}

export const MAX_FAVOURITES = 9;

export function currentPage(state: UiState): Page {
  return state.stack[state.stack.length - 1];
}
