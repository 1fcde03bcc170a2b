// Pure state transitions of the dashboard. Keys are turned into these actions by input/; cluster
// changes never pass through here.
import type { Page, ResourcePage } from './pages.js';
import { MAX_FAVOURITES, currentPage, type Flash, type LogPane, type Mode, type UiState } from './uiState.js';

export type UiAction =
  | { type: 'open'; page: Page; command?: string }
  | { type: 'push'; page: Page }
  | { type: 'pop' }
  | { type: 'patchPage'; patch: Partial<Page> }
  | { type: 'historyBack' }
  | { type: 'historyForward' }
  | { type: 'mode'; mode: Mode }
  | { type: 'namespace'; namespace: string | undefined }
  | { type: 'toggleWide' }
  | { type: 'toggleFaults' }
  | { type: 'logPane'; patch: Partial<LogPane> }
  | { type: 'flash'; flash: Flash | undefined };

const MAX_HISTORY = 20;
/** The decision pane's starting height; at this height it also keeps to a third of a small screen. */
export const DEFAULT_LOG_PANE_HEIGHT = 7;

export function initialUiState(root: Page, options: Partial<Pick<UiState, 'namespace' | 'favourites' | 'logPane'>> = {}): UiState {
  return {
    stack: [root],
    back: [],
    forward: [],
    commandHistory: [],
    mode: { type: 'normal' },
    namespace: options.namespace ?? 'default',
    favourites: options.favourites ?? ['default'],
    wide: false,
    faultsOnly: false,
    logPane: options.logPane ?? { visible: true, height: DEFAULT_LOG_PANE_HEIGHT, full: false, filter: '' },
  };
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'open': {
      const history = action.command ? [action.command, ...state.commandHistory.filter((c) => c !== action.command)].slice(0, MAX_HISTORY) : state.commandHistory;
      return { ...state, back: [state.stack, ...state.back].slice(0, MAX_HISTORY), forward: [], stack: [action.page], commandHistory: history, mode: { type: 'normal' } };
    }
    case 'push':
      return { ...state, stack: [...state.stack, action.page] };
    case 'pop':
      return state.stack.length > 1 ? { ...state, stack: state.stack.slice(0, -1) } : state;
    case 'patchPage': {
      const top = { ...currentPage(state), ...action.patch } as Page;
      return { ...state, stack: [...state.stack.slice(0, -1), top] };
    }
    case 'historyBack': {
      const [previous, ...rest] = state.back;
      if (!previous) return state;
      return { ...state, stack: previous, back: rest, forward: [state.stack, ...state.forward] };
    }
    case 'historyForward': {
      const [next, ...rest] = state.forward;
      if (!next) return state;
      return { ...state, stack: next, forward: rest, back: [state.stack, ...state.back] };
    }
    case 'mode':
      return { ...state, mode: action.mode };
    case 'namespace': {
      const ns = action.namespace;
      // A new namespace goes first; one already there keeps its number, so `1`-`9` do not shift under
      // the user each time one of them is pressed.
      const favourites = ns === undefined || state.favourites.includes(ns) ? state.favourites : [ns, ...state.favourites].slice(0, MAX_FAVOURITES);
      // Resource pages follow the active namespace, like k9s.
      const stack = state.stack.map((p) => (p.type === 'resources' && !(p as ResourcePage).scopeLabel ? { ...p, namespace: ns, selectedKey: undefined } : p));
      return { ...state, namespace: ns, favourites, stack };
    }
    case 'toggleWide':
      return { ...state, wide: !state.wide };
    case 'toggleFaults':
      return { ...state, faultsOnly: !state.faultsOnly };
    case 'logPane':
      return { ...state, logPane: { ...state.logPane, ...action.patch } };
    case 'flash':
      return { ...state, flash: action.flash };
  }
}
