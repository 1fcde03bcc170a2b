// What a key handler may use: the dashboard state and its dispatch, the cluster (to read), the
// operations layer (to ask for changes), the simulation driver, and what the current view shows.
import type { Key } from 'ink';
import type { XrayRow } from '../model/xrayTree.js';
import type { Cluster } from '../../cluster.js';
import type { ScenarioSession } from '../../scenario/session.js';
import type { SimulationDriver } from '../simDriver.js';
import type { TableRow } from '../model/resourceTable.js';
import type { UiAction } from '../model/uiReducer.js';
import type { UiState } from '../model/uiState.js';

export interface ViewInfo {
  /** Rows of the current resource table, in display order. */
  rows?: TableRow[];
  /** Names of the current table's visible columns. */
  columns?: string[];
  /** Height of the main pane body, for paging. */
  bodyHeight: number;
  /** Lines of content of a scrolling text page, reported by the view as it renders. */
  contentLines?: number;
  /** Rows of decisions the log pane shows now (its height may be capped below the one asked for). */
  logPaneRows?: number;
  /** Rows of the xray tree on screen (what the viewer may list), in display order. */
  xrayRows?: XrayRow[];
}

export interface KeyContext {
  state: UiState;
  dispatch: (action: UiAction) => void;
  cluster: Cluster;
  driver: SimulationDriver;
  /** The scenario being played, if any (the timeline page restarts it). */
  scenario?: ScenarioSession;
  view: ViewInfo;
  flash: (text: string, level?: 'info' | 'warn' | 'error') => void;
  quit: () => void;
  /** Runs an operation that may be refused (RBAC, validation) and flashes its outcome. */
  attempt: (what: () => string | void) => void;
}

export type { Key };

/** Handles a key for one page type; returns true when it used the key. */
export type PageKeyHandler = (ctx: KeyContext, input: string, key: Key) => boolean;
