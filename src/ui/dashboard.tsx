// Starts the dashboard in a real terminal: checks that there is one, switches to the alternate
// screen, runs the simulation beside the UI, and restores the terminal on every way out.
import { render } from 'ink';
import React from 'react';
import type { Cluster } from '../cluster.js';
import type { KeyOverrides } from '../config/keyOverrides.js';
import { describeUser } from '../rbac/asUser.js';
import type { UserInfo } from '../store/admission.js';
import type { ThemeName } from '../config/schema.js';
import type { ScenarioSession } from '../scenario/session.js';
import { App } from './App.js';
import { ScreenBridge } from './edit/ScreenBridge.js';
import { resourcePage } from './model/pages.js';
import { pulseHistoryFor, stopPulseHistory } from './model/pulseHistory.js';
import { installFastOutput } from './render/fastOutput.js';
import { initialUiState } from './model/uiReducer.js';
import type { LogPane, UiState } from './model/uiState.js';
import { SimulationDriver, type Speed } from './simDriver.js';
import { enterFullScreen, installExitHandlers, restoreTerminal } from './terminal.js';
import { healthColour, theme } from './theme.js';

export interface DashboardOptions {
  /** The kind the dashboard opens on (default Pod). */
  kind?: string;
  namespace?: string;
  speed?: Speed;
  /** From the preferences: favourite namespaces, the decision pane, colours, rebound keys. */
  favourites?: string[];
  logPane?: Pick<LogPane, 'height' | 'visible'>;
  theme?: ThemeName;
  keyOverrides?: KeyOverrides;
  /** `--as`: act as this user; RBAC checks every action and every list (see src/rbac/asUser.ts). */
  user?: UserInfo;
  /** A scenario being played: the timeline shows it; its restart swaps the cluster under the UI. */
  scenario?: ScenarioSession;
  /** Shown on the status line at start (a preferences file moved aside, a restored cluster). */
  notice?: string;
  /** The last UI state and speed when the dashboard quits (to remember preferences). */
  onExit?: (state: UiState, speed: Speed) => void;
  /** Runs on every way out, signals included, before the process ends (a last save). */
  beforeExit?: () => void;
}

/**
 * How Ink renders the dashboard (the benchmarks render it the same way). Cluster changes already
 * reach the screen at most ten times a second (hooks/useClusterRevision), so Ink's own frame limit
 * only delays keys: at its default 30 fps a key pressed just after a frame waited up to 34 ms.
 */
export const DASHBOARD_RENDER_OPTIONS = { exitOnCtrlC: false, patchConsole: true, maxFps: 120 } as const;

export const NOT_A_TERMINAL =
  'kubesim: the dashboard needs an interactive terminal (stdin and stdout must be a TTY).\n' +
  'To simulate without one, use `kubesim run -f FILE --for 5m -o json`.\n';

export async function runDashboard(cluster: Cluster, options: DashboardOptions = {}): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(NOT_A_TERMINAL);
    return 1;
  }
  if (options.theme === 'light') applyLightPalette();
  let driver = new SimulationDriver(cluster, options.speed ?? 1);
  const uninstall = installExitHandlers(() => {
    driver.stop();
    options.beforeExit?.();
  });
  enterFullScreen();
  driver.start();
  // :pulse graphs the past, so its sampling starts with the dashboard, not when it is first opened.
  let sampled = cluster;
  pulseHistoryFor(sampled);
  const namespace = 'namespace' in options ? options.namespace : 'default';
  const initial = initialUiState(resourcePage(options.kind ?? 'Pod', namespace), {
    namespace,
    ...(options.favourites?.length ? { favourites: options.favourites } : {}),
    ...(options.logPane ? { logPane: { ...options.logPane, full: false, filter: '' } } : {}),
  });
  if (options.notice) initial.flash = { text: options.notice, level: 'warn', at: Date.now() };
  else if (options.user) initial.flash = { text: `acting as ${describeUser(options.user)}: RBAC decides what you may see and do`, level: 'info', at: Date.now() };
  let last: UiState = initial;
  const app = (c: Cluster, d: SimulationDriver, state: UiState, key: number) => (
    <ScreenBridge>
      <App key={key} cluster={c} driver={d} initialState={state} scenario={options.scenario} keyOverrides={options.keyOverrides} user={options.user} onUiState={(s) => (last = s)} />
    </ScreenBridge>
  );
  // The same frames as Ink's own output step, built without repeating the last frame's work
  // (KUBESIM_INK_OUTPUT=ink keeps Ink's own, to compare).
  if (process.env.KUBESIM_INK_OUTPUT !== 'ink') await installFastOutput();
  const instance = render(app(cluster, driver, initial, 0), DASHBOARD_RENDER_OPTIONS);
  // A scenario restart: a fresh cluster and driver (same speed) under the same pages and panes.
  const unsubscribe = options.scenario?.subscribe((next) => {
    const speed = driver.speed;
    driver.stop();
    driver = new SimulationDriver(next, speed);
    driver.start();
    stopPulseHistory(sampled);
    sampled = next;
    pulseHistoryFor(sampled);
    // The restart was answered from a question: the new App starts back in normal mode.
    const flash = { text: `scenario ${options.scenario!.scenario.name} restarted: a fresh cluster, back at 0s`, level: 'info' as const, at: Date.now() };
    instance.rerender(app(next, driver, { ...last, mode: { type: 'normal' }, flash }, options.scenario!.restarts));
  });
  try {
    await instance.waitUntilExit();
  } finally {
    unsubscribe?.();
    stopPulseHistory(sampled);
    driver.stop();
    uninstall();
    restoreTerminal();
  }
  options.onExit?.(last, driver.speed);
  return 0;
}

/** Colours that read on a light background: no yellow or cyan text. */
function applyLightPalette(): void {
  theme.title = 'blue';
  theme.component = 'blue';
  theme.accent = 'magenta';
  theme.flash.warn = 'magenta';
  healthColour.pending = 'magenta';
  healthColour.warning = 'magenta';
}
