import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, Service } from '../../src/api/types.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { podDnsName, podHostnameDnsName, resolvConf, resolveServiceName, serviceDnsName, serviceEnvironment, serviceEnvVars, serviceSrvNames } from '../../src/sim/serviceDns.js';
import { Store } from '../../src/store/store.js';

function svc(name: string, namespace: string, spec: Record<string, unknown>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec } as Service;
}

function pod(namespace: string, spec: Record<string, unknown> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace }, spec: { containers: [], ...spec }, status: { podIP: '10.244.1.5' } } as Pod;
}

function store(): Store {
  const s = new Store(new VirtualClock(), new SeededRandom(1));
  for (const ns of ['default', 'shop']) s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { trusted: true });
  const put = (o: Service) => s.create(o, { trusted: true });
  put(svc('kubernetes', 'default', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }));
  put(svc('redis-primary', 'shop', { clusterIP: '10.96.0.11', ports: [{ port: 6379 }] }));
  put(svc('web', 'shop', { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9100, protocol: 'UDP' }] }));
  put(svc('db', 'shop', { clusterIP: 'None', ports: [{ port: 5432 }] }));
  put(svc('ext', 'shop', { type: 'ExternalName', externalName: 'db.example.com' }));
  s.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'shop' }, subsets: [{ addresses: [{ ip: '10.244.2.3' }, { ip: '10.244.1.7' }], ports: [{ port: 5432 }] }] }, { trusted: true });
  return s;
}

describe('service DNS names', () => {
  it('names Services, SRV records and pods', () => {
    assert.equal(serviceDnsName('web', 'default'), 'web.default.svc.cluster.local');
    const web = svc('web', 'shop', { ports: [{ name: 'http', port: 80 }, { port: 81 }] });
    assert.deepEqual(serviceSrvNames(web), ['_http._tcp.web.shop.svc.cluster.local']);
    assert.equal(podDnsName(pod('shop')), '10-244-1-5.shop.pod.cluster.local');
    assert.equal(podHostnameDnsName(pod('shop', { hostname: 'web-0', subdomain: 'nginx' })), 'web-0.nginx.shop.svc.cluster.local');
    assert.deepEqual(resolvConf(pod('shop'), '10.96.0.10'), ['nameserver 10.96.0.10', 'search shop.svc.cluster.local svc.cluster.local cluster.local', 'options ndots:5']);
  });

  it('resolves through the search path: ClusterIP, headless endpoints, ExternalName', () => {
    const s = store();
    assert.deepEqual(resolveServiceName(s, 'web', 'shop'), { name: 'web.shop.svc.cluster.local', type: 'A', values: ['10.96.0.20'] });
    assert.deepEqual(resolveServiceName(s, 'kubernetes.default', 'shop').values, ['10.96.0.1']);
    assert.deepEqual(resolveServiceName(s, 'db.shop.svc.cluster.local', 'default').values, ['10.244.1.7', '10.244.2.3']);
    assert.deepEqual(resolveServiceName(s, 'ext', 'shop'), { name: 'ext.shop.svc.cluster.local', type: 'CNAME', values: ['db.example.com'] });
    assert.equal(resolveServiceName(s, 'web', 'default').type, 'NXDOMAIN');
  });
});

describe('service environment variables', () => {
  it('writes the docker-link variables of a Service', () => {
    const vars = Object.fromEntries(serviceEnvVars(svc('web', 'shop', { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 9100, protocol: 'UDP' }] })).map((v) => [v.name, v.value]));
    assert.deepEqual(vars, {
      WEB_SERVICE_HOST: '10.96.0.20',
      WEB_SERVICE_PORT: '80',
      WEB_SERVICE_PORT_HTTP: '80',
      WEB_SERVICE_PORT_METRICS: '9100',
      WEB_PORT: 'tcp://10.96.0.20:80',
      WEB_PORT_80_TCP: 'tcp://10.96.0.20:80',
      WEB_PORT_80_TCP_PROTO: 'tcp',
      WEB_PORT_80_TCP_PORT: '80',
      WEB_PORT_80_TCP_ADDR: '10.96.0.20',
      WEB_PORT_9100_UDP: 'udp://10.96.0.20:9100',
      WEB_PORT_9100_UDP_PROTO: 'udp',
      WEB_PORT_9100_UDP_PORT: '9100',
      WEB_PORT_9100_UDP_ADDR: '10.96.0.20',
    });
  });

  it('injects the namespace\'s Services with a ClusterIP plus kubernetes from default', () => {
    const s = store();
    const names = serviceEnvironment(s, pod('shop')).map((v) => v.name);
    assert.ok(names.includes('REDIS_PRIMARY_SERVICE_HOST'));
    assert.ok(names.includes('KUBERNETES_PORT_443_TCP_PROTO'));
    assert.ok(!names.some((n) => n.startsWith('DB_') || n.startsWith('EXT_')), 'headless and ExternalName Services get no variables');
    const linksOff = serviceEnvironment(s, pod('shop', { enableServiceLinks: false })).map((v) => v.name);
    assert.ok(linksOff.every((n) => n.startsWith('KUBERNETES_')));
    assert.ok(linksOff.length > 0);
  });
});
