import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { KEYS, demoCluster, filter, frameHas, misfit, press, renderApp, screenLines, step, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

test('d describes the selected pod: containers, conditions, events and the scheduler decision, within 80x24', async () => {
  const cluster = demoCluster();
  const app = await renderApp(cluster, { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('web-6d8878d444-9m2gd'));
  await press(app.r, 'd');
  let frame = await waitForFrame(app.r, frameHas('describe Pod default/web-6d8878d444-9m2gd'));
  assert.match(frame, /Name:\s+web-6d8878d444-9m2gd/);
  assert.match(frame, /Node:\s+node-\d\/\d+\.\d+\.\d+\.\d+/);
  assert.equal(misfit(frame, 80, 24), undefined);

  // Scroll down through the containers to the end: Events, then the Decisions with the scheduler's.
  await step(app.r, 'j', 'j', 'j');
  frame = await waitForFrame(app.r, frameHas(' 4-14/'));
  assert.doesNotMatch(frame, /Name:\s+web-6d8878d444-9m2gd/);
  for (let i = 0; i < 4 && !frame.includes('Readiness:'); i++) {
    const before = frame;
    await press(app.r, KEYS.ctrlF);
    frame = await waitForFrame(app.r, (f) => f !== before);
  }
  assert.match(frame, /Readiness:\s+http-get http:\/\/:http\/ delay=0s timeout=1s period=10s/);
  // Long lines wrap at 80 columns rather than lose their end.
  assert.match(frame, /^\s+#success=1 #failure=3$/m);
  await press(app.r, 'G');
  frame = await waitForFrame(app.r, frameHas('container web is ready'));
  assert.match(frame, /kubelet\s+container web is ready/);
  assert.equal(misfit(frame, 80, 24), undefined);

  // `/` keeps only the matching lines; Esc clears the filter, a second Esc goes back.
  await filter(app.r, 'Scheduled');
  frame = await waitForFrame(app.r, frameHas('</Scheduled>'));
  const body = screenLines(frame).filter((l) => l.includes('Successfully assigned'));
  assert.equal(body.length, 1);
  assert.match(body[0], /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned/);
  assert.match(frame.replace(/\n\s+/g, ' '), /Successfully assigned default\/web-6d8878d444-9m2gd to node-\d/);
  assert.ok(!frame.includes('Containers:'));
  await press(app.r, KEYS.esc);
  await waitForFrame(app.r, (f) => !f.includes('</Scheduled>') && f.includes('describe Pod'));
  await filter(app.r, 'Decisions|bound to|chosen');
  frame = await waitForFrame(app.r, frameHas('</Decisions|bound to|chosen>'));
  assert.match(frame, /^Decisions:$/m);
  assert.match(frame, /default-scheduler\s+bound to node-\d/);
  // The scheduler's per-node table under its decision, the chosen node marked in words.
  assert.match(frame, /node-\d\s+passed\s+\d+ \(chosen\)/);
  await press(app.r, KEYS.esc);
  await waitForFrame(app.r, (f) => !f.includes('</Decisions') && f.includes('describe Pod'));
  await press(app.r, KEYS.esc);
  await waitForFrame(app.r, (f) => !f.includes('describe Pod') && f.includes('pods(default)'));
});

test('y and d switch between the YAML and the description of one object; w lists its decisions', async () => {
  const cluster = demoCluster();
  const app = await renderApp(cluster, { kind: 'Deployment' });
  await waitForFrame(app.r, frameHas('deployments(default)'));
  await press(app.r, 'd');
  let frame = await waitForFrame(app.r, frameHas('describe Deployment default/web'));
  assert.match(frame, /Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable/);
  assert.match(frame, /RollingUpdateStrategy:\s+25% max unavailable, 25% max surge/);
  await press(app.r, 'y');
  frame = await waitForFrame(app.r, frameHas('yaml Deployment default/web'));
  assert.ok(frame.includes('apiVersion: apps/v1'));
  assert.ok(!frame.includes('managedFields'));
  await press(app.r, 'd');
  await waitForFrame(app.r, frameHas('describe Deployment default/web'));
  await press(app.r, 'w');
  frame = await waitForFrame(app.r, frameHas('decisions about Deployment default/web'));
  assert.match(frame, /deployment-controller|deployment/);
});
