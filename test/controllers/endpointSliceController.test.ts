import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectorFromSet } from '../../src/api/labels.js';
import type { EndpointSlice, Pod, Service } from '../../src/api/types.js';
import { EndpointSliceController } from '../../src/controllers/endpointSliceController.js';
import { planSlices, type DesiredEndpoint } from '../../src/controllers/endpoints/sliceLayout.js';
import { Harness } from './harness.js';
import { runPod, service } from './netStorageFixtures.js';

function slicesOf(h: Harness, svc: string): EndpointSlice[] {
  return h.store
    .list<EndpointSlice>('EndpointSlice', { namespace: 'default', labelSelector: selectorFromSet({ 'kubernetes.io/service-name': svc }) })
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

describe('endpointslice-controller', () => {
  it('publishes a slice <svc>-<5 random> with conditions ready / serving / terminating', () => {
    const h = new Harness({ controllers: [EndpointSliceController], pods: false });
    const svc = h.store.create<Service>(service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }, { tier: 'front' }));
    runPod(h.store, 'web-a', { ip: '10.244.1.5', node: 'node-1' });
    runPod(h.store, 'web-b', { ip: '10.244.2.5', node: 'node-2', ready: false });
    runPod(h.store, 'web-c', { ip: '10.244.3.5', node: 'node-3' });
    h.settle();
    h.store.delete('Pod', 'default', 'web-c');
    h.settle();

    const [slice, ...rest] = slicesOf(h, 'web');
    assert.equal(rest.length, 0);
    assert.match(slice.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(slice.metadata.labels, {
      tier: 'front',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    assert.equal(slice.addressType, 'IPv4');
    assert.deepEqual(slice.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    assert.deepEqual(slice.metadata.ownerReferences?.[0], { apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true });
    const byPod = Object.fromEntries((slice.endpoints ?? []).map((e) => [e.targetRef!.name, e]));
    assert.deepEqual(byPod['web-a'].conditions, { ready: true, serving: true, terminating: false });
    assert.deepEqual(byPod['web-b'].conditions, { ready: false, serving: false, terminating: false });
    // Terminating pods stay, not ready but still serving, so proxies can drain them.
    assert.deepEqual(byPod['web-c'].conditions, { ready: false, serving: true, terminating: true });
    assert.equal(byPod['web-a'].nodeName, 'node-1');
    assert.deepEqual(byPod['web-a'].addresses, ['10.244.1.5']);
    assert.deepEqual(byPod['web-a'].targetRef, { kind: 'Pod', namespace: 'default', name: 'web-a', uid: h.get<Pod>('Pod', 'web-a').metadata.uid });
    const last = h.decisions.query({ component: 'endpointslice-controller' }).at(-1)!;
    assert.equal(last.action, '3 endpoints in 1 slice (1 ready, 1 not ready, 1 terminating)');
  });

  it('packs at most 100 endpoints per slice and keeps an empty placeholder when no pod matches', () => {
    const h = new Harness({ controllers: [EndpointSliceController], pods: false });
    h.store.create(service('big', { selector: { app: 'big' }, ports: [{ port: 80 }] }));
    for (let i = 0; i < 150; i++) runPod(h.store, `big-${i}`, { ip: `10.244.${Math.floor(i / 200)}.${(i % 200) + 2}`, labels: { app: 'big' } });
    h.settle();
    assert.deepEqual(slicesOf(h, 'big').map((s) => s.endpoints?.length).sort(), [100, 50]);

    h.store.create(service('empty', { selector: { app: 'nothing' }, ports: [{ port: 80 }] }));
    h.settle();
    const empty = slicesOf(h, 'empty');
    assert.equal(empty.length, 1);
    assert.deepEqual(empty[0].endpoints, []);

    // The first matching pod fills the placeholder: the slice keeps its name (the reconciler turns a
    // create plus a delete into an update), as `kubectl get endpointslices` shows in a real cluster.
    runPod(h.store, 'nothing-0', { ip: '10.244.3.2', labels: { app: 'nothing' } });
    h.settle();
    const filled = slicesOf(h, 'empty');
    assert.deepEqual(filled.map((s) => [s.metadata.name, s.endpoints?.length]), [[empty[0].metadata.name, 1]]);
  });

  it('publishNotReadyAddresses marks every endpoint ready', () => {
    const h = new Harness({ controllers: [EndpointSliceController], pods: false });
    h.store.create(service('db', { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'db' }, ports: [{ port: 5432 }] }));
    runPod(h.store, 'db-0', { ip: '10.244.1.5', labels: { app: 'db' }, ready: false });
    h.settle();
    const [slice] = slicesOf(h, 'db');
    assert.deepEqual(slice.endpoints![0].conditions, { ready: true, serving: false, terminating: false });
    assert.equal(slice.metadata.labels?.['service.kubernetes.io/headless'], '');
  });

  it('a change to one pod rewrites only the slice that holds it', () => {
    const ep = (i: number, ready = true): DesiredEndpoint => ({
      uid: `u${i}`,
      endpoint: { addresses: [`10.0.0.${i}`], conditions: { ready, serving: ready, terminating: false }, targetRef: { kind: 'Pod', name: `p${i}`, uid: `u${i}` } },
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
      portsKey: 'k',
    });
    const ports = [{ name: '', port: 80, protocol: 'TCP' }];
    const desired = Array.from({ length: 150 }, (_, i) => ep(i)).map((d) => ({ ...d, portsKey: JSON.stringify([['', 80, 'TCP', '']]) }));
    const first = planSlices([], desired, 100);
    assert.deepEqual(first.create.map((c) => c.endpoints.length), [100, 50]);
    const existing = first.create.map((c, i) => ({ name: `s${i}`, endpoints: c.endpoints, ports }));
    const changed = desired.map((d, i) => (i === 120 ? { ...d, endpoint: ep(120, false).endpoint } : d));
    const plan = planSlices(existing, changed, 100);
    assert.deepEqual(plan.update.map((u) => u.name), ['s1']);
    assert.deepEqual(plan.unchanged, ['s0']);
    assert.deepEqual([plan.create.length, plan.delete.length], [0, 0]);
  });
});
