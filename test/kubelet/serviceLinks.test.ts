// What a container sees of Services, end to end through the kubelet: the docker-link variables of
// the Services in its namespace (plus kubernetes), and the /etc/resolv.conf, /etc/hosts and
// /etc/hostname the kubelet writes, with the names of sim/serviceDns.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import { Cluster } from '../../src/cluster.js';

const show = 'echo host=$WEB_SERVICE_HOST port=$WEB_SERVICE_PORT_HTTP url=$WEB_PORT api=$KUBERNETES_SERVICE_HOST; cat /etc/resolv.conf /etc/hosts /etc/hostname; sleep 3600';

function pod(name: string, spec: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', show] }], ...spec } } as KObject;
}

describe('Services as containers see them', () => {
  const c = new Cluster({ seed: 1 });
  const web = c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] } } as KObject);
  c.store.create(pod('client'));
  c.store.create(pod('db-0', { hostname: 'db-0', subdomain: 'db', hostAliases: [{ ip: '10.1.2.3', hostnames: ['legacy.example.com'] }] }));
  c.store.create(pod('nolinks', { enableServiceLinks: false }));
  c.advance(30_000);
  const ip = web.spec.clusterIP as string;
  const podIP = (name: string) => c.store.get('Pod', 'default', name)!.status!.podIP as string;

  it('injects the namespace Services and kubernetes as environment variables', () => {
    const log = c.kubelets.logs('default', 'client');
    assert.ok(log.includes(`host=${ip} port=80 url=tcp://${ip}:80 api=10.96.0.1`), log.join('\n'));
    assert.ok(c.kubelets.logs('default', 'nolinks').includes('host= port= url= api=10.96.0.1'), 'enableServiceLinks: false keeps only kubernetes');
  });

  it('writes resolv.conf with the cluster DNS and the search path, and hosts with the pod name', () => {
    const log = c.kubelets.logs('default', 'client');
    const at = log.indexOf('nameserver 10.96.0.10');
    assert.ok(at > 0, log.join('\n'));
    assert.deepEqual(log.slice(at, at + 4), ['nameserver 10.96.0.10', 'search default.svc.cluster.local svc.cluster.local cluster.local', 'options ndots:5', '# Kubernetes-managed hosts file.']);
    assert.ok(log.includes(`${podIP('client')}\tclient`));
    assert.equal(log[log.length - 1], 'client', '/etc/hostname');
  });

  it('a pod with hostname and subdomain has its FQDN in /etc/hosts, then the host aliases', () => {
    const log = c.kubelets.logs('default', 'db-0');
    const at = log.indexOf(`${podIP('db-0')}\tdb-0.db.default.svc.cluster.local\tdb-0`);
    assert.ok(at > 0, log.join('\n'));
    assert.deepEqual(log.slice(at + 1, at + 4), ['', '# Entries added by HostAliases.', '10.1.2.3\tlegacy.example.com']);
  });
});
