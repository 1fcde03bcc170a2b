import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { demoCluster, frameHas, misfit, press, renderApp, screenLines, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

/** Rows of decisions under the pane's `─ decisions` rule. */
function paneRows(frame: string): number {
  const lines = screenLines(frame);
  const top = lines.findIndex((l) => l.startsWith('─ decisions'));
  return lines.slice(top + 1).filter((l) => /^[ >]\d\d:\d\d:\d\d /.test(l)).length;
}

test('} grows the decision pane and { shrinks it at 80x24, each press visibly', async () => {
  const app = await renderApp(demoCluster(), { kind: 'Pod', columns: 80, rows: 24 });
  let frame = await waitForFrame(app.r, frameHas('─ decisions'));
  const start = paneRows(frame);
  assert.ok(start >= 3, `the pane starts with rows: ${start}`);
  await press(app.r, '}');
  frame = await waitForFrame(app.r, (f) => paneRows(f) > start);
  const grown = paneRows(frame);
  await press(app.r, '}');
  frame = await waitForFrame(app.r, (f) => paneRows(f) > grown);
  assert.equal(misfit(frame, 80, 24), undefined);
  const bigger = paneRows(frame);
  await press(app.r, '{');
  frame = await waitForFrame(app.r, (f) => paneRows(f) < bigger);
  assert.equal(paneRows(frame), grown);
});
