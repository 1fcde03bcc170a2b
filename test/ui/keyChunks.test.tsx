import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { KEYS, demoCluster, frameHas, press, renderApp, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

// Over SSH, or while a simulation slice holds the event loop, separate presses reach Ink in one read.
test('keys that arrive in one chunk are handled one by one, and a prompt takes the rest whole', async () => {
  const app = await renderApp(demoCluster(), { kind: 'Deployment', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('deployments(default)'));
  // Esc then `y` in one read: Ink reports alt-y; it is Esc, then y (the YAML of the selected row).
  await press(app.r, `${KEYS.esc}y`);
  await waitForFrame(app.r, frameHas('yaml Deployment default/'));
  await press(app.r, KEYS.esc);
  await waitForFrame(app.r, frameHas('deployments(default)['));
  // `/web` in one read: the filter opens and receives `web`.
  await press(app.r, '/web');
  let frame = await waitForFrame(app.r, (f) => /\/web/.test(f.split('\n').at(-1) ?? '') || f.includes('</web>'));
  await press(app.r, KEYS.enter);
  frame = await waitForFrame(app.r, frameHas('</web>'));
  assert.match(frame, /deployments\(default\)\[[\d/]+\] <\/web>/);
});
