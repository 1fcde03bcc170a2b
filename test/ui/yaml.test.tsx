import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { objectYaml } from '../../src/ui/model/objectYaml.js';
import { KEYS, command, demoCluster, filter, frameHas, misfit, press, renderApp, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('YAML leaves out managedFields and masks a Secret unless decoding was asked for', () => {
  const cluster = demoCluster([], 1_000);
  const secret = cluster.store.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'default', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${b64('s3cr3t-passw')}"}}` }, managedFields: [{ manager: 'kubectl' }] },
    data: { password: b64('s3cr3t-passw') },
  });
  const masked = objectYaml(secret).join('\n');
  assert.ok(!masked.includes('managedFields'));
  assert.ok(!masked.includes(b64('s3cr3t-passw')) && !masked.includes('s3cr3t'));
  assert.match(masked, /^data:\n {2}password: "\*\*\*"$/m);
  assert.match(masked, /kubectl\.kubernetes\.io\/last-applied-configuration: "\*\*\*"/);
  const decoded = objectYaml(secret, true).join('\n');
  assert.match(decoded, /^stringData:\n {2}password: s3cr3t-passw$/m);
  assert.ok(!/^data:/m.test(decoded));
});

test('y on a secret shows *** until x; describe shows sizes until x; within 80x24', async () => {
  const cluster = demoCluster([], 1_000);
  cluster.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, type: 'Opaque', data: { password: b64('s3cr3t-passw') } });
  const app = await renderApp(cluster, { kind: 'Pod', columns: 80, rows: 24 });
  await waitForFrame(app.r, frameHas('pods(default)'));
  await command(app.r, 'sec');
  await waitForFrame(app.r, frameHas('secrets(default)'));
  await filter(app.r, '^db');
  await waitForFrame(app.r, frameHas('</^db>'));
  await press(app.r, 'y');
  let frame = await waitForFrame(app.r, frameHas('yaml Secret default/db'));
  assert.match(frame, /password: "\*\*\*"/);
  assert.ok(!frame.includes('s3cr3t'));
  assert.equal(misfit(frame, 80, 24), undefined);
  await press(app.r, 'x');
  frame = await waitForFrame(app.r, frameHas('yaml Secret default/db (decoded)'));
  assert.match(frame, /password: s3cr3t-passw/);
  await press(app.r, 'x');
  frame = await waitForFrame(app.r, (f) => f.includes('yaml Secret default/db') && !f.includes('(decoded)'));
  assert.ok(!frame.includes('s3cr3t'));
  await press(app.r, 'd');
  frame = await waitForFrame(app.r, frameHas('describe Secret default/db'));
  assert.match(frame, /password:\s+12 bytes/);
  await press(app.r, KEYS.esc);
  await waitForFrame(app.r, frameHas('secrets(default)'));
});
