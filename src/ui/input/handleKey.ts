// The one input handler: modes first (prompt, filter, confirm, question), then global keys, then the
// current page's keys. Kept free of React so it can be tested as a plain function.
import { currentPage, type UiState } from '../model/uiState.js';
import { parseCommand, suggest } from '../model/commands.js';
import type { Key, KeyContext, PageKeyHandler } from './keyContext.js';
import { ask, takeAnswer } from './pending.js';
import { editLine } from './textEntry.js';
import { resourceKeys } from './resourceKeys.js';
import { pageKeyHandlers } from './pageKeys.js';

export function handleKey(ctx: KeyContext, input: string, key: Key): void {
  const { state } = ctx;
  switch (state.mode.type) {
    case 'command':
      return commandModeKey(ctx, state, input, key);
    case 'filter':
      return filterModeKey(ctx, state, input, key);
    case 'confirm': {
      const mode = state.mode;
      ctx.dispatch({ type: 'mode', mode: { type: 'normal' } });
      const answer = takeAnswer(mode.actionId);
      if (input === 'y' || input === 'Y') answer?.('y');
      else ctx.flash('cancelled', 'info');
      return;
    }
    case 'input': {
      const mode = state.mode;
      if (key.escape) {
        takeAnswer(mode.actionId);
        ctx.dispatch({ type: 'mode', mode: { type: 'normal' } });
        return ctx.flash('cancelled', 'info');
      }
      if (key.return) {
        ctx.dispatch({ type: 'mode', mode: { type: 'normal' } });
        takeAnswer(mode.actionId)?.(mode.text.trim());
        return;
      }
      const text = editLine(mode.text, input, key);
      if (text !== undefined) ctx.dispatch({ type: 'mode', mode: { ...mode, text } });
      return;
    }
    case 'normal':
      break;
  }
  if (globalKey(ctx, state, input, key)) return;
  const page = currentPage(state);
  const handler: PageKeyHandler | undefined = page.type === 'resources' ? resourceKeys : pageKeyHandlers[page.type];
  if (handler?.(ctx, input, key)) return;
  if (key.escape || input === 'q') {
    if (state.stack.length > 1) ctx.dispatch({ type: 'pop' });
    else if (input === 'q') ctx.flash('at the top: type :q or ctrl-c to quit', 'info');
  }
}

function commandModeKey(ctx: KeyContext, state: UiState, input: string, key: Key): void {
  if (state.mode.type !== 'command') return;
  const mode = state.mode;
  if (key.escape) return ctx.dispatch({ type: 'mode', mode: { type: 'normal' } });
  if (key.tab || key.rightArrow) {
    const s = suggest(mode.text);
    if (s) ctx.dispatch({ type: 'mode', mode: { ...mode, text: s } });
    return;
  }
  if (key.upArrow || key.downArrow) {
    const history = state.commandHistory;
    if (!history.length) return;
    const index = Math.max(-1, Math.min(history.length - 1, mode.historyIndex + (key.upArrow ? 1 : -1)));
    return ctx.dispatch({ type: 'mode', mode: { type: 'command', text: index < 0 ? '' : history[index], historyIndex: index } });
  }
  if (key.return) {
    const text = mode.text.trim();
    ctx.dispatch({ type: 'mode', mode: { type: 'normal' } });
    return runCommand(ctx, state, text);
  }
  const text = editLine(mode.text, input, key);
  if (text !== undefined) ctx.dispatch({ type: 'mode', mode: { ...mode, text } });
}

export function runCommand(ctx: KeyContext, state: UiState, text: string): void {
  if (!text) return;
  const result = parseCommand(text, state.namespace);
  if (result.type === 'quit') return ctx.quit();
  if (result.type === 'error') return ctx.flash(result.message, 'error');
  if (result.type === 'namespace') {
    ctx.dispatch({ type: 'namespace', namespace: result.namespace });
    return ctx.flash(`namespace ${result.namespace ?? 'all'}`, 'info');
  }
  ctx.dispatch({ type: 'open', page: result.page, command: text });
}

