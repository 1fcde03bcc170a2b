import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../../src/api/types.js';
import { ServiceController } from '../../src/controllers/serviceController.js';
import { Harness } from './harness.js';
import { service } from './netStorageFixtures.js';

const lbIp = (h: Harness, name: string) => h.get<Service>('Service', name).status?.loadBalancer?.ingress?.map((i) => i.ip);

describe('service-controller (LoadBalancer)', () => {
  it('gives LoadBalancer Services the lowest free address of the simulated pool', () => {
    const h = new Harness({ controllers: [ServiceController], pods: false });
    h.store.create(service('web', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    h.store.create(service('api', { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 8080 }] }));
    h.store.create(service('internal', { selector: { app: 'db' }, ports: [{ port: 5432 }] }));
    h.settle();
    assert.deepEqual(lbIp(h, 'web'), ['172.18.255.200']);
    assert.deepEqual(lbIp(h, 'api'), ['172.18.255.201']);
    assert.equal(lbIp(h, 'internal'), undefined);
    assert.deepEqual(h.eventsFor('Service', 'web'), ['EnsuringLoadBalancer: Ensuring load balancer', 'EnsuredLoadBalancer: Ensured load balancer']);
    assert.deepEqual(h.get<Service>('Service', 'web').metadata.finalizers, ['service.kubernetes.io/load-balancer-cleanup']);
    const d = h.decisions.query({ component: 'service-controller', object: { kind: 'Service', namespace: 'default', name: 'api' } }).at(-1)!;
    assert.equal(d.action, 'assigned load balancer 172.18.255.201');
    assert.match(d.reason, /lowest free address in the simulated pool 172\.18\.255\.200-172\.18\.255\.250 \(like MetalLB on kind\); 2 of 51 in use/);
  });

  it('releases the address when the type changes, and reuses it', () => {
    const h = new Harness({ controllers: [ServiceController], pods: false });
    h.store.create(service('web', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    h.settle();
    h.store.modify<Service>('Service', 'default', 'web', (s) => {
      s.spec!.type = 'ClusterIP';
      for (const p of s.spec!.ports!) delete p.nodePort;
    });
    h.settle();
    const web = h.get<Service>('Service', 'web');
    assert.equal(web.status?.loadBalancer?.ingress, undefined);
    assert.equal(web.metadata.finalizers, undefined);
    assert.deepEqual(h.eventsFor('Service', 'web').slice(2), ['Type: LoadBalancer -> ClusterIP', 'DeletingLoadBalancer: Deleting load balancer', 'DeletedLoadBalancer: Deleted load balancer']);

    h.store.create(service('api', { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 8080 }] }));
    h.settle();
    assert.deepEqual(lbIp(h, 'api'), ['172.18.255.200']);
  });

  it('holds a deleted LoadBalancer Service until its load balancer is cleaned up', () => {
    const h = new Harness({ controllers: [ServiceController], pods: false });
    h.store.create(service('web', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    h.settle();
    h.store.delete('Service', 'default', 'web');
    h.settle();
    assert.equal(h.store.get('Service', 'default', 'web'), undefined);
    const d = h.decisions.query({ component: 'service-controller' }).at(-1)!;
    assert.deepEqual([d.action, d.reason], ['released load balancer 172.18.255.200', 'the Service is being deleted']);
  });
});
