import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import { Harness, message } from './harness.js';

function svc(name: string, spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}

test('ClusterIPs come from 10.96.0.0/12, lowest free of the dynamic band first', () => {
  const h = new Harness();
  const a = h.store.create(svc('a'));
  const b = h.store.create(svc('b'));
  assert.equal(a.spec.clusterIP, '10.96.1.1');
  assert.deepEqual(a.spec.clusterIPs, ['10.96.1.1']);
  assert.deepEqual(a.spec.ipFamilies, ['IPv4']);
  assert.equal(b.spec.clusterIP, '10.96.1.2');
  h.store.delete('Service', 'default', 'a');
  assert.equal(h.store.create(svc('c')).spec.clusterIP, '10.96.1.1');
  assert.equal(h.store.create(svc('d')).spec.clusterIP, '10.96.1.3');
});

test('headless Services keep None and ExternalName Services get no IP', () => {
  const h = new Harness();
  const headless = h.store.create(svc('db', { clusterIP: 'None' }));
  assert.equal(headless.spec.clusterIP, 'None');
  assert.deepEqual(headless.spec.clusterIPs, ['None']);
  const external = h.store.create<KObject>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'ext', namespace: 'default' },
    spec: { type: 'ExternalName', externalName: 'db.example.com' },
  });
  assert.equal(external.spec.clusterIP, undefined);
  assert.equal(h.store.create(svc('next')).spec.clusterIP, '10.96.1.1');
});

test('a chosen IP is reserved; taking it twice or outside the range is refused', () => {
  const h = new Harness();
  assert.equal(h.store.create(svc('dns', { clusterIP: '10.96.0.10' })).spec.clusterIP, '10.96.0.10');
  assert.throws(
    () => h.store.create(svc('x', { clusterIP: '10.96.0.10' })),
    message('Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated'),
  );
  assert.throws(
    () => h.store.create(svc('y', { clusterIP: '192.168.0.5' })),
    message('Service "y" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.5"}: failed to allocate IP 192.168.0.5: the provided IP (192.168.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12'),
  );
  // A dynamically allocated one is just as taken.
  const auto = h.store.create(svc('auto'));
  assert.throws(() => h.store.create(svc('z', { clusterIP: auto.spec.clusterIP })), /provided IP is already allocated/);
});

test('NodePort and LoadBalancer Services get a node port per port from 30000-32767', () => {
  const h = new Harness();
  const np = h.store.create(svc('np', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }));
  assert.deepEqual(np.spec.ports.map((p: { nodePort: number }) => p.nodePort), [30086, 30087]);
  const lb = h.store.create(svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }));
  assert.equal(lb.spec.ports[0].nodePort, 30088);
  assert.equal(lb.spec.healthCheckNodePort, 30089);
  const noPorts = h.store.create(svc('lb2', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }));
  assert.equal(noPorts.spec.ports[0].nodePort, undefined);
  assert.equal(h.store.create(svc('plain')).spec.ports[0].nodePort, undefined);
});

test('a requested node port in use or out of range is refused', () => {
  const h = new Harness();
  h.store.create(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }));
  assert.throws(
    () => h.store.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] })),
    message('Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated'),
  );
  assert.throws(
    () => h.store.create(svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] })),
    message('Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767'),
  );
  // Allocation skips the taken one.
  h.store.create(svc('d', { type: 'NodePort', ports: [{ port: 80, nodePort: 30086 }] }));
  assert.equal(h.store.create(svc('e', { type: 'NodePort' })).spec.ports[0].nodePort, 30087);
});

test('deleting a Service releases its IP and node ports', () => {
  const h = new Harness();
  h.store.create(svc('a', { type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ port: 80, nodePort: 30500 }] }));
  h.store.delete('Service', 'default', 'a');
  const again = h.store.create(svc('b', { type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ port: 80, nodePort: 30500 }] }));
  assert.equal(again.spec.clusterIP, '10.96.0.50');
});

test('updates keep allocated values the client left out, and changing type drops or adds node ports', () => {
  const h = new Harness();
  const created = h.store.create(svc('web', { type: 'NodePort' }));
  const ip = created.spec.clusterIP;
  // A full replace without clusterIP or nodePort (as a re-applied manifest) keeps both.
  const replaced = h.store.update<KObject>({ ...svc('web', { type: 'NodePort' }), metadata: { ...created.metadata } });
  assert.equal(replaced.spec.clusterIP, ip);
  assert.equal(replaced.spec.ports[0].nodePort, 30086);
  const asClusterIP = h.store.patch('Service', 'default', 'web', { spec: { type: 'ClusterIP' } });
  assert.equal(asClusterIP.spec.ports[0].nodePort, undefined);
  assert.equal(asClusterIP.spec.clusterIP, ip);
  // The port is free again.
  assert.equal(h.store.create(svc('other', { type: 'NodePort' })).spec.ports[0].nodePort, 30086);
  const back = h.store.patch('Service', 'default', 'web', { spec: { type: 'NodePort' } });
  assert.equal(back.spec.ports[0].nodePort, 30087);
});

test('a refused or rolled-back write does not keep what it was given', () => {
  const h = new Harness();
  h.store.create(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }));
  // This one gets 10.96.1.2 and 30086, then fails on its second port.
  assert.throws(() =>
    h.store.create(svc('b', { type: 'NodePort', ports: [{ name: 'x', port: 80 }, { name: 'y', port: 81, nodePort: 30001 }] })),
  );
  assert.throws(() =>
    h.store.transaction(() => {
      h.store.create(svc('c', { type: 'NodePort' }));
      throw new Error('apply failed later');
    }),
  );
  const d = h.store.create(svc('d', { type: 'NodePort' }));
  assert.equal(d.spec.clusterIP, '10.96.1.2');
  assert.equal(d.spec.ports[0].nodePort, 30086);
});

test('inside one transaction two Services never share an IP or a port', () => {
  const h = new Harness();
  const [a, b] = h.store.transaction(() => [h.store.create(svc('a', { type: 'NodePort' })), h.store.create(svc('b', { type: 'NodePort' }))]);
  assert.notEqual(a.spec.clusterIP, b.spec.clusterIP);
  assert.notEqual(a.spec.ports[0].nodePort, b.spec.ports[0].nodePort);
  assert.equal(h.store.create(svc('c', { type: 'NodePort' })).spec.clusterIP, '10.96.1.3');
});

test('allocation state follows a snapshot restore', () => {
  const h = new Harness();
  h.store.create(svc('a'));
  const snap = h.store.snapshot();
  h.store.create(svc('b'));
  h.store.create(svc('c'));
  h.store.restore(snap);
  // b and c are gone with the restore: their addresses are free again.
  assert.equal(h.store.create(svc('d')).spec.clusterIP, '10.96.1.2');
  assert.throws(() => h.store.create(svc('e', { clusterIP: '10.96.1.1' })), /provided IP is already allocated/);
});