function filterModeKey(ctx: KeyContext, state: UiState, input: string, key: Key): void {
  if (state.mode.type !== 'filter') return;
  const mode = state.mode;
  if (key.escape) {
    ctx.dispatch({ type: 'mode', mode: { type: 'normal' } });
    return ctx.dispatch({ type: 'patchPage', patch: { filter: '' } });
  }
  if (key.return) return ctx.dispatch({ type: 'mode', mode: { type: 'normal' } });
  const text = editLine(mode.text, input, key);
  if (text === undefined) return;
  ctx.dispatch({ type: 'mode', mode: { ...mode, text } });
  // The table filters as you type.
  ctx.dispatch({ type: 'patchPage', patch: { filter: text } });
}

function globalKey(ctx: KeyContext, state: UiState, input: string, key: Key): boolean {
  if (key.ctrl && input === 'c') {
    ctx.quit();
    return true;
  }
  if (key.ctrl) return false;
  const page = currentPage(state);
  switch (input) {
    case ':':
      ctx.dispatch({ type: 'mode', mode: { type: 'command', text: '', historyIndex: -1 } });
      return true;
    case '/': {
      const filter = 'filter' in page ? String(page.filter ?? '') : '';
      ctx.dispatch({ type: 'mode', mode: { type: 'filter', text: filter } });
      return true;
    }
    case '?':
      ctx.dispatch({ type: 'push', page: { type: 'help', scroll: 0 } });
      return true;
    case ' ':
      ctx.driver.togglePause();
      ctx.flash(ctx.driver.paused ? 'paused: press . to step one reconcile, space to resume' : `running at ${ctx.driver.speed}x`, 'info');
      return true;
    case '.':
      if (!ctx.driver.paused) ctx.driver.setSpeed(0);
      ctx.flash(ctx.driver.step(), 'info');
      return true;
    case '>':
    case '+':
      ctx.driver.faster();
      ctx.flash(`speed ${ctx.driver.speed}x`, 'info');
      return true;
    case '<':
    case '-':
      ctx.driver.slower();
      ctx.flash(ctx.driver.paused ? 'paused' : `speed ${ctx.driver.speed}x`, 'info');
      return true;
    case '[':
      ctx.dispatch({ type: 'historyBack' });
      return true;
    case ']':
      ctx.dispatch({ type: 'historyForward' });
      return true;
    case '`':
      ctx.dispatch({ type: 'logPane', patch: { visible: !state.logPane.visible, full: false } });
      return true;
    case '~':
      ctx.dispatch({ type: 'logPane', patch: { full: !state.logPane.full, visible: true } });
      return true;
    case '|':
      ask(ctx, 'filter decisions (component or object, empty for all):', state.logPane.filter, (text) => {
        ctx.dispatch({ type: 'logPane', patch: { filter: text, visible: true } });
        ctx.flash(text ? `decision log: only ${text}` : 'decision log: everything', 'info');
      });
      return true;
    case '{':
      // From what is shown, so every press changes the screen even where the height was capped.
      ctx.dispatch({ type: 'logPane', patch: { sized: true, height: Math.max(3, Math.min(state.logPane.height, ctx.view.logPaneRows ?? Infinity) - 2) } });
      return true;
    case '}':
      ctx.dispatch({ type: 'logPane', patch: { sized: true, height: Math.min(40, Math.min(state.logPane.height, ctx.view.logPaneRows ?? Infinity) + 2) } });
      return true;
    case '0':
      if (page.type !== 'resources') return false;
      ctx.dispatch({ type: 'namespace', namespace: undefined });
      ctx.flash('all namespaces', 'info');
      return true;
    default:
      if (/^[1-9]$/.test(input) && page.type === 'resources') {
        const ns = state.favourites[Number(input) - 1];
        if (!ns) {
          ctx.flash(`no favourite namespace ${input} yet: open one with :ns NAME`, 'warn');
          return true;
        }
        ctx.dispatch({ type: 'namespace', namespace: ns });
        ctx.flash(`namespace ${ns}`, 'info');
        return true;
      }
      return false;
  }
}
