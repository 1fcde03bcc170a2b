import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { namespaceKeys } from '../../src/ui/components/Header.js';
import { demoCluster, frameHas, misfit, press, renderApp, screenLines, typeText, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

const texts = (keys: ReturnType<typeof namespaceKeys>) => keys.map((k) => k.text).join(' ');

test('the namespace keys: whole when they fit, long names shortened, then the last ones left out', () => {
  const favourites = ['default', 'kube-system', 'monitoring'];
  assert.equal(texts(namespaceKeys(favourites, 'default', 80)), '<0> all <1> default <2> kube-system <3> monitoring');
  assert.deepEqual(namespaceKeys(favourites, 'default', 80).filter((k) => k.active).map((k) => k.text), ['<1> default']);
  assert.equal(texts(namespaceKeys(favourites, undefined, 80)).startsWith('<0> all'), true);
  assert.equal(namespaceKeys(favourites, undefined, 80)[0].active, true);
  // Names shortened first, then left out from the end.
  assert.equal(texts(namespaceKeys(favourites, 'default', 45)), '<0> all <1> default <2> kube-sy… <3> monitor…');
  assert.equal(texts(namespaceKeys(favourites, 'default', 32)), '<0> all <1> default …');
  // The current namespace is never the one left out, nor shortened.
  assert.equal(texts(namespaceKeys(favourites, 'monitoring', 32)), '<0> all <3> monitoring …');
  assert.equal(texts(namespaceKeys(favourites, 'monitoring', 20)), '<3> monitoring …');
  for (const room of [10, 20, 32, 45]) assert.ok(texts(namespaceKeys(favourites, 'monitoring', room)).length <= room);
  assert.deepEqual(namespaceKeys(favourites, 'monitoring', 5), []);
  // A namespace no key selects is still named.
  assert.equal(texts(namespaceKeys(['default'], 'team-a', 80)), '<0> all team-a <1> default');
});

test('the header names the namespace each key selects, within 80x24', async () => {
  const cluster = demoCluster();
  cluster.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } });
  const app = await renderApp(cluster, { kind: 'Pod', columns: 80, rows: 24 });
  let frame = await waitForFrame(app.r, (f) => f.includes('pods(default)') && misfit(f, 80, 24) === undefined);
  assert.match(screenLines(frame)[0], /paused {2}<0> all <1> default$/);
  assert.match(screenLines(frame)[1], /^nodes \d+\/\d+ {2}pods \d+\/\d+ {2}cpu /);
  assert.equal(misfit(frame, 80, 24), undefined);

  // Opening namespaces makes them favourites: the newest takes the next key.
  await press(app.r, ':');
  await typeText(app.r, 'ns kube-system');
  await press(app.r, '\r');
  frame = await waitForFrame(app.r, frameHas('pods(kube-system)'));
  await press(app.r, ':');
  await typeText(app.r, 'ns monitoring');
  await press(app.r, '\r');
  frame = await waitForFrame(app.r, (f) => f.includes('pods(monitoring)') && f.includes('<1> monitoring'));
  const header = screenLines(frame)[0];
  assert.ok([...header].length <= 80, header);
  assert.match(header, /<0> all <1> \S+ <2> \S+/);
  assert.match(header, /<1> monitoring/, 'the current namespace is shown whole');
  assert.equal(misfit(frame, 80, 24), undefined);

  // Key 2 selects what the header says it does.
  const two = /<2> (\S+)/.exec(header)![1];
  await press(app.r, '2');
  frame = await waitForFrame(app.r, (f) => /pods\((?!monitoring)/.test(f));
  assert.ok(two.endsWith('…') ? frame.includes(`pods(${two.slice(0, -1)}`) : frame.includes(`pods(${two})`), frame);
});
