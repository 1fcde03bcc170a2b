// Driving the whole dashboard in ink-testing-library: renderApp() mounts the App on a cluster with a
// paused simulation driver (tests move the clock themselves) at a chosen terminal size, press()
// writes keys one at a time with a render between them (one chunk of several printable keys would
// arrive as a single paste), and waitForFrame() polls the latest frame (Ink renders after a
// macrotask, and CI=true changes how many frames it writes, so tests assert on content).
import { render } from 'ink-testing-library';
import React from 'react';
import { setTimeout as delay } from 'node:timers/promises';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestPaths } from '../../src/manifests/load.js';
import { App } from '../../src/ui/App.js';
import { resourcePage, type Page } from '../../src/ui/model/pages.js';
import { initialUiState } from '../../src/ui/model/uiReducer.js';
import { SimulationDriver, type Speed } from '../../src/ui/simDriver.js';

export const KEYS = {
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  ctrlB: '\u0002',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlF: '\u0006',
  ctrlK: '\u000B',
  ctrlW: '\u0017',
  ctrlZ: '\u001A',
} as const;

export type Rendered = ReturnType<typeof render>;

export interface RenderAppOptions {
  /** The kind of the root resource page (default Pod). */
  kind?: string;
  namespace?: string | undefined;
  /** Pages to start on instead of the root resource page (the last one shows). */
  stack?: Page[];
  columns?: number;
  rows?: number;
  /** Show the decision-log pane (default true, as the dashboard starts). */
  logPane?: boolean;
  speed?: Speed;
}

export interface AppHarness {
  r: Rendered;
  cluster: Cluster;
  driver: SimulationDriver;
  columns: number;
  rows: number;
  /** Every frame so far, joined: a flash may be replaced before a test looks. */
  allFrames(): string;
}

/** A cluster running the manifests under `paths` (default: the web fixture) for `ms` of simulated time. */
export function demoCluster(paths: string[] = ['fixtures/manifests/web'], ms = 60_000, seed = 1): Cluster {
  const cluster = new Cluster({ seed });
  if (paths.length) applyManifests(cluster.store, loadManifestPaths(paths).manifests);
  cluster.advance(ms);
  return cluster;
}

/** Gives the test terminal a size: ink-testing-library's stdout is 100 columns and has no rows. */
export function setTerminalSize(r: Rendered, columns: number, rows: number): void {
  Object.defineProperty(r.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
  r.stdout.emit('resize');
}

export async function renderApp(cluster: Cluster, options: RenderAppOptions = {}): Promise<AppHarness> {
  const namespace = 'namespace' in options ? options.namespace : 'default';
  const driver = new SimulationDriver(cluster, options.speed ?? 0);
  const base = initialUiState(resourcePage(options.kind ?? 'Pod', namespace), {
    namespace,
    logPane: { visible: options.logPane ?? true, height: 5, full: false, filter: '' },
  });
  const state = options.stack ? { ...base, stack: options.stack } : base;
  const r = render(React.createElement(App, { cluster, driver, initialState: state }));
  const columns = options.columns ?? 100;
  const rows = options.rows ?? 30;
  if (options.columns || options.rows) setTerminalSize(r, columns, rows);
  await delay(20); // let Ink attach its stdin listener before the first key
  return { r, cluster, driver, columns, rows, allFrames: () => r.frames.join('\n') };
}

/** Writes each key on its own and lets the app render before the next. */
export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    r.stdin.write(k);
    await delay(15);
  }
}

/**
 * Presses keys that each change the screen (moves, scrolls), waiting for each change before the next
 * key: the App's handler reads the state of the last render, so a key that arrives first is applied
 * to stale state (two quick j's can scroll by one).
 */
export async function step(r: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    const before = r.lastFrame();
    r.stdin.write(k);
    await waitForFrame(r, (f) => f !== before);
  }
}

/** Types text one character at a time. */
export async function typeText(r: Rendered, text: string): Promise<void> {
  await press(r, ...text.split(''));
}

/** The prompt line (the frame's last line) once it shows `prefix` + `text`. */
async function waitForPrompt(r: Rendered, prefix: string, text: string): Promise<void> {
  await waitForFrame(r, (f) => {
    const lines = screenLines(f).filter((l) => l.trim());
    // Ink trims trailing spaces: a typed space shows once the next character follows it.
    return (lines[lines.length - 1] ?? '').startsWith((prefix + text).trimEnd());
  });
}

/**
 * Opens a prompt and enters `text` as one chunk (a paste, which the prompt takes whole), then Enter.
 * Typing it key by key races the App: its handler edits the text of the last render, and the inline
 * suggestion can show a character before it was typed, so a prefix check cannot tell.
 */
async function prompt(r: Rendered, opener: string, text: string): Promise<void> {
  await press(r, opener);
  await waitForPrompt(r, opener, '');
  r.stdin.write(text);
  await waitForPrompt(r, opener, text);
  await press(r, KEYS.enter);
}

/** Runs a `:` command. */
export async function command(r: Rendered, text: string): Promise<void> {
  await prompt(r, ':', text);
}

/** Sets the `/` filter of the current page. */
export async function filter(r: Rendered, text: string): Promise<void> {
  await prompt(r, '/', text);
}

/** Polls the latest frame until `predicate` holds; `what` names what was awaited in the timeout error. */
export async function waitForFrame(r: Rendered, predicate: (frame: string) => boolean, timeoutMs = 5000, what?: string): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (predicate(frame)) return frame;
    if (Date.now() - start > timeoutMs) throw new Error(`${what ? `timed out waiting for ${what}` : 'waitForFrame timed out'}; last frame:\n${frame}`);
    await delay(10);
  }
}

export const frameHas =
  (...texts: Array<string | RegExp>) =>
  (frame: string) =>
    texts.every((t) => (typeof t === 'string' ? frame.includes(t) : t.test(frame)));

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g;

/** The frame's lines as they appear on screen (escape sequences removed). */
export function screenLines(frame: string): string[] {
  return frame.replace(ANSI, '').split('\n');
}

/** Why the frame does not fit the terminal (lines wider than it, or as many lines as it has), or undefined. */
export function misfit(frame: string, columns: number, rows: number): string | undefined {
  const lines = screenLines(frame);
  if (lines.length >= rows) return `${lines.length} lines on a ${rows}-row terminal (Ink needs the frame shorter than the screen)`;
  const wide = lines.find((l) => [...l].length > columns);
  return wide === undefined ? undefined : `a line of ${[...wide].length} columns on a ${columns}-column terminal: ${wide}`;
}
