import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { Deployment } from '../../src/api/types.js';
import { RESTARTED_AT_ANNOTATION } from '../../src/sim/rollout.js';
import { fitUndoChoices } from '../../src/ui/actions/workloadActions.js';
import { frameHas, KEYS, press, runningCluster, startApp, type, waitForFrame } from '../helpers/uiKeys.js';

afterEach(() => cleanup());

const web = (c: ReturnType<typeof runningCluster>) => c.store.get<Deployment>('Deployment', 'default', 'web')!;

test('s scales: the prompt shows the current count, the answer reaches the store', async () => {
  const { r, cluster } = await startApp(runningCluster());
  await waitForFrame(r, frameHas('web'));
  await press(r, 's');
  await waitForFrame(r, frameHas('scale deployment.apps/web to replicas: 3'));
  await press(r, KEYS.backspace);
  await type(r, '5');
  await press(r, KEYS.enter);
  await waitForFrame(r, frameHas('deployment.apps/web scaled'));
  assert.equal(web(cluster).spec?.replicas, 5);

  // A refusal flashes kubectl's message and changes nothing.
  await press(r, 's', KEYS.backspace);
  await type(r, 'x');
  await press(r, KEYS.enter);
  await waitForFrame(r, frameHas('invalid replica count "x"'));
  assert.equal(web(cluster).spec?.replicas, 5);
});

test('Esc cancels a question without doing anything', async () => {
  const { r, cluster } = await startApp(runningCluster());
  await waitForFrame(r, frameHas('web'));
  const rv = cluster.store.resourceVersion;
  await press(r, 's', KEYS.backspace, '9', KEYS.esc);
  await waitForFrame(r, frameHas('cancelled'));
  assert.equal(cluster.store.resourceVersion, rv);
});

test('ctrl-d asks y/N naming the object: n keeps it, y deletes it', async () => {
  const { r, cluster } = await startApp(runningCluster());
  await waitForFrame(r, frameHas('web'));
  await press(r, KEYS.ctrlD);
  await waitForFrame(r, frameHas('Delete deployment.apps "web" in namespace default? [y/N]'));
  await press(r, 'n');
  await waitForFrame(r, frameHas('cancelled'));
  assert.ok(cluster.store.get('Deployment', 'default', 'web'));

  await press(r, KEYS.ctrlD);
  await waitForFrame(r, frameHas('[y/N]'));
  await press(r, 'y');
  await waitForFrame(r, frameHas('deployment.apps "web" deleted'));
  assert.equal(cluster.store.get('Deployment', 'default', 'web'), undefined);
});

test('i sets the image from container=image, starting from the first container’s name', async () => {
  const { r, cluster } = await startApp(runningCluster());
  await waitForFrame(r, frameHas('web'));
  await press(r, 'i');
  await waitForFrame(r, frameHas('set image (now web=nginx:1.27) container=image: web='));
  await type(r, 'nginx:1.28');
  await press(r, KEYS.enter);
  await waitForFrame(r, frameHas('deployment.apps/web image updated'));
  assert.equal(web(cluster).spec?.template?.spec?.containers[0].image, 'nginx:1.28');
});

test('u lists the revisions and rolls back to the one chosen', async () => {
  const cluster = runningCluster();
  const { r } = await startApp(cluster);
  await waitForFrame(r, frameHas('web'));
  await press(r, 'u');
  await waitForFrame(r, frameHas('no earlier revision of deployment "web" to go back to (history: 1 (current))'));

  await press(r, 'i');
  await type(r, 'nginx:1.28');
  await press(r, KEYS.enter);
  await waitForFrame(r, frameHas('image updated'));
  cluster.advance(120_000);
  await press(r, 'u');
  await waitForFrame(r, frameHas('undo to revision [1 <none>, 2 (current)]: 1'));
  await press(r, KEYS.enter);
  await waitForFrame(r, frameHas('deployment.apps/web rolled back'));
  assert.equal(web(cluster).spec?.template?.spec?.containers[0].image, 'nginx:1.27');
});

