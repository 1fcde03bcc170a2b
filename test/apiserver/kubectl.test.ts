// The real kubectl against a running kubesim API server: the commands the books print, one server
// for the file, run in sequence. The simulation advances at 10x real time so rollouts, evictions and
// grace periods finish in a moment; assertions are on what kubectl prints and on the store.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ok, startTestServer, type TestServer } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/web.yaml', import.meta.url));
const T = { timeout: 30_000 };
/** kubectl 1.27 sends JSON bodies and reads the OpenAPI v2 document in protobuf; where installed beside the default kubectl, it is checked too. */
const KUBECTL_127 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

describe('kubectl against kubesim serve', { timeout: 120_000 }, () => {
  let s: TestServer;
  let changed: string;
  before(async () => {
    s = await startTestServer({ speed: 10, cluster: { startTime: Math.floor(Date.now() / 1000) * 1000 } });
    changed = join(s.dir, 'web-changed.yaml');
  });
  after(async () => {
    await s?.stop();
  });

  it('get nodes, api-resources, explain', T, async () => {
    const nodes = lines(await ok(s, 'get', 'nodes'));
    assert.match(nodes[0], /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    assert.deepEqual(nodes.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' ')), ['node-1 Ready', 'node-2 Ready', 'node-3 Ready']);
    const resources = await ok(s, 'api-resources');
    assert.match(resources, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    assert.match(resources, /^secrets\s+v1\s+true\s+Secret$/m, 'secrets have no kubectl short name');
    assert.match(resources, /^nodes\s+no\s+v1\s+false\s+Node$/m);
    const explain = await ok(s, 'explain', 'deployment.spec.replicas');
    assert.match(explain, /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: replicas <integer>/);
  });

  it('apply -f (client-side): create, unchanged, then wait for Available', T, async () => {
    assert.deepEqual(lines(await ok(s, 'apply', '-f', FIXTURE)), ['deployment.apps/web created', 'service/web created', 'persistentvolumeclaim/data created']);
    assert.deepEqual(lines(await ok(s, 'apply', '-f', FIXTURE)), ['deployment.apps/web unchanged', 'service/web unchanged', 'persistentvolumeclaim/data unchanged']);
    assert.equal((await ok(s, 'wait', '--for=condition=Available', 'deployment/web', '--timeout=30s')).trim(), 'deployment.apps/web condition met');
  });

  it('get: -A, -o wide|yaml|json|jsonpath|name, -l, --field-selector, every kind', T, async () => {
    const wide = lines(await ok(s, 'get', 'pods', '-l', 'app=web', '-o', 'wide'));
    assert.match(wide[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    assert.equal(wide.length, 3);
    for (const row of wide.slice(1)) assert.match(row, /^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-\d/);
    const all = lines(await ok(s, 'get', 'deploy,svc', '-A'));
    assert.match(all[0], /^NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    assert.match(all[1], /^default\s+deployment\.apps\/web\s+2\/2\s+2\s+2\s/);
    assert.match(await ok(s, 'get', 'deploy', 'web', '-o', 'yaml'), /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
    const json = JSON.parse(await ok(s, 'get', 'deploy', 'web', '-o', 'json'));
    assert.equal(json.status.availableReplicas, 2);
    assert.equal(await ok(s, 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'), '2 nginx:1.25');
    const running = lines(await ok(s, 'get', 'pods', '--field-selector', 'status.phase=Running', '-o', 'name'));
    assert.equal(running.length, 2);
    assert.ok(running.every((l) => l.startsWith('pod/web-')));
    const refused = await s.kubectl('get', 'pods', '--field-selector', 'spec.foo=bar');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /field label not supported: spec\.foo/);
    const kinds = lines(await ok(s, 'api-resources', '--verbs=list', '-o', 'name'));
    assert.ok(kinds.length >= 30);
    for (const kind of kinds) {
      const r = await s.kubectl('get', kind, '-A');
      assert.equal(r.code, 0, `kubectl get ${kind} -A: ${r.stderr}`);
    }
  });

  it('describe pod, deployment, node, service, pvc', T, async () => {
    const pod = await ok(s, 'describe', 'pod', '-l', 'app=web');
    assert.match(pod, /^Name:\s+web-/m);
    assert.match(pod, /Successfully assigned default\/web-/);
    const deploy = await ok(s, 'describe', 'deployment', 'web');
    assert.match(deploy, /^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
    assert.match(deploy, /ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-[a-z0-9]+ from 0 to 2/);
    const node = await ok(s, 'describe', 'node', 'node-1');
    assert.match(node, /^Name:\s+node-1$/m);
    assert.match(node, /^Non-terminated Pods:/m);
    const svc = await ok(s, 'describe', 'service', 'web');
    assert.match(svc, /^Endpoints:\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/m);
    const pvc = await ok(s, 'describe', 'pvc', 'data');
    assert.match(pvc, /^Name:\s+data$/m);
    assert.match(pvc, /^Finalizers:\s+\[kubernetes\.io\/pvc-protection\]$/m);
  });

  it('apply -f changed, rollout status|history|undo|restart|pause|resume, set image', T, async () => {
    writeFileSync(changed, readFileSync(FIXTURE, 'utf8').replace('nginx:1.25', 'nginx:1.26'));
    assert.match(await ok(s, 'apply', '-f', changed), /^deployment\.apps\/web configured$/m);
    assert.match(await ok(s, 'rollout', 'status', 'deployment/web', '--timeout=30s'), /deployment "web" successfully rolled out\n$/);
    assert.equal((await ok(s, 'set', 'image', 'deployment/web', 'nginx=nginx:1.27')).trim(), 'deployment.apps/web image updated');
    await ok(s, 'rollout', 'status', 'deployment/web', '--timeout=30s');
    assert.deepEqual(lines(await ok(s, 'rollout', 'history', 'deployment/web')).map((l) => l.trim()), ['deployment.apps/web', 'REVISION  CHANGE-CAUSE', '1         <none>', '2         <none>', '3         <none>']);
    assert.equal((await ok(s, 'rollout', 'undo', 'deployment/web')).trim(), 'deployment.apps/web rolled back');
    await ok(s, 'rollout', 'status', 'deployment/web', '--timeout=30s');
    assert.equal(await ok(s, 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.26');
    // Undo reuses revision 2's ReplicaSet, which becomes revision 4.
    assert.deepEqual(lines(await ok(s, 'rollout', 'history', 'deployment/web')).slice(2).map((l) => l.split(/\s+/)[0]), ['1', '3', '4']);
    assert.equal((await ok(s, 'rollout', 'restart', 'deployment/web')).trim(), 'deployment.apps/web restarted');
    assert.match(await ok(s, 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations}'), /kubectl\.kubernetes\.io\/restartedAt/);
    assert.equal((await ok(s, 'rollout', 'pause', 'deployment/web')).trim(), 'deployment.apps/web paused');
    assert.equal(s.cluster.store.get('Deployment', 'default', 'web')!.spec.paused, true);
    assert.equal((await ok(s, 'rollout', 'resume', 'deployment/web')).trim(), 'deployment.apps/web resumed');
    assert.equal(s.cluster.store.get('Deployment', 'default', 'web')!.spec.paused, undefined);
    await ok(s, 'rollout', 'status', 'deployment/web', '--timeout=30s');
  });

  it('scale, expose, autoscale, label, annotate', T, async () => {
    assert.equal((await ok(s, 'scale', 'deployment/web', '--replicas=3')).trim(), 'deployment.apps/web scaled');
    assert.equal(s.cluster.store.get('Deployment', 'default', 'web')!.spec.replicas, 3);
    assert.equal((await ok(s, 'expose', 'deployment', 'web', '--name=web-np', '--port=8080', '--target-port=80', '--type=NodePort')).trim(), 'service/web-np exposed');
    const np = s.cluster.store.get('Service', 'default', 'web-np')!;
    assert.deepEqual([np.spec.type, np.spec.selector, np.spec.ports[0].port, np.spec.ports[0].targetPort], ['NodePort', { app: 'web' }, 8080, 80]);
    assert.equal((await ok(s, 'autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80')).trim(), 'horizontalpodautoscaler.autoscaling/web autoscaled');
    const hpa = lines(await ok(s, 'get', 'hpa'));
    assert.match(hpa[1], /^web\s+Deployment\/web\s+cpu: \S+\/80%\s+2\s+5\s+\d+\s/);
    assert.match(await ok(s, 'label', 'pods', '-l', 'app=web', 'tier=fe'), /^pod\/web-\S+ labeled$/m);
    assert.equal((await ok(s, 'annotate', 'deployment', 'web', 'note=hello')).trim(), 'deployment.apps/web annotated');
    assert.equal(s.cluster.store.get('Deployment', 'default', 'web')!.metadata.annotations!.note, 'hello');
  });

  it('create (typed clients send protobuf), delete with cascade', T, async () => {
    assert.equal((await ok(s, 'create', 'deployment', 'api', '--image=nginx', '--replicas=2', '--port=8080')).trim(), 'deployment.apps/api created');
    const api = s.cluster.store.get('Deployment', 'default', 'api')!;
    assert.deepEqual([api.spec.replicas, api.spec.template.spec.containers[0].image, api.spec.template.spec.containers[0].ports[0].containerPort], [2, 'nginx', 8080]);
    assert.equal((await ok(s, 'create', 'namespace', 'team-a')).trim(), 'namespace/team-a created');
    assert.equal((await ok(s, 'create', 'configmap', 'cfg', '-n', 'team-a', '--from-literal=a=b')).trim(), 'configmap/cfg created');
    assert.deepEqual(s.cluster.store.get('ConfigMap', 'team-a', 'cfg')!.data, { a: 'b' });
    assert.equal((await ok(s, 'create', 'secret', 'generic', 'pw', '--from-literal=p=q')).trim(), 'secret/pw created');
    assert.deepEqual(s.cluster.store.get('Secret', 'default', 'pw')!.data, { p: Buffer.from('q').toString('base64') });
    assert.equal((await ok(s, 'create', 'role', 'reader', '--verb=get,list', '--resource=pods')).trim(), 'role.rbac.authorization.k8s.io/reader created');
    assert.equal((await ok(s, 'create', 'rolebinding', 'jane-reads', '--role=reader', '--user=jane')).trim(), 'rolebinding.rbac.authorization.k8s.io/jane-reads created');
    await ok(s, 'wait', '--for=condition=Available', 'deployment/api', '--timeout=30s');
    const rs = s.cluster.store.list('ReplicaSet', { namespace: 'default' }).filter((r) => r.metadata.name!.startsWith('api-'));
    assert.equal(rs.length, 1);
    assert.equal((await ok(s, 'delete', 'deployment', 'api', '--cascade=orphan')).trim(), 'deployment.apps "api" deleted');
    assert.ok(s.cluster.store.get('ReplicaSet', 'default', rs[0].metadata.name!), 'orphaned ReplicaSet stays');
    assert.equal((await ok(s, 'delete', 'replicaset', rs[0].metadata.name!, '--cascade=foreground')).trim(), `replicaset.apps "${rs[0].metadata.name}" deleted`);
    assert.equal(s.cluster.store.get('ReplicaSet', 'default', rs[0].metadata.name!), undefined);
  });

  it('auth can-i (with --as), events, logs, top', T, async () => {
    assert.equal((await ok(s, 'auth', 'can-i', 'create', 'deployments')).trim(), 'yes');
    assert.equal((await ok(s, 'auth', 'can-i', 'list', 'pods', '--as', 'jane')).trim(), 'yes');
    const denied = await s.kubectl('auth', 'can-i', 'delete', 'pods', '--as', 'jane');
    assert.deepEqual([denied.code, denied.stdout.trim()], [1, 'no']);
    const forbidden = await s.kubectl('get', 'secrets', '--as', 'jane');
    assert.match(forbidden.stderr, /Error from server \(Forbidden\): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"/);
    assert.match(await ok(s, 'auth', 'can-i', '--list'), /^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/m);
    const events = lines(await ok(s, 'events'));
    assert.match(events[0], /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    assert.ok(events.some((l) => /ScalingReplicaSet\s+Deployment\/web\s+Scaled up replica set web-/.test(l)));
    const logs = await s.kubectl('logs', 'deployment/web', '--tail=3');
    assert.equal(logs.code, 0, logs.stderr);
    assert.equal(lines(logs.stdout).length, 3);
    const followed = await s.kubectlFor(2000, 'logs', '-f', 'deployment/web');
    assert.match(followed.stdout, /nginx/);
    const top = lines(await ok(s, 'top', 'nodes'));
    assert.match(top[0], /^NAME\s+CPU\(cores\)\s+CPU%?\(?%?\)?\s+MEMORY\(bytes\)\s+MEMORY%?\(?%?\)?\s*$/);
    assert.equal(top.length, 4);
    const pods = lines(await ok(s, 'top', 'pods', '-l', 'app=web'));
    assert.match(pods[0], /^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*$/);
    assert.match(pods[1], /^web-\S+\s+\d+m\s+\d+Mi\s*$/);
  });

  it('get -w shows the changes as they happen', T, async () => {
    const watching = s.kubectlFor(3000, 'get', 'pods', '-l', 'app=web', '-w', '--output-watch-events');
    await new Promise((r) => setTimeout(r, 600));
    await ok(s, 'scale', 'deployment/web', '--replicas=4');
    const out = await watching;
    assert.match(out.stdout, /^EVENT\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(out.stdout, /^ADDED\s+web-\S+\s+0\/1\s+Pending/m);
    assert.match(out.stdout, /^MODIFIED\s+web-\S+\s+1\/1\s+Running/m);
  });

  it('apply --server-side twice, then changed; conflicts with other managers', T, async () => {
    // `kubectl scale` (the watch test scaled to 4) owns .spec.replicas through the scale subresource.
    const scaled = await s.kubectl('apply', '--server-side', '-f', changed);
    assert.equal(scaled.code, 1);
    assert.match(scaled.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1: \.spec\.replicas$/m);
    assert.deepEqual(lines(await ok(s, 'apply', '--server-side', '--force-conflicts', '-f', changed)), ['deployment.apps/web serverside-applied', 'service/web serverside-applied', 'persistentvolumeclaim/data serverside-applied']);
    assert.equal(s.cluster.store.get('Deployment', 'default', 'web')!.spec.replicas, 2);
    await ok(s, 'apply', '--server-side', '-f', changed);
    const three = join(s.dir, 'web-three.yaml');
    writeFileSync(three, readFileSync(changed, 'utf8').replace('replicas: 2', 'replicas: 3'));
    assert.match(await ok(s, 'apply', '--server-side', '-f', three), /^deployment\.apps\/web serverside-applied$/m);
    assert.equal(s.cluster.store.get('Deployment', 'default', 'web')!.spec.replicas, 3);
    const conflict = await s.kubectl('apply', '--server-side', '--field-manager=ci', '-f', changed);
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl": \.spec\.replicas$/m);
    assert.match(await ok(s, 'apply', '--server-side', '--field-manager=ci', '--force-conflicts', '-f', changed), /serverside-applied/);
    assert.equal(s.cluster.store.get('Deployment', 'default', 'web')!.spec.replicas, 2);
  });

  it('taint, cordon, drain, uncordon', T, async () => {
    assert.equal((await ok(s, 'taint', 'nodes', 'node-3', 'dedicated=gpu:NoSchedule')).trim(), 'node/node-3 tainted');
    assert.deepEqual(s.cluster.store.get('Node', undefined, 'node-3')!.spec.taints, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    assert.equal((await ok(s, 'cordon', 'node-2')).trim(), 'node/node-2 cordoned');
    assert.match(await ok(s, 'get', 'node', 'node-2'), /node-2\s+Ready,SchedulingDisabled/);
    const drain = await ok(s, 'drain', 'node-1', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=30s');
    assert.match(drain, /^node\/node-1 cordoned$/m);
    assert.match(drain, /^node\/node-1 drained$/m);
    assert.deepEqual(s.cluster.store.list('Pod', { nodeName: 'node-1' }).filter((p) => !p.metadata.deletionTimestamp), []);
    assert.equal((await ok(s, 'uncordon', 'node-1')).trim(), 'node/node-1 uncordoned');
  });

  it('an older kubectl (1.27): JSON bodies, OpenAPI v2 in protobuf', { ...T, skip: existsSync(KUBECTL_127) ? false : `${KUBECTL_127} is not installed` }, async () => {
    const created = await s.kubectlBinary(KUBECTL_127, 'create', 'deployment', 'old', '--image=nginx');
    assert.equal(created.stdout.trim(), 'deployment.apps/old created', created.stderr);
    const explain = await s.kubectlBinary(KUBECTL_127, 'explain', 'pod.spec.containers.ports', '--output=plaintext-openapiv2');
    assert.match(explain.stdout, /^RESOURCE: ports <\[\]Object>$/m, explain.stderr);
    assert.match(explain.stdout, /^ {3}containerPort\t<integer> -required-$/m);
    const applied = await s.kubectlBinary(KUBECTL_127, 'apply', '-f', changed);
    assert.equal(applied.code, 0, applied.stderr);
  });
});
