// kube-apiserver keeps Service, Endpoints and EndpointSlice default/kubernetes, listing its own address
// on 6443, and puts them back at its next 10 s check when they are deleted or changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Endpoints, EndpointSlice, Service } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { HOST_ADDRESS } from '../../src/controllers/endpoints/apiServerEndpoints.js';
import { EndpointsController } from '../../src/controllers/endpointsController.js';
import { EndpointSliceController } from '../../src/controllers/endpointSliceController.js';
import { workerNodes } from '../../src/sim/nodeSpec.js';

const endpoints = (c: Cluster) => c.store.get<Endpoints>('Endpoints', 'default', 'kubernetes');
const slice = (c: Cluster) => c.store.get<EndpointSlice>('EndpointSlice', 'default', 'kubernetes');

test('a new cluster has Endpoints and EndpointSlice kubernetes: the API server on 6443, named https', () => {
  const c = new Cluster({ nodes: 2 });
  const ep = endpoints(c)!;
  assert.deepEqual(ep.metadata.labels, { 'endpointslice.kubernetes.io/skip-mirror': 'true' });
  assert.deepEqual(ep.subsets, [{ addresses: [{ ip: HOST_ADDRESS }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
  const s = slice(c)!;
  assert.deepEqual(s.metadata.labels, { 'kubernetes.io/service-name': 'kubernetes' }, 'not managed by the endpointslice controller');
  assert.equal(s.metadata.ownerReferences, undefined);
  assert.equal(s.addressType, 'IPv4');
  assert.deepEqual(s.endpoints, [{ addresses: [HOST_ADDRESS], conditions: { ready: true } }]);
  assert.deepEqual(s.ports, [{ name: 'https', port: 6443, protocol: 'TCP' }]);
  const svc = c.store.get<Service>('Service', 'default', 'kubernetes')!;
  assert.equal(svc.spec?.selector, undefined);
  assert.deepEqual(svc.spec?.ports, [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
});

test('with a control-plane node the address is its InternalIP', () => {
  const nodes = [{ ...workerNodes(1)[0], name: 'control-plane', labels: { 'node-role.kubernetes.io/control-plane': '' } }, ...workerNodes(2)];
  const c = new Cluster({ nodes });
  const ip = c.store.get('Node', undefined, 'control-plane')!.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address;
  assert.deepEqual(endpoints(c)!.subsets![0].addresses, [{ ip }]);
  assert.deepEqual(slice(c)!.endpoints[0].addresses, [ip]);
});

test('deleted or changed, they come back at the API server’s next check, within 10 s', () => {
  const c = new Cluster({ nodes: 1 });
  c.advance(3_000);
  c.store.delete('Endpoints', 'default', 'kubernetes');
  c.store.delete('EndpointSlice', 'default', 'kubernetes');
  c.advance(6_999);
  assert.equal(endpoints(c), undefined, 'not before the check at 10 s');
  assert.equal(slice(c), undefined);
  c.advance(1);
  assert.equal(endpoints(c)!.subsets![0].addresses![0].ip, HOST_ADDRESS);
  assert.equal(slice(c)!.endpoints[0].addresses[0], HOST_ADDRESS);

  c.store.modify<Endpoints>('Endpoints', 'default', 'kubernetes', (e) => {
    e.subsets = [{ addresses: [{ ip: '10.9.9.9' }], ports: [{ port: 1 }] }];
  });
  c.advance(10_000);
  assert.equal(endpoints(c)!.subsets![0].addresses![0].ip, HOST_ADDRESS, 'a hand edit is reverted');
  const decisions = c.decisions.query({ limit: 100 }).filter((d) => d.component === 'kube-apiserver').map((d) => d.action);
  assert.deepEqual(decisions, ['created endpoints kubernetes', 'created endpointslice kubernetes', 'created endpoints kubernetes', 'created endpointslice kubernetes', 'updated endpoints kubernetes']);
});

test('the Service itself is recreated, and the endpoints controllers leave its endpoints alone', () => {
  const c = new Cluster({ nodes: 1, controllers: [EndpointsController, EndpointSliceController] });
  c.store.delete('Service', 'default', 'kubernetes');
  c.advance(10_000);
  const svc = c.store.get<Service>('Service', 'default', 'kubernetes')!;
  assert.equal(svc.spec?.clusterIP, '10.96.0.1');
  c.advance(60_000);
  assert.ok(endpoints(c) && slice(c));
  const byControllers = c.decisions.query({ limit: 200 }).filter((d) => d.object.name === 'kubernetes' && d.component.startsWith('endpoint'));
  assert.ok(!byControllers.some((d) => d.component === 'endpointslice-controller'), 'the endpointslice controller never touches it');
  assert.match(byControllers.at(-1)!.reason, /kube-apiserver keeps Endpoints kubernetes itself/);
  const rv = endpoints(c)!.metadata.resourceVersion;
  c.advance(60_000);
  assert.equal(endpoints(c)!.metadata.resourceVersion, rv, 'nobody rewrites it');
});
