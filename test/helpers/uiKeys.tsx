// Driving the dashboard in ink-testing-library for the action tests: a running cluster, the App on
// a paused simulation driver (the test advances the clock itself) with the decision-log pane hidden,
// keys written one at a time with a render between them (the handler reads the state of the last
// render), and waits on frames. The machinery is test/helpers/ui.ts; these are its settings here.
import type { Cluster } from '../../src/cluster.js';
import { demoCluster, renderApp, waitForFrame as waitForLatestFrame, type AppHarness, type Rendered } from './ui.js';

export { frameHas, KEYS, press, typeText as type, type Rendered } from './ui.js';

export type AppUnderTest = Pick<AppHarness, 'r' | 'cluster' | 'driver' | 'allFrames'>;

/** A 3-node cluster running the manifests under `paths` for a minute of simulated time. */
export function runningCluster(paths: string[] = ['fixtures/manifests/web'], seed = 1): Cluster {
  return demoCluster(paths, 60_000, seed);
}

export async function startApp(cluster: Cluster, kind = 'Deployment', namespace: string | undefined = 'default'): Promise<AppUnderTest> {
  return renderApp(cluster, { kind, namespace, logPane: false });
}

/** As ui.ts's, but waiting up to 6 s by default, as these tests always have. */
export async function waitForFrame(r: Rendered, predicate: (frame: string) => boolean, timeoutMs = 6000): Promise<string> {
  return waitForLatestFrame(r, predicate, timeoutMs);
}