test('r restarts the rollout; p pauses and resumes it', async () => {
  const { r, cluster } = await startApp(runningCluster());
  await waitForFrame(r, frameHas('web'));
  await press(r, 'r');
  await waitForFrame(r, frameHas('deployment.apps/web restarted'));
  assert.ok(web(cluster).spec?.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION]);

  await press(r, 'p');
  await waitForFrame(r, frameHas('deployment.apps/web paused'));
  assert.equal(web(cluster).spec?.paused, true);
  await press(r, 'r');
  await waitForFrame(r, frameHas(`can't restart paused deployment (run rollout resume first)`));
  await press(r, 'p');
  await waitForFrame(r, frameHas('deployment.apps/web resumed'));
  assert.equal(web(cluster).spec?.paused, undefined);
});

test('space pauses the simulation and . steps one unit of work', async () => {
  const cluster = runningCluster();
  const { r, driver } = await startApp(cluster);
  driver.setSpeed(1);
  await waitForFrame(r, frameHas('web'));
  await press(r, ' ');
  await waitForFrame(r, frameHas('paused: press . to step one reconcile, space to resume'));
  assert.equal(driver.paused, true);
  // Scale without running the clock: the step runs the deployment controller's reconcile.
  cluster.store.modify<Deployment>('Deployment', 'default', 'web', (d) => void (d.spec!.replicas = 4));
  const before = cluster.reconciles;
  await press(r, '.');
  await waitForFrame(r, frameHas(/ran \S+ default\/web|ran /));
  assert.equal(cluster.reconciles, before + 1);
});

test('shift-l puts cpu load on the workload; 0 removes it', async () => {
  const { r, cluster } = await startApp(runningCluster());
  await waitForFrame(r, frameHas('web'));
  await press(r, 'L');
  await waitForFrame(r, frameHas('cpu load on deployment.apps/web (e.g. 900m, 0 removes):'));
  await type(r, '900m');
  await press(r, KEYS.enter);
  await waitForFrame(r, frameHas('deployment.apps/web: 900m of extra cpu load'));
  assert.deepEqual(cluster.usage.injectedLoads().map((l) => [l.kind, l.name, l.cpuMilli]), [['Deployment', 'web', 900]]);
  await press(r, 'L');
  await waitForFrame(r, frameHas('removes): 900m'));
  for (let i = 0; i < 4; i++) await press(r, KEYS.backspace);
  await type(r, '0');
  await press(r, KEYS.enter);
  await waitForFrame(r, frameHas('injected cpu load removed'));
  assert.equal(cluster.usage.injectedLoads().length, 0);
});

test('the help lists the deployment’s actions and the header hints the main ones', async () => {
  const { r } = await startApp(runningCluster());
  const frame = await waitForFrame(r, frameHas('web'));
  assert.match(frame, /<s> scale {2}<r> restart {2}<i> image/);
  await press(r, '?');
  const help = await waitForFrame(r, frameHas('DEPLOYMENT ACTIONS'));
  assert.match(help, /ctrl-d\s+delete \(asks y\/N/);
  assert.match(help, /shift-l\s+fault: put CPU load/);
});

test('the undo prompt keeps its list short enough for 80 columns', () => {
  const rows = (causes: string[]) => causes.map((changeCause, i) => ({ revision: i + 1, changeCause }));
  assert.equal(fitUndoChoices({ rows: rows(['<none>', 'nginx 1.28']), current: 2, previous: 1 }), '1 <none>, 2 (current)');
  assert.equal(
    fitUndoChoices({ rows: rows(['kubectl set image deployment/web web=nginx:1.27', 'kubectl set image deployment/web web=nginx:1.28', 'x']), current: 3, previous: 2 }),
    '1 kubectl set…, 2 kubectl set…, 3 (current)',
  );
  assert.equal(fitUndoChoices({ rows: rows(Array.from({ length: 9 }, () => 'kubectl set image')), current: 9, previous: 8 }), '1 2 3 4 5 6 7 8 9*');
});
