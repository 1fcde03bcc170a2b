// The dashboard: header, the current page, the decision-log pane, crumbs and the status line.
// One stable input handler routes every key (see input/handleKey); cluster changes re-render at
// most once per frame (hooks/useClusterRevision); the frame is always shorter than the terminal.
import { Box, useApp, useInput, useStdin } from 'ink';
import React, { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Cluster } from '../cluster.js';
import type { KeyOverrides } from '../config/keyOverrides.js';
import type { ScenarioSession } from '../scenario/session.js';
import { clusterAs, listRefusal } from '../rbac/asUser.js';
import type { UserInfo } from '../store/admission.js';
import { Header } from './components/Header.js';
import { DecisionPane, matchesDecisionFilter } from './components/DecisionPane.js';
import { PromptLine } from './components/PromptLine.js';
import { Crumbs, FlashLine, flashLineCount } from './components/StatusLines.js';
import { useClusterRevision } from './hooks/useClusterRevision.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { handleKey } from './input/handleKey.js';
import { splitKeys } from './input/keyChunks.js';
import type { KeyContext, ViewInfo } from './input/keyContext.js';
import { summarizeCluster } from './model/clusterSummary.js';
import { suggest } from './model/commands.js';
import { crumbOf } from './model/crumbs.js';
import type { ResourcePage } from './model/pages.js';
import { indexOfRow, ResourceTableModel, type TableData } from './model/resourceTable.js';
import { DEFAULT_LOG_PANE_HEIGHT, uiReducer, type UiAction } from './model/uiReducer.js';
import { currentPage, type UiState } from './model/uiState.js';
import { GLOBAL_KEYS, PAGE_KEYS } from './keymap.js';
import type { SimulationDriver } from './simDriver.js';
import { ResourceView } from './views/ResourceView.js';
import { PageView } from './views/PageView.js';

export interface AppProps {
  cluster: Cluster;
  driver: SimulationDriver;
  initialState: UiState;
  onQuit?: () => void;
  /** The scenario being played: the timeline page shows it, `R` there restarts it. */
  scenario?: ScenarioSession;
  /** Preferences' rebound keys (tmux clashes), translated outside text entry. */
  keyOverrides?: KeyOverrides;
  /** Every new UI state (the dashboard keeps the last to remember preferences and survive a restart). */
  onUiState?: (state: UiState) => void;
  /** `--as`: the user whose RBAC rights every action and every table is checked against. */
  user?: UserInfo;
  /** Told of anything a key handler threw (it is shown in the flash line; tests treat it as a bug). */
  onKeyError?: (error: unknown) => void;
}

const HEADER_ROWS = 3;
/** How long a flash stays (wall-clock: it is read by a person, whatever the simulation speed). */
const FLASH_INFO_MS = 6000;
const FLASH_WARN_MS = 15000;
/** Below this many rows the header and the decision pane give their room to the page. */
const COMPACT_ROWS = 12;
/** Below this many rows the crumbs go too: what is left is the page and the status line. */
const TINY_ROWS = 8;

