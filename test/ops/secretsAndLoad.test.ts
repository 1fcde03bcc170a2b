import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../src/api/types.js';
import { addLoad, injectedCpuMilli } from '../../src/ops/load.js';
import { decodeSecret } from '../../src/ops/secrets.js';
import { WorkloadUsage } from '../../src/sim/workloadUsage.js';
import { withWeb } from './opsHarness.js';

test('decode returns every key of a secret in clear text', () => {
  const h = withWeb(1);
  h.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { password: Buffer.from('s3cr3t').toString('base64'), user: Buffer.from('admin').toString('base64') } });
  assert.deepEqual(decodeSecret(h.store, 'default', 'db'), { password: 's3cr3t', user: 'admin' });
  assert.throws(() => decodeSecret(h.store, 'default', 'nope'), /secrets "nope" not found/);
});

function readyPods(h: ReturnType<typeof withWeb>): Pod[] {
  return h.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

test('load is spread over the workload’s ready pods; 0 removes it', () => {
  const h = withWeb(3);
  const usage = new WorkloadUsage(h.store, h.clock);
  for (const pod of h.store.list<Pod>('Pod', { namespace: 'default' })) {
    h.store.modify<Pod>('Pod', 'default', pod.metadata.name!, (p) => {
      p.status!.containerStatuses = [{ name: 'web', ready: true, restartCount: 0, image: 'nginx:1.25', imageID: '', state: { running: { startedAt: h.clock.iso() } } }];
    }, { subresource: 'status' });
  }
  const cluster = { store: h.store, usage };
  const pods = readyPods(h);
  assert.equal(pods.length, 3);
  const before = usage.podUsage(pods[0])!.cpuMilli;
  assert.equal(addLoad(cluster, 'Deployment', 'default', 'web', '900m'), 'deployment.apps/web: 900m of extra cpu load spread over its ready pods (an HPA sees it at its next 15s sync)');
  assert.equal(injectedCpuMilli(cluster, 'Deployment', 'default', 'web'), 900);
  assert.equal(usage.podUsage(pods[0])!.cpuMilli - before, 300);
  assert.equal(addLoad(cluster, 'Deployment', 'default', 'web', '1.5'), 'deployment.apps/web: 1500m of extra cpu load spread over its ready pods (an HPA sees it at its next 15s sync)');
  assert.equal(addLoad(cluster, 'Deployment', 'default', 'web', '0'), 'deployment.apps/web: injected cpu load removed');
  assert.equal(usage.injectedLoads().length, 0);
  assert.throws(() => addLoad(cluster, 'Deployment', 'default', 'web', 'lots'), /invalid cpu quantity "lots"/);
  assert.throws(() => addLoad(cluster, 'Deployment', 'default', 'nope', '1'), /deployments.apps "nope" not found/);
  assert.throws(() => addLoad(cluster, 'Service', 'default', 'web', '1'), /not on a Service/);
});
