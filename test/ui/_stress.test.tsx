import { test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { command, demoCluster, frameHas, press, renderApp, waitForFrame, KEYS } from '../helpers/ui.js';
test('stress', async () => {
  const cluster = demoCluster([], 1000);
  const app = await renderApp(cluster, { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('pods(default)'));
  for (let i = 0; i < 40; i++) {
    const n = app.r.frames.length;
    try {
      await command(app.r, 'can jane');
      await waitForFrame(app.r, frameHas('can User "jane"'));
      await press(app.r, KEYS.esc);
      await command(app.r, 'pods');
      await waitForFrame(app.r, frameHas('pods(default)[0]'));
    } catch (e) {
      const frames = app.r.frames.slice(n).map((f) => f.split('\n').filter((l) => l.trim()).pop());
      console.log('FAIL at', i, JSON.stringify(frames));
      throw e;
    }
  }
  cleanup();
});
