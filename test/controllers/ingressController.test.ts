import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ingress } from '../../src/api/types.js';
import { EndpointSliceController } from '../../src/controllers/endpointSliceController.js';
import { pathMatches, routeRequest } from '../../src/controllers/ingress/routeRequest.js';
import { IngressController } from '../../src/controllers/ingressController.js';
import { Harness } from './harness.js';
import { runPod, service } from './netStorageFixtures.js';

type PathSpec = [path: string, pathType: string, service: string, port?: number];

function ingress(name: string, rules: Array<{ host?: string; paths: PathSpec[] }>, extra: Record<string, unknown> = {}): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default' },
    spec: {
      rules: rules.map((r) => ({
        ...(r.host ? { host: r.host } : {}),
        http: { paths: r.paths.map(([path, pathType, svc, port]) => ({ path, pathType, backend: { service: { name: svc, port: { number: port ?? 80 } } } })) },
      })),
      ...extra,
    },
  } as Ingress;
}

function setup(): Harness {
  return new Harness({ controllers: [EndpointSliceController, IngressController], pods: false });
}

describe('ingress-controller', () => {
  it('publishes the controller address and traces each rule to ready endpoints', () => {
    const h = setup();
    h.store.create(service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }));
    h.store.create(ingress('site', [{ host: 'shop.example.com', paths: [['/', 'Prefix', 'web'], ['/api', 'Prefix', 'api', 8080]] }]));
    h.settle();
    const ing = h.get<Ingress>('Ingress', 'site');
    assert.deepEqual(ing.status?.loadBalancer?.ingress, [{ ip: '172.18.255.199' }]);
    assert.deepEqual(h.eventsFor('Ingress', 'site'), ['Sync: Scheduled for sync']);
    let d = h.decisions.query({ component: 'ingress-controller' }).at(-1)!;
    assert.equal(d.action, 'published address 172.18.255.199: 2 routes');
    assert.equal(
      d.reason,
      'shop.example.com/ (Prefix) → web:80 → no endpoints: service web has no ready pods; shop.example.com/api (Prefix) → api:8080 → service "api" not found',
    );

    runPod(h.store, 'web-a', { ip: '10.244.1.5' });
    runPod(h.store, 'web-b', { ip: '10.244.2.5' });
    h.store.create(service('api', { selector: { app: 'api' }, ports: [{ port: 8080 }] }));
    h.settle();
    d = h.decisions.query({ component: 'ingress-controller' }).at(-1)!;
    assert.equal(d.action, 'routes changed: 2 routes');
    assert.equal(
      d.reason,
      'shop.example.com/ (Prefix) → web:80 → 2 ready endpoints; shop.example.com/api (Prefix) → api:8080 → no endpoints: service api has no ready pods',
    );
  });

  it('ignores Ingresses of another class', () => {
    const h = setup();
    h.store.create(ingress('other', [{ paths: [['/', 'Prefix', 'web']] }], { ingressClassName: 'traefik' }));
    h.store.create(ingress('mine', [{ paths: [['/', 'Prefix', 'web']] }], { ingressClassName: 'nginx' }));
    h.settle();
    assert.equal(h.get<Ingress>('Ingress', 'other').status?.loadBalancer?.ingress, undefined);
    assert.deepEqual(h.get<Ingress>('Ingress', 'mine').status?.loadBalancer?.ingress, [{ ip: '172.18.255.199' }]);
    assert.match(h.decisionsOf('ingress-controller').join('\n'), /ignored \(class "traefik" is not served here/);
  });
});

describe('routeRequest', () => {
  const h = new Harness({ controllers: [], pods: false });
  h.store.create(
    ingress('a', [
      { host: 'foo.com', paths: [['/', 'Prefix', 'root'], ['/api', 'Prefix', 'api'], ['/api/v1', 'Exact', 'v1'], ['/a', 'Prefix', 'a-prefix'], ['/a', 'Exact', 'a-exact']] },
      { host: '*.foo.com', paths: [['/', 'Prefix', 'wild']] },
      { paths: [['/static', 'ImplementationSpecific', 'static']] },
    ]),
  );
  h.store.create(ingress('b', [{ host: 'bar.com', paths: [['/x', 'Exact', 'x']] }], { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } }));
  const target = (host: string, path: string) => {
    const r = routeRequest(h.store, host, path).match;
    return r ? `${r.backend.service?.name}` : '404';
  };

  it('takes the longest matching path, Exact before Prefix on equal length', () => {
    assert.equal(target('foo.com', '/api/v1'), 'v1');
    assert.equal(target('foo.com', '/api/v1/users'), 'api');
    assert.equal(target('foo.com', '/api/'), 'api');
    assert.equal(target('foo.com', '/apix'), 'root');
    assert.equal(target('foo.com', '/a'), 'a-exact');
    assert.equal(target('foo.com', '/a/b'), 'a-prefix');
    assert.equal(target('FOO.com:8080', '/api?q=1'), 'api');
  });

  it('matches hosts exactly, then by a one-label wildcard, then rules without host', () => {
    assert.equal(target('bar.foo.com', '/anything'), 'wild');
    assert.equal(target('baz.bar.foo.com', '/static/app.js'), 'static');
    assert.equal(target('other.org', '/staticfiles'), 'static');
    assert.equal(target('other.org', '/'), 'fallback');
  });

  it('falls back to a defaultBackend, else the controller answers 404', () => {
    assert.equal(target('bar.com', '/y'), 'fallback');
    const r = routeRequest(h.store, 'bar.com', '/y');
    assert.equal(r.match?.via, 'defaultBackend');
    const h2 = new Harness({ controllers: [], pods: false });
    h2.store.create(ingress('only', [{ host: 'foo.com', paths: [['/', 'Prefix', 'root']] }]));
    const miss = routeRequest(h2.store, 'nope.com', '/');
    assert.equal(miss.match, undefined);
    assert.match(miss.explanation, /no rule for host nope\.com and no defaultBackend → the ingress controller's default backend answers 404/);
  });

  it('matches Prefix by whole path elements', () => {
    assert.equal(pathMatches('Prefix', '/foo', '/foo'), true);
    assert.equal(pathMatches('Prefix', '/foo', '/foo/'), true);
    assert.equal(pathMatches('Prefix', '/foo/', '/foo'), true);
    assert.equal(pathMatches('Prefix', '/foo', '/foo/bar'), true);
    assert.equal(pathMatches('Prefix', '/foo', '/foobar'), false);
    assert.equal(pathMatches('Exact', '/foo', '/foo/'), false);
  });
});
