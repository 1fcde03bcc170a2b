// @kubernetes/client-node against the API: its informer lists, then watches from the list's
// resourceVersion, and sees pods come and go (added, updated by the kubelet, deleted).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { startTestServer, type TestServer } from './helpers.js';

function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('@kubernetes/client-node', { timeout: 60_000 }, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ speed: 10 });
  });
  after(async () => {
    await s?.stop();
  });

  it('an informer lists and watches pods', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(s.kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const listed = await core.listNamespacedPod({ namespace: 'kube-system' });
    assert.deepEqual(listed.items, []);

    const seen: string[] = [];
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/pods', () => core.listNamespacedPod({ namespace: 'default' }));
    informer.on('add', (p) => seen.push(`add ${p.metadata?.name}`));
    informer.on('update', (p) => seen.push(`update ${p.metadata?.name} ${p.status?.phase}`));
    informer.on('delete', (p) => seen.push(`delete ${p.metadata?.name}`));
    await informer.start();

    await core.createNamespacedPod({
      namespace: 'default',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'watched' }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } },
    });
    await waitFor(() => seen.includes('update watched Running'), 20_000, 'the pod to run');
    await core.deleteNamespacedPod({ name: 'watched', namespace: 'default', gracePeriodSeconds: 0 });
    await waitFor(() => seen.includes('delete watched'), 20_000, 'the delete event');
    assert.equal(seen[0], 'add watched');
    assert.deepEqual(informer.list().map((p) => p.metadata?.name), []);
    await informer.stop();
  });
});
