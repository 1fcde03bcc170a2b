// Starts the dashboard in a real terminal: checks that there is one, switches to the alternate
// screen, runs the simulation beside the UI, and restores the terminal on every way out.
import { render } from 'ink';
import React from 'react';
import type { Cluster } from '../cluster.js';
import { App } from './App.js';
import { ScreenBridge } from './edit/ScreenBridge.js';
import { resourcePage } from './model/pages.js';
import { initialUiState } from './model/uiReducer.js';
import { SimulationDriver, type Speed } from './simDriver.js';
import { enterFullScreen, installExitHandlers, restoreTerminal } from './terminal.js';

export interface DashboardOptions {
  /** The kind the dashboard opens on (default Pod). */
  kind?: string;
  namespace?: string;
  speed?: Speed;
}

export const NOT_A_TERMINAL =
  'kubesim: the dashboard needs an interactive terminal (stdin and stdout must be a TTY).\n' +
  'To simulate without one, use `kubesim run -f FILE --for 5m -o json`.\n';

export async function runDashboard(cluster: Cluster, options: DashboardOptions = {}): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(NOT_A_TERMINAL);
    return 1;
  }
  const driver = new SimulationDriver(cluster, options.speed ?? 1);
  const uninstall = installExitHandlers(() => driver.stop());
  enterFullScreen();
  driver.start();
  const initial = initialUiState(resourcePage(options.kind ?? 'Pod', options.namespace ?? 'default'), { namespace: options.namespace ?? 'default' });
  const instance = render(
    <ScreenBridge>
      <App cluster={cluster} driver={driver} initialState={initial} />
    </ScreenBridge>,
    { exitOnCtrlC: false, patchConsole: true },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    driver.stop();
    uninstall();
    restoreTerminal();
  }
  return 0;
}
