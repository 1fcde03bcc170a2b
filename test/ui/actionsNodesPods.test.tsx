import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { Node, Pod } from '../../src/api/types.js';
import { frameHas, KEYS, press, runningCluster, startApp, waitForFrame } from '../helpers/uiKeys.js';

afterEach(() => cleanup());

const node = (c: ReturnType<typeof runningCluster>, name: string) => c.store.get<Node>('Node', undefined, name)!;

test('c cordons and u uncordons the selected node', async () => {
  const { r, cluster } = await startApp(runningCluster(), 'Node', undefined);
  await waitForFrame(r, frameHas('node-3'));
  await press(r, 'j');
  await press(r, 'c');
  await waitForFrame(r, frameHas('node/node-2 cordoned'));
  assert.equal(node(cluster, 'node-2').spec?.unschedulable, true);
  assert.equal(node(cluster, 'node-1').spec?.unschedulable, undefined);
  await waitForFrame(r, frameHas('SchedulingDisabled'));
  await press(r, 'u');
  await waitForFrame(r, frameHas('node/node-2 uncordoned'));
  assert.equal(node(cluster, 'node-2').spec?.unschedulable, undefined);
});

test('shift-f takes the node down, telling what will happen, and brings it back', async () => {
  const { r, cluster } = await startApp(runningCluster(), 'Node', undefined);
  await waitForFrame(r, frameHas('node-3'));
  await press(r, 'j', 'F');
  // The whole sentence is shown, on two rows when it is longer than one.
  const flash = await waitForFrame(r, frameHas('node-2 is down: its kubelet stopped posting status;'));
  assert.match(flash.replace(/\n\s*/g, ' '), /node-2 is down: its kubelet stopped posting status; the node controller marks it Unknown after 50s and evicts its pods after their 300s tolerations/);
  assert.equal(cluster.kubelets.isStopped('node-2'), true);
  cluster.advance(70_000);
  assert.equal(node(cluster, 'node-2').status?.conditions?.find((c) => c.type === 'Ready')?.status, 'Unknown');
  await waitForFrame(r, frameHas('NotReady'));
  await press(r, 'F');
  await waitForFrame(r, frameHas('node-2 is back'));
  assert.equal(cluster.kubelets.isStopped('node-2'), false);
  cluster.advance(20_000);
  assert.equal(node(cluster, 'node-2').status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
});

test('r drains the node after a y/N question and sums the output up', async () => {
  const { r, cluster } = await startApp(runningCluster(), 'Node', undefined);
  await waitForFrame(r, frameHas('node-3'));
  const victim = cluster.store.list<Pod>('Pod', { nodeName: 'node-2' }).find((p) => p.metadata.namespace === 'default')!;
  await press(r, 'j', 'r');
  await waitForFrame(r, frameHas('Drain node "node-2" (cordon, evict its pods; DaemonSet pods stay)? [y/N]'));
  await press(r, 'y');
  const frame = await waitForFrame(r, frameHas('node/node-2 drained'));
  assert.match(frame, /node\/node-2 cordoned; evicted \d+ pods? \(/);
  assert.ok(cluster.store.get<Pod>('Pod', 'default', victim.metadata.name!)?.metadata.deletionTimestamp);
});

test('l opens the pod’s logs following; shift-x crashes it; ctrl-k kills it', async () => {
  const { r, cluster } = await startApp(runningCluster(), 'Pod', 'default');
  await waitForFrame(r, frameHas('Running'));
  const pods = () => cluster.store.list<Pod>('Pod', { namespace: 'default' }).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  const first = pods()[0].metadata.name!;

  await press(r, 'X');
  await waitForFrame(r, frameHas(`pod/${first}: container web crashed (exit code 1)`));
  cluster.advance(5_000);
  assert.equal(cluster.store.get<Pod>('Pod', 'default', first)?.status?.containerStatuses?.[0].restartCount, 1);

  await press(r, 'l');
  await waitForFrame(r, frameHas(first));
  await waitForFrame(r, (f) => /logs/i.test(f) && !f.includes('Running'));
  await press(r, KEYS.esc);
  await waitForFrame(r, frameHas('Running'));

  await press(r, KEYS.ctrlK);
  await waitForFrame(r, frameHas(`pod "${first}" force deleted`));
  assert.equal(cluster.store.get('Pod', 'default', first), undefined);
});
