import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { KEYS, command, demoCluster, filter, frameHas, misfit, press, renderApp, screenLines, step, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

const title = (frame: string) => screenLines(frame).find((l) => /─ \S+\(.*\)\[/.test(l) || /─ \S+\[\d/.test(l)) ?? '';

test(': with Tab completion opens a kind; Enter drills deployment → replicasets → pods → containers; Esc comes back', async () => {
  const app = await renderApp(demoCluster(), { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('pods(default)['));
  await press(app.r, ':', 'd', 'e', 'p');
  await waitForFrame(app.r, frameHas('(Tab completes)'));
  await press(app.r, KEYS.tab, KEYS.enter);
  let frame = await waitForFrame(app.r, frameHas('deployments(default)[1]'));
  assert.match(frame, /NAME↑\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
  await step(app.r, KEYS.enter);
  frame = await waitForFrame(app.r, frameHas('replicasets(web)[1]'));
  assert.match(frame, /NAME↑\s+DESIRED\s+CURRENT\s+READY\s+AGE/);
  await step(app.r, KEYS.enter);
  frame = await waitForFrame(app.r, frameHas('pods(web-'));
  assert.match(frame, /deployments\(default\) > replicasets\(web\) > pods\(web-/);
  await step(app.r, KEYS.enter);
  frame = await waitForFrame(app.r, frameHas('containers('));
  assert.equal(misfit(frame, 80, 24), undefined);
  await step(app.r, KEYS.esc);
  await step(app.r, KEYS.esc);
  frame = await waitForFrame(app.r, frameHas('replicasets(web)['));
  await step(app.r, KEYS.esc);
  await waitForFrame(app.r, (f) => title(f).includes('deployments(default)['));
});

test('/ filters by regex over the columns, ! inverts, -l selects by label, Esc clears; 0 shows all namespaces', async () => {
  const app = await renderApp(demoCluster(), { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('pods(default)[3]'));
  await filter(app.r, 'web-.*-9m2g');
  let frame = await waitForFrame(app.r, frameHas('</web-.*-9m2g>'));
  assert.match(title(frame), /pods\(default\)\[1\/3\]/);
  await press(app.r, KEYS.esc);
  await waitForFrame(app.r, (f) => title(f).includes('pods(default)[3]'));
  await filter(app.r, '!9m2g');
  frame = await waitForFrame(app.r, frameHas('</!9m2g>'));
  assert.match(title(frame), /\[2\/3\]/);
  assert.doesNotMatch(frame, /9m2gd/);
  await press(app.r, KEYS.esc);
  await filter(app.r, '-l app=nope');
  frame = await waitForFrame(app.r, frameHas('</-l app=nope>'));
  assert.match(frame, /nothing matches the filter \(3 hidden\)/);
  await press(app.r, KEYS.esc);
  await waitForFrame(app.r, (f) => title(f).includes('pods(default)[3]'));
  await step(app.r, '0');
  frame = await waitForFrame(app.r, frameHas('pods(all)['));
  assert.match(frame, /NAMESPACE\s+NAME/);
});

test('an empty list says what is missing in words; faults only says there are none and how to leave it', async () => {
  const app = await renderApp(demoCluster(), { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('pods(default)[3]'));
  await command(app.r, 'rc');
  let frame = await waitForFrame(app.r, frameHas('replicationcontrollers(default)[0]'));
  assert.match(frame, / no replicationcontrollers in namespace default \(press 0 for all namespaces\)/);
  await command(app.r, 'po');
  await waitForFrame(app.r, frameHas('pods(default)[3]'));
  await press(app.r, KEYS.ctrlZ);
  frame = await waitForFrame(app.r, frameHas('(faults only)'));
  assert.match(frame, / no faults among 3 pods; ctrl-z shows them all/);
});

test('1-9 keep their namespaces: pressing one does not renumber the others', async () => {
  const app = await renderApp(demoCluster(), { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('pods(default)[3]'));
  await command(app.r, 'ns kube-system');
  await waitForFrame(app.r, frameHas('pods(kube-system)['));
  for (const [key, ns] of [['2', 'default'], ['1', 'kube-system'], ['2', 'default'], ['2', 'default']] as const) {
    await press(app.r, key);
    await waitForFrame(app.r, (f) => title(f).includes(`pods(${ns})[`));
  }
});
