// The real dashboard (App, the simulation driver, Ink's normal throttled renderer) in a fake
// terminal, driven key by key: each press is timed from the key arriving to the first frame that
// shows its effect.
import { render, type Instance } from 'ink';
import React from 'react';
import type { Cluster } from '../../src/cluster.js';
import { App } from '../../src/ui/App.js';
import { DASHBOARD_RENDER_OPTIONS } from '../../src/ui/dashboard.js';
import { resourcePage } from '../../src/ui/model/pages.js';
import { initialUiState } from '../../src/ui/model/uiReducer.js';
import { installFastOutput } from '../../src/ui/render/fastOutput.js';
import { currentPage, type UiState } from '../../src/ui/model/uiState.js';
import { SimulationDriver, type Speed } from '../../src/ui/simDriver.js';
import { FakeStdin, FakeStdout, type Frame } from './fakeTerminal.js';

export interface OpenOptions {
  columns: number;
  rows: number;
  speed: Speed;
  kind?: string;
  /** undefined: all namespaces. */
  namespace?: string;
}

/** The line of the selected row (the table marks it with `>`). */
export function selectedLine(frame: Frame | undefined): string | undefined {
  return frame?.lines.find((l) => l.startsWith('>'));
}

/** The table's title (`pods(all)[150000] </app-7>`), the line that carries the row count. */
export function titleLine(frame: Frame | undefined): string | undefined {
  return frame?.lines.find((l) => /\[\d+(\/\d+)?\]/.test(l) && l.includes('─'));
}

/** The rows on screen: the lines after the title's column header that start with a space or `>`. */
export function tableRows(frame: Frame | undefined): string[] {
  if (!frame) return [];
  const title = frame.lines.findIndex((l) => /\[\d+(\/\d+)?\]/.test(l) && l.includes('─'));
  if (title < 0) return [];
  const out: string[] = [];
  for (const line of frame.lines.slice(title + 2)) {
    if (!line.startsWith(' ') && !line.startsWith('>')) break;
    out.push(line);
  }
  return out;
}

export class Dashboard {
  readonly stdout: FakeStdout;
  readonly stdin = new FakeStdin();
  readonly driver: SimulationDriver;
  /** Times the selected row changed in the UI state (one per movement key, if none is lost). */
  selectionMoves = 0;
  state: UiState;
  private readonly instance: Instance;

  private constructor(cluster: Cluster, options: OpenOptions) {
    this.stdout = new FakeStdout(options.columns, options.rows);
    this.driver = new SimulationDriver(cluster, options.speed);
    const initial = { ...initialUiState(resourcePage(options.kind ?? 'Pod', options.namespace)), namespace: options.namespace };
    this.state = initial;
    let selected: string | undefined;
    const onUiState = (s: UiState) => {
      this.state = s;
      const page = currentPage(s);
      const key = page.type === 'resources' ? page.selectedKey : undefined;
      if (key !== selected) {
        if (selected !== undefined || key !== undefined) this.selectionMoves++;
        selected = key;
      }
    };
    this.driver.start();
    this.instance = render(<App cluster={cluster} driver={this.driver} initialState={initial} onUiState={onUiState} />, {
      ...DASHBOARD_RENDER_OPTIONS,
      stdout: this.stdout as unknown as NodeJS.WriteStream,
      stdin: this.stdin as unknown as NodeJS.ReadStream,
      stderr: this.stdout as unknown as NodeJS.WriteStream,
      patchConsole: false,
    });
  }

  /** Opens the dashboard and waits for its first frame with a table; returns the time that took. */
  static async open(cluster: Cluster, options: OpenOptions): Promise<{ dashboard: Dashboard; firstFrameMs: number }> {
    // As runDashboard renders it: Ink's output step through src/ui/render/fastOutput.ts
    // (KUBESIM_INK_OUTPUT=ink measures Ink's own).
    if (process.env.KUBESIM_INK_OUTPUT !== 'ink') await installFastOutput();
    const t = performance.now();
    const dashboard = new Dashboard(cluster, options);
    const frame = await dashboard.waitForFrame((f) => tableRows(f).length > 0, t, 60_000);
    // Ink enables raw mode in an effect after the first frame: let it run before typing.
    await new Promise((r) => setTimeout(r, 50));
    return { dashboard, firstFrameMs: frame.at - t };
  }

  /** The first frame written at or after `since` that satisfies `test`. */
  waitForFrame(test: (frame: Frame) => boolean, since: number, timeoutMs = 10_000): Promise<Frame> {
    const last = this.stdout.last;
    if (last && last.at >= since && test(last)) return Promise.resolve(last);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching frame within ${timeoutMs} ms; last frame:\n${this.stdout.last?.lines.join('\n')}`));
      }, timeoutMs);
      const off = this.stdout.onFrame((frame) => {
        if (frame.at < since || !test(frame)) return;
        clearTimeout(timer);
        off();
        resolve(frame);
      });
    });
  }

  /**
   * Types `key` and waits for the first frame `changed` accepts (given the frame before the key);
   * returns the key-to-frame latency in ms.
   */
  async press(key: string, changed: (before: Frame | undefined, after: Frame) => boolean, timeoutMs = 10_000): Promise<number> {
    const before = this.stdout.last;
    const t = performance.now();
    const seen = this.waitForFrame((f) => changed(before, f), t, timeoutMs);
    this.stdin.type(key);
    const frame = await seen;
    return frame.at - t;
  }

  close(): void {
    this.driver.stop();
    this.instance.unmount();
  }
}

/** A frame whose selected row differs from the one before. */
export const selectionMoved = (before: Frame | undefined, after: Frame) => selectedLine(after) !== selectedLine(before);

/** A frame whose visible rows differ from the ones before. */
export const rowsChanged = (before: Frame | undefined, after: Frame) => tableRows(after).join('\n') !== tableRows(before).join('\n');
