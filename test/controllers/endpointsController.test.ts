import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Endpoints, Pod } from '../../src/api/types.js';
import { EndpointsController } from '../../src/controllers/endpointsController.js';
import { OVER_CAPACITY_ANNOTATION, truncateSubsets, type EndpointSubset } from '../../src/controllers/endpoints/endpointSubsets.js';
import { Harness } from './harness.js';
import { runPod, service, setPodStatus } from './netStorageFixtures.js';

function setup(): Harness {
  return new Harness({ controllers: [EndpointsController], pods: false });
}

const ips = (addrs: { ip: string }[] | undefined) => (addrs ?? []).map((a) => a.ip);

describe('endpoint-controller', () => {
  it('lists ready pods in addresses and not-ready ones in notReadyAddresses, and says why', () => {
    const h = setup();
    h.store.create(service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }));
    runPod(h.store, 'web-a', { ip: '10.244.1.5', node: 'node-1' });
    runPod(h.store, 'web-b', { ip: '10.244.2.7', node: 'node-2' });
    runPod(h.store, 'web-c', { ip: '10.244.1.10', node: 'node-1' });
    runPod(h.store, 'web-x', { ip: '10.244.3.4', node: 'node-3', ready: false, readinessProbe: true });
    runPod(h.store, 'web-pending', { ready: false, phase: 'Pending' });
    runPod(h.store, 'other', { ip: '10.244.3.9', labels: { app: 'db' } });
    h.settle();

    const ep = h.get<Endpoints>('Endpoints', 'web');
    assert.equal(ep.subsets?.length, 1);
    const subset = ep.subsets![0];
    assert.deepEqual(ips(subset.addresses), ['10.244.1.5', '10.244.1.10', '10.244.2.7']);
    assert.deepEqual(ips(subset.notReadyAddresses), ['10.244.3.4']);
    assert.deepEqual(subset.ports, [{ port: 8080, protocol: 'TCP' }]);
    const a = subset.addresses![0];
    const pod = h.get<Pod>('Pod', 'web-a');
    assert.deepEqual(a, { ip: '10.244.1.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: pod.metadata.uid } });

    const last = h.decisions.query({ component: 'endpoint-controller' }).at(-1)!;
    assert.equal(last.object.name, 'web');
    assert.equal(last.action, '3 ready, 1 not ready');
    assert.match(last.reason, /^web-x: readiness probe failing/);
  });

  it('drops a terminating pod at once and updates only when the content changes', () => {
    const h = setup();
    h.store.create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    runPod(h.store, 'web-a', { ip: '10.244.1.5' });
    runPod(h.store, 'web-b', { ip: '10.244.1.6' });
    h.settle();
    const before = h.get<Endpoints>('Endpoints', 'web').metadata.resourceVersion;

    // A change that does not touch any endpoint writes nothing.
    h.store.modify<Pod>('Pod', 'default', 'web-a', (p) => void (p.metadata.annotations = { note: 'x' }));
    setPodStatus(h.store, 'web-b', { ip: '10.244.1.6' });
    h.settle();
    assert.equal(h.get<Endpoints>('Endpoints', 'web').metadata.resourceVersion, before);

    h.store.delete('Pod', 'default', 'web-b');
    assert.ok(h.get<Pod>('Pod', 'web-b').metadata.deletionTimestamp, 'still terminating');
    h.settle();
    assert.deepEqual(ips(h.get<Endpoints>('Endpoints', 'web').subsets![0].addresses), ['10.244.1.5']);
    const last = h.decisions.query({ component: 'endpoint-controller' }).at(-1)!;
    assert.equal(last.action, '1 ready');
    assert.match(last.reason, /removed web-b/);
  });

  it('resolves a named targetPort per pod and leaves out pods without it', () => {
    const h = setup();
    h.store.create(service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }] }));
    runPod(h.store, 'web-a', { ip: '10.244.1.5', ports: [{ name: 'web', containerPort: 8080 }] });
    runPod(h.store, 'web-b', { ip: '10.244.1.6', ports: [{ name: 'web', containerPort: 9090 }] });
    runPod(h.store, 'web-c', { ip: '10.244.1.7', ports: [{ name: 'metrics', containerPort: 9100 }] });
    h.settle();
    const subsets = h.get<Endpoints>('Endpoints', 'web').subsets!;
    assert.deepEqual(
      subsets.map((s) => [ips(s.addresses), s.ports]),
      [
        [['10.244.1.5'], [{ name: 'http', port: 8080, protocol: 'TCP' }]],
        [['10.244.1.6'], [{ name: 'http', port: 9090, protocol: 'TCP' }]],
      ],
    );
    const last = h.decisions.query({ component: 'endpoint-controller' }).at(-1)!;
    assert.equal(last.action, '2 ready');
    assert.match(last.reason, /web-c has no container port named "web"/);
  });

  it('publishNotReadyAddresses puts every candidate in addresses; headless Services are labelled', () => {
    const h = setup();
    h.store.create(service('db', { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'db' }, ports: [{ port: 5432 }] }));
    runPod(h.store, 'db-0', { ip: '10.244.1.5', labels: { app: 'db' }, ready: false });
    h.settle();
    const ep = h.get<Endpoints>('Endpoints', 'db');
    assert.deepEqual(ips(ep.subsets![0].addresses), ['10.244.1.5']);
    assert.equal(ep.subsets![0].notReadyAddresses, undefined);
    assert.equal(ep.metadata.labels?.['service.kubernetes.io/headless'], '');
  });

  it('leaves the Endpoints of a Service without selector to its user, and deletes managed ones with the Service', () => {
    const h = setup();
    h.store.create(service('external', { ports: [{ port: 3306 }] }));
    h.store.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external', namespace: 'default' }, subsets: [{ addresses: [{ ip: '192.168.0.10' }], ports: [{ port: 3306 }] }] });
    h.settle();
    assert.deepEqual(ips(h.get<Endpoints>('Endpoints', 'external').subsets![0].addresses), ['192.168.0.10']);
    assert.match(h.decisionsOf('endpoint-controller').join('\n'), /left endpoints alone \(no selector/);

    h.store.create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    h.settle();
    assert.ok(h.store.get('Endpoints', 'default', 'web'));
    h.store.delete('Service', 'default', 'web');
    h.settle();
    assert.equal(h.store.get('Endpoints', 'default', 'web'), undefined);
  });

  it('truncates past 1000 addresses, ready ones first, in proportion per subset', () => {
    const addr = (i: number) => ({ ip: `10.0.${Math.floor(i / 250)}.${i % 250}` });
    const subsets: EndpointSubset[] = [
      { addresses: Array.from({ length: 600 }, (_, i) => addr(i)), notReadyAddresses: Array.from({ length: 300 }, (_, i) => addr(600 + i)) },
      { addresses: Array.from({ length: 200 }, (_, i) => addr(900 + i)), notReadyAddresses: Array.from({ length: 100 }, (_, i) => addr(1100 + i)) },
    ];
    assert.equal(truncateSubsets(subsets, 1000), true);
    // 800 ready fit; the 200 places left go to not-ready ones: ceil(300/400 × 200) = 150, then 50.
    assert.deepEqual(subsets.map((s) => [s.addresses?.length, s.notReadyAddresses?.length]), [[600, 150], [200, 50]]);
    assert.equal(OVER_CAPACITY_ANNOTATION, 'endpoints.kubernetes.io/over-capacity');
    assert.equal(truncateSubsets([{ addresses: [addr(1)] }], 1000), false);
  });
});
