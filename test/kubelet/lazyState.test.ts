// What the kubelet makes on first use instead of at the start (a container's log, its program, its
// files) and what it shares between pods (volume contents, environments) must be exactly what the
// eager versions were: the same lines whenever the log is first read, across restarts and restores.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigMap, Container, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { parseImageRef, type ImageRef } from '../../src/sim/imageRef.js';
import { buildProgram, type Program, type ProgramContext } from '../../src/sim/program.js';
import { kubeletManagedFiles } from '../../src/sim/serviceDns.js';
import type { ShellStep } from '../../src/sim/shellRun.js';
import { DeferredProgram } from '../../src/kubelet/deferredProgram.js';
import { InstanceFiles } from '../../src/kubelet/instanceFiles.js';
import { containerFiles, mountVolumes } from '../../src/kubelet/volumes.js';
import { captureState, restoreState } from '../../src/state/clusterState.js';
import { decodeState, encodeState } from '../../src/state/format.js';
import { MiniCluster } from '../helpers/miniCluster.js';

function steps(program: Program, limit = 200): ShellStep[] {
  const out: ShellStep[] = [];
  const it = program.run();
  for (let r = it.next(); !r.done && out.length < limit; r = it.next()) out.push(r.value);
  return out;
}

function ref(image: string): ImageRef {
  const r = parseImageRef(image);
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('state made on first use', () => {
  it('a program built again from its start context runs exactly as the first build', () => {
    const files = new Map([['/etc/config/app.properties', 'mode=fast\n'], ['/etc/hostname', 'web-0\n']]);
    const cases: Array<[string, Container, Record<string, string>]> = [
      ['nginx:1.27', { name: 'web', image: 'nginx:1.27' }, {}],
      ['mysql:8', { name: 'db', image: 'mysql:8' }, {}],
      ['mysql:8', { name: 'db', image: 'mysql:8' }, { MYSQL_ROOT_PASSWORD: 'x' }],
      ['busybox:1.36', { name: 'loop', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "tick $i $GREETING"; i=$((i+1)); cat /etc/config/app.properties; touch /tmp/x; sleep 3; rm /tmp/x; done'] }, { GREETING: 'hi' }],
      ['busybox:1.36', { name: 'env', image: 'busybox:1.36', command: ['env'] }, { A: '1', B: '2' }],
      ['perl:5.34', { name: 'pi', image: 'perl:5.34', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(200)'] }, {}],
      ['registry.k8s.io/e2e-test-images/agnhost:2.40', { name: 'live', image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'] }, {}],
      ['python:3.12', { name: 'py', image: 'python:3.12', command: ['python', '-c', 'print(1)'] }, {}],
    ];
    for (const [image, container, env] of cases) {
      const context: ProgramContext = { env, files, hostname: 'web-0', podIP: '10.244.0.7', startEpochMs: Date.UTC(2026, 0, 1, 0, 0, 3, 217), cpuCount: 2 };
      const first = buildProgram(container, ref(image), context);
      const deferred = new DeferredProgram(first, container, ref(image), context);
      assert.deepEqual(
        { flavor: deferred.flavor, end: deferred.end, summary: deferred.summary, ports: deferred.ports, warmupMs: deferred.warmupMs, healthFailsAfterMs: deferred.healthFailsAfterMs },
        { flavor: first.flavor, end: first.end, summary: first.summary, ports: first.ports, warmupMs: first.warmupMs, healthFailsAfterMs: first.healthFailsAfterMs },
        container.name,
      );
      assert.deepEqual(steps(deferred), steps(first), container.name);
    }
  });

  it("a container's files made when first looked at are the kubelet's files and its mounts", () => {
    const c = new MiniCluster();
    c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf', namespace: 'default' }, data: { 'app.properties': 'mode=fast\n', greeting: 'hello' } });
    const pods: Pod[] = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' }, spec: { hostname: 'web-0', subdomain: 'web', containers: [] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'aliased', namespace: 'team' }, spec: { hostAliases: [{ ip: '10.1.2.3', hostnames: ['db', 'db.local'] }], dnsConfig: { options: [{ name: 'ndots', value: '2' }] }, containers: [] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'host', namespace: 'default' }, spec: { hostNetwork: true, containers: [] } },
    ];
    const container: Container = { name: 'app', image: 'busybox', volumeMounts: [{ name: 'cfg', mountPath: '/etc/config/' }, { name: 'cfg', mountPath: '/etc/greeting', subPath: 'greeting' }] };
    const mounted = mountVolumes(c.store, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'default' }, spec: { containers: [container], volumes: [{ name: 'cfg', configMap: { name: 'conf' } }] } });
    if (!mounted.ok) throw new Error(mounted.message);
    for (const pod of pods) {
      const lazy: InstanceFiles = new InstanceFiles(pod.spec, pod.metadata.name, pod.metadata.namespace, '10.244.0.9', container, mounted.files);
      const eager: Map<string, string> = new Map([...kubeletManagedFiles(pod, '10.244.0.9'), ...containerFiles(container, mounted.files)]);
      assert.deepEqual([...lazy], [...eager]);
      assert.equal(lazy.size, eager.size);
      assert.equal(lazy.get('/etc/greeting'), 'hello');
      assert.ok(lazy.has('/etc/hosts'));
      assert.deepEqual([...lazy.keys()], [...eager.keys()]);
    }
  });

  it('logs are the same whether first read at the start, now and then, or only at the end (restarts and probes included)', () => {
    const pods = (c: MiniCluster) => {
      c.createPod({ name: 'loop', spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 7; done'] }] } });
      c.createPod({ name: 'crash', annotations: { 'sim.kubesim.dev/crash-after': '12s' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo up; sleep 3600'] }] } });
      c.createPod({ name: 'health', spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 } }] } });
      c.createPod({ name: 'web', spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] } });
    };
    const read = (c: MiniCluster) => {
      const out: Record<string, string[]> = {};
      for (const [pod, container] of [['loop', 'main'], ['crash', 'app'], ['health', 'main'], ['web', 'nginx']]) {
        for (const previous of [false, true]) {
          try {
            out[`${pod}/${previous}`] = c.kubelets.logs('default', pod, container, { previous, timestamps: true });
          } catch (e) {
            out[`${pod}/${previous}`] = [(e as Error).message];
          }
        }
      }
      return out;
    };
    const early = new MiniCluster({ seed: 3 });
    const late = new MiniCluster({ seed: 3 });
    pods(early);
    pods(late);
    const follows: string[] = [];
    for (let t = 0; t < 100; t++) {
      early.run(1000);
      late.run(1000);
      if (t === 2) early.kubelets.followLogs('default', 'crash', 'app', { timestamps: true }, (l) => follows.push(l));
      if (t % 4 === 0) read(early);
    }
    assert.deepEqual(read(late), read(early));
    assert.ok(read(late)['crash/true'].some((l) => l.endsWith(' up')), 'the previous instance printed too');
    assert.ok(follows.at(-1)?.endsWith('[kubesim] container app exited with code 1 (Error) after 12s'), follows.at(-1));
  });

  it('after a restore, logs read for the first time are those of the uninterrupted cluster', () => {
    const build = () => {
      const c = new Cluster({ nodes: 1, seed: 5 });
      c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash', namespace: 'default', annotations: { 'sim.kubesim.dev/crash-after': '9s' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 2; done'] }] } });
      c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }] } });
      c.advance(45_000);
      return c;
    };
    const uninterrupted = build();
    const restored = restoreState(decodeState('t.state', Buffer.from(encodeState(captureState(build(), { seed: 5 }))))).cluster;
    uninterrupted.advance(20_000);
    restored.advance(20_000);
    for (const [pod, container, previous] of [['crash', 'c', false], ['crash', 'c', true], ['web', 'web', false]] as const) {
      const want = uninterrupted.kubelets.logs('default', pod, container, { previous, timestamps: true });
      assert.deepEqual(restored.kubelets.logs('default', pod, container, { previous, timestamps: true }), want, `${pod} previous=${previous}`);
      assert.ok(want.length > 2, `${pod} previous=${previous}: ${want.length}`);
    }
  });
});