export function App({ cluster, driver, initialState, onQuit, scenario, keyOverrides, onUiState, user, onKeyError }: AppProps) {
  // The ref is the truth and is updated synchronously: a second key arriving before the next
  // render must see the first key's effect (two quick `j`s move two rows; fast typing loses nothing).
  const stateRef = useRef(initialState);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const dispatch = useCallback((action: UiAction) => {
    stateRef.current = uiReducer(stateRef.current, action);
    rerender();
  }, []);
  const state = stateRef.current;
  useEffect(() => {
    onUiState?.(state); // an effect may return only a cleanup function, never the callback's value
  }, [state]);
  // A flash is news, as in k9s: it goes after a while (errors and warnings stay longer), so a message
  // about an earlier view does not linger under a later one.
  useEffect(() => {
    const shown = state.flash;
    if (!shown) return;
    const timer = setTimeout(() => {
      if (stateRef.current.flash === shown) dispatch({ type: 'flash', flash: undefined });
    }, shown.level === 'info' ? FLASH_INFO_MS : FLASH_WARN_MS);
    timer.unref?.();
    return () => clearTimeout(timer);
  }, [state.flash]);
  const revision = useClusterRevision(cluster);
  const { columns: width, rows } = useTerminalSize();
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const tableModel = useRef(new ResourceTableModel()).current;
  const page = currentPage(state);

  const tableData: TableData | undefined = useMemo(() => {
    if (page.type !== 'resources') return undefined;
    const data = tableModel.build(cluster, page, { wide: state.wide, faultsOnly: state.faultsOnly });
    // Under --as, a list the user may not make shows nothing but the API's refusal.
    const refused = user ? listRefusal(cluster.store, user, page.kind, page.namespace) : undefined;
    return refused ? { ...data, rows: [], total: 0, filterError: refused } : data;
  }, [revision, page, state.wide, state.faultsOnly, cluster, tableModel, user]);
  // What the status line shows: the last message, else a problem with the table (a bad filter, a refusal).
  const flash = state.flash ?? (tableData?.filterError ? { text: tableData.filterError, level: 'warn' as const, at: 0 } : undefined);

  // Layout: the whole frame stays at most rows - 1 high (Ink clears the screen otherwise).
  // A long flash (an action's outcome, a located error) takes a second row rather than being cut off.
  // A terminal too small for everything (20x5) keeps the page and the status line, in that order.
  const compact = rows < COMPACT_ROWS;
  const headerRows = compact ? 0 : HEADER_ROWS;
  const crumbRows = rows < TINY_ROWS ? 0 : 1;
  const flashRows = state.mode.type === 'normal' && !compact ? flashLineCount(flash, width) : 1;
  const available = Math.max(0, rows - 1 - headerRows - crumbRows - flashRows);
  const pane = state.logPane;
  // At its default height the pane takes no more than a third of a small screen (the table is what
  // the user drives); resized with `{` `}` or in the preferences, it takes what was asked, leaving
  // the table four rows.
  const thirdCap = pane.sized || pane.height !== DEFAULT_LOG_PANE_HEIGHT ? Infinity : Math.max(3, Math.floor(available / 3));
  const paneHeight = !pane.visible ? 0 : pane.full ? available : compact ? 0 : Math.min(pane.height + 1, Math.max(0, available - 4), thirdCap);
  const mainHeight = available - paneHeight;

  const selected = tableData ? Math.max(0, indexOfRow(tableData, (page as ResourcePage).selectedKey)) : 0;
  const summary = useMemo(() => summarizeCluster(cluster), [revision, cluster]);
  const decisions = useMemo(
    () => (paneHeight > 1 ? cluster.decisions.query({ limit: 2000 }).filter((d) => matchesDecisionFilter(d, pane.filter)).slice(-(paneHeight - 1)) : []),
    [revision, paneHeight, pane.filter, cluster],
  );

  const viewRef = useRef<ViewInfo>({ bodyHeight: 1 });
  viewRef.current = { rows: tableData?.rows, columns: tableData?.columns.map((c) => c.name), bodyHeight: Math.max(1, mainHeight - (page.type === 'resources' ? 2 : 1)), logPaneRows: paneHeight > 0 && !pane.full ? paneHeight - 1 : undefined };

  const quit = useCallback(() => {
    onQuit?.();
    exit();
  }, []);
  // Key handlers ask for changes through this: under --as, every request is authorized first.
  const actingCluster = useMemo(() => clusterAs(cluster, user), [cluster, user]);
  const onKey = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    // Several presses may arrive as one input (see keyChunks): each is handled against the state the
    // one before it left.
    for (const [i, k] of splitKeys(input, key, () => stateRef.current.mode.type !== 'normal')) onePress(i, k);
  }, []);
  const onePress = (input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    const flash = (text: string, level: 'info' | 'warn' | 'error' = 'info') => dispatch({ type: 'flash', flash: { text, level, at: Date.now() } });
    const ctx: KeyContext = {
      state: stateRef.current,
      dispatch,
      cluster: actingCluster,
      driver,
      scenario,
      view: viewRef.current,
      flash,
      quit,
      attempt: (what) => {
        try {
          const message = what();
          if (message) flash(message, 'info');
        } catch (error) {
          flash(error instanceof Error ? error.message : String(error), 'error');
        }
      },
    };
    const [i, k] = keyOverrides && stateRef.current.mode.type === 'normal' ? keyOverrides.translate(input, key) : [input, key];
    try {
      handleKey(ctx, i, k);
    } catch (error) {
      // A key must never take the dashboard down: whatever a handler threw is shown, on one line.
      onKeyError?.(error);
      flash((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '', 'error');
    }
  };
  useInput(onKey, { isActive: Boolean(isRawModeSupported) });

  const kindKeys = page.type === 'resources' ? (PAGE_KEYS[`resources:${page.kind}`] ?? []) : [];
  const hints: Array<[string, string]> = [...(PAGE_KEYS[page.type] ?? []), ...kindKeys, ...GLOBAL_KEYS]
    .filter((k) => k.hint)
    .map((k) => [k.key, k.key === 'space' && driver.paused ? 'resume' : k.hint!]);
  const crumbs = state.stack.map(crumbOf);
  const now = cluster.clock.now();

  return (
    <Box flexDirection="column" width={width}>
      {headerRows > 0 ? (
        <Header
          clusterName={cluster.name}
          elapsedMs={now - cluster.clock.startedAt}
          speed={driver.speed}
          achievedRate={driver.achievedRate}
          summary={summary}
          namespace={state.namespace}
          favourites={state.favourites}
          hints={hints}
          width={width}
        />
      ) : null}
      {mainHeight > 0 ? (
        page.type === 'resources' && tableData ? (
          <ResourceView page={page} data={tableData} selected={selected} height={mainHeight} width={width} now={now} faultsOnly={state.faultsOnly} />
        ) : (
          <PageView cluster={cluster} page={page} state={state} dispatch={dispatch} height={mainHeight} width={width} revision={revision} viewInfo={viewRef.current} scenario={scenario} user={user} />
        )
      ) : null}
      {paneHeight > 0 ? <DecisionPane decisions={decisions} startedAt={cluster.clock.startedAt} height={paneHeight - 1} width={width} filter={pane.filter} /> : null}
      {crumbRows > 0 ? <Crumbs crumbs={crumbs} /> : null}
      {state.mode.type === 'normal' ? <FlashLine flash={flash} width={width} rows={flashRows} /> : <PromptLine mode={state.mode} suggestion={state.mode.type === 'command' ? suggest(state.mode.text) : undefined} width={width} />}
    </Box>
  );
}
