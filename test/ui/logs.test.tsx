import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { setTimeout as delay } from 'node:timers/promises';
import type { Pod } from '../../src/api/types.js';
import { KEYS, demoCluster, frameHas, misfit, press, renderApp, screenLines, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

const POD = 'web-6d8878d444-9m2gd';

test('Enter on a pod lists its containers with k9s columns; usage comes from the metrics', async () => {
  const cluster = demoCluster();
  const app = await renderApp(cluster, { kind: 'Pod', columns: 120, rows: 30 });
  await waitForFrame(app.r, frameHas(POD));
  await press(app.r, KEYS.enter);
  const frame = await waitForFrame(app.r, frameHas(`containers(default/${POD})[1]`));
  const lines = screenLines(frame);
  const header = lines.find((l) => l.includes('IDX'))!;
  assert.match(header, /IDX\s+NAME\s+IMAGE\s+READY\s+STATE\s+RESTARTS\s+PROBES\(L:R:S\)\s+CPU\s+MEM\s+PORTS\s+AGE/);
  const row = lines.find((l) => l.startsWith('>'))!;
  const usage = cluster.usage.podUsage(cluster.store.get<Pod>('Pod', 'default', POD)!)!;
  assert.match(row, new RegExp(`^>1\\s+web\\s+nginx:1\\.27\\s+true\\s+Running\\s+0\\s+off:on:off\\s+${usage.cpuMilli}m\\s+${Math.round(usage.memoryBytes / 1048576)}Mi\\s+http:80\\s+60s$`));
});

test('logs follow new lines, stop following when scrolled up, and f follows again; all within 80x24', async () => {
  const cluster = demoCluster();
  const app = await renderApp(cluster, { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas(POD));
  await press(app.r, KEYS.enter);
  await waitForFrame(app.r, frameHas('containers('));
  await press(app.r, KEYS.enter);
  let frame = await waitForFrame(app.r, frameHas(`logs default/${POD}/web`, '(following)'));
  assert.match(frame, /"GET \/ HTTP\/1\.1" 200 615 "-"\n\s+"kube-probe\/1\.\d+" "-"/);
  assert.match(frame, /\[01\/Jan\/2026:00:00:53 \+0000\]/);
  assert.equal(misfit(frame, 80, 24), undefined);

  // The readiness probe hits nginx every 10 s: following shows the new lines as the clock runs.
  cluster.advance(30_000);
  frame = await waitForFrame(app.r, frameHas('00:01:23 +0000'));
  assert.equal(misfit(frame, 80, 24), undefined);

  await press(app.r, 'k');
  frame = await waitForFrame(app.r, (f) => f.includes(`logs default/${POD}`) && !f.includes('(following)'));
  cluster.advance(20_000);
  await delay(150);
  assert.ok(!(app.r.lastFrame() ?? '').includes('00:01:43 +0000'), 'a scrolled-back view stays where it is');
  await press(app.r, 'f');
  frame = await waitForFrame(app.r, frameHas('(following)', '00:01:43 +0000'));
});

test('p shows the previous instance, or kubectl\'s message when there is none', async () => {
  const cluster = demoCluster();
  const app = await renderApp(cluster, { kind: 'Pod' });
  await waitForFrame(app.r, frameHas(POD));
  await press(app.r, KEYS.enter);
  await waitForFrame(app.r, frameHas('containers('));
  await press(app.r, 'p');
  await waitForFrame(app.r, frameHas(`logs default/${POD}/web previous`, `previous terminated container "web" in pod "${POD}" not found`));

  // Once the container crashed and restarted, its previous instance has logs of its own.
  assert.ok(cluster.kubelets.crashContainer('default', POD, 'web', 1));
  cluster.advance(30_000);
  const frame = await waitForFrame(app.r, (f) => f.includes('previous') && f.includes('kube-probe'));
  assert.ok(!frame.includes('not found'));
  await press(app.r, 'p');
  await waitForFrame(app.r, (f) => f.includes(`logs default/${POD}/web`) && !f.includes('web previous'));
});