describe('state shared between pods', () => {
  it('pods mounted before a ConfigMap changed keep its old files; pods mounted after see the new', () => {
    const c = new MiniCluster();
    c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf', namespace: 'default' }, data: { greeting: 'hello' } });
    const spec = (name: string) => ({
      name,
      spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; cat /etc/config/greeting; sleep 3600'], volumeMounts: [{ name: 'cfg', mountPath: '/etc/config' }] }], volumes: [{ name: 'cfg', configMap: { name: 'conf' } }] },
    });
    c.createPod(spec('a'));
    c.createPod(spec('b'));
    c.run(2000);
    c.store.modify<ConfigMap>('ConfigMap', 'default', 'conf', (cm) => {
      cm.data = { greeting: 'bonjour' };
    });
    c.createPod(spec('c'));
    c.run(10_000);
    const printed = (pod: string) => c.kubelets.logs('default', pod).filter((l) => !l.startsWith('[kubesim]'));
    assert.deepEqual(printed('a'), ['hello']);
    assert.deepEqual(printed('b'), ['hello']);
    assert.deepEqual(printed('c'), ['bonjour']);
  });

  it('a Service made after a pod started is in the environment of the pods started after it only', () => {
    const c = new MiniCluster();
    const env = (name: string) => ({ name, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'env | grep SERVICE_HOST | sort; sleep 3600'] }] } });
    c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 443, protocol: 'TCP' }] } });
    c.createPod(env('first'));
    c.run(3000);
    c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.0.50', ports: [{ port: 80, protocol: 'TCP' }] } });
    c.createPod(env('second'));
    c.run(3000);
    const printed = (pod: string) => c.kubelets.logs('default', pod).filter((l) => !l.startsWith('[kubesim]'));
    assert.deepEqual(printed('first'), ['KUBERNETES_SERVICE_HOST=10.96.0.1']);
    assert.deepEqual(printed('second'), ['KUBERNETES_SERVICE_HOST=10.96.0.1', 'WEB_SERVICE_HOST=10.96.0.50']);
  });
});
