import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import React from 'react';
import { setTimeout as delay } from 'node:timers/promises';
import { resolveScenarioPath } from '../../src/scenario/catalog.js';
import { loadScenarioFile } from '../../src/scenario/parseScenario.js';
import { ScenarioSession } from '../../src/scenario/session.js';
import { App } from '../../src/ui/App.js';
import { resourcePage } from '../../src/ui/model/pages.js';
import { initialUiState } from '../../src/ui/model/uiReducer.js';
import { SimulationDriver } from '../../src/ui/simDriver.js';
import { timelineLines } from '../../src/ui/views/TimelineView.js';
import { command, press, waitForFrame } from '../helpers/ui.js';
import { runTo } from './helpers.js';

afterEach(() => cleanup());

/** Generous: other test files load the machine at the same time. */
const WAIT_MS = 15_000;

function session(): ScenarioSession {
  return new ScenarioSession(loadScenarioFile(resolveScenarioPath('rolling-update')).scenario, 1);
}

test('the timeline says what happened, with each outcome, and what comes next and when', () => {
  const s = session();
  runTo(s.cluster, 200);
  const text = timelineLines(s, 100).map((l) => l.text);
  assert.deepEqual(text, [
    ' Rolling update and rollback: a Deployment of 4 moves to a new image within maxSurge 1 and',
    ' maxUnavailable 1, is scaled to 6, gets an image tag that does not exist (the rollout stalls with 5 …',
    '     0s  done    apply web.yaml (2 objects)',
    '     1m  done    set image deployment/web web=nginx:1.27 → deployment.apps/web image updated',
    '     3m  done    scale deployment/web to 6 → deployment.apps/web scaled',
    '>    4m  next    set image deployment/web web=nginx:1.28-doesnotexist (in 40s)',
    '                 revision 3 with a tag the registry does not have; the rollout stalls safely',
    '     6m          rollout undo deployment/web',
  ]);
  // At 80×24 the whole timeline fits the main pane beside the decision log.
  assert.ok(timelineLines(s, 80).length <= 9);
  runTo(s.cluster, 400);
  assert.match(timelineLines(s, 100).at(-1)!.text, /Every step has run\. Press R to play the scenario again/);
  assert.match(timelineLines(undefined, 100)[0].text, /No scenario is playing/);
});

test(':timeline shows the scenario; R asks, then restarts it on a fresh cluster', async () => {
  const s = session();
  runTo(s.cluster, 100);
  const driver = new SimulationDriver(s.cluster, 0);
  const state = initialUiState(resourcePage('Pod', 'default'), { namespace: 'default' });
  const r = render(React.createElement(App, { cluster: s.cluster, driver, initialState: state, scenario: s }));
  await delay(20);
  await command(r, 'timeline');
  await waitForFrame(r, (f) => f.includes('timeline: scenario rolling-update (1/4 steps run) — R restart'), WAIT_MS);
  await waitForFrame(r, (f) => f.includes('next    scale deployment/web to 6 (in 1m20s)'), WAIT_MS);
  const swapped: unknown[] = [];
  s.subscribe((c) => swapped.push(c));
  await press(r, 'R');
  await waitForFrame(r, (f) => f.includes('Restart scenario rolling-update on a fresh cluster (the current one is thrown away)?'), WAIT_MS);
  await press(r, 'n');
  await waitForFrame(r, (f) => f.includes('cancelled'), WAIT_MS);
  assert.equal(s.restarts, 0);
  await press(r, 'R');
  await waitForFrame(r, (f) => f.includes('Restart scenario rolling-update'), WAIT_MS);
  await press(r, 'y');
  await waitForFrame(r, (f) => f.includes('scenario rolling-update restarted: a fresh cluster, back at 0s'), WAIT_MS);
  assert.equal(s.restarts, 1);
  assert.equal(swapped.length, 1);
  assert.equal(s.cluster.clock.now(), s.cluster.clock.startedAt);
  assert.ok(s.runner.timeline().every((e) => e.status === 'pending'));
});
