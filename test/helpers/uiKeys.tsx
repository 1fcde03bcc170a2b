// Driving the dashboard in ink-testing-library for the action tests: a running cluster, the App on
// a paused simulation driver (the test advances the clock itself), keys written one at a time with
// a render between them (the handler reads the state of the last render), and waits on frames.
import { render } from 'ink-testing-library';
import React from 'react';
import { setTimeout as delay } from 'node:timers/promises';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestPaths } from '../../src/manifests/load.js';
import { App } from '../../src/ui/App.js';
import { resourcePage } from '../../src/ui/model/pages.js';
import { initialUiState } from '../../src/ui/model/uiReducer.js';
import { SimulationDriver } from '../../src/ui/simDriver.js';

export const KEYS = {
  enter: '\r',
  esc: '\u001B',
  backspace: '\u007F',
  up: '\u001B[A',
  down: '\u001B[B',
  ctrlD: '\u0004',
  ctrlK: '\u000B',
};

export type Rendered = ReturnType<typeof render>;

export interface AppUnderTest {
  r: Rendered;
  cluster: Cluster;
  driver: SimulationDriver;
  /** Every frame so far, joined (a flash may be replaced before the test looks). */
  allFrames: () => string;
}

/** A 3-node cluster running the manifests under `paths` for a minute of simulated time. */
export function runningCluster(paths: string[] = ['fixtures/manifests/web'], seed = 1): Cluster {
  const cluster = new Cluster({ seed });
  if (paths.length) applyManifests(cluster.store, loadManifestPaths(paths).manifests);
  cluster.advance(60_000);
  return cluster;
}

export async function startApp(cluster: Cluster, kind = 'Deployment', namespace: string | undefined = 'default'): Promise<AppUnderTest> {
  const driver = new SimulationDriver(cluster, 0);
  const state = initialUiState(resourcePage(kind, namespace), { namespace, logPane: { visible: false, height: 5, full: false, filter: '' } });
  const r = render(<App cluster={cluster} driver={driver} initialState={state} />);
  await delay(20); // let Ink attach its stdin listener before the first key
  return { r, cluster, driver, allFrames: () => r.frames.join('\n') };
}

/** Writes each key on its own and lets the app render before the next. */
export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    r.stdin.write(k);
    await delay(15);
  }
}

/** Types text one character at a time (one chunk would arrive as a single paste). */
export async function type(r: Rendered, text: string): Promise<void> {
  await press(r, ...text.split(''));
}

export async function waitForFrame(r: Rendered, predicate: (frame: string) => boolean, timeoutMs = 6000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = r.lastFrame() ?? '';
    if (predicate(frame)) return frame;
    if (Date.now() - start > timeoutMs) throw new Error(`waitForFrame timed out; last frame:\n${frame}`);
    await delay(10);
  }
}

export const frameHas = (text: string | RegExp) => (frame: string) => (typeof text === 'string' ? frame.includes(text) : text.test(frame));
