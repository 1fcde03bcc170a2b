import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import { refOf } from '../../src/events/decisionLog.js';
import { describe } from '../../src/printers/describe/index.js';
import { rfc1123z } from '../../src/printers/describe/fields.js';
import { smartLabel } from '../../src/printers/describe/generic.js';
import { probeText } from '../../src/printers/describe/probe.js';
import { tabulate } from '../../src/printers/describe/tabWriter.js';
import { addDeployment, addNode, addServiceWithEndpoints, newWorld, type World } from '../helpers/uiFixtures.js';

const ctxOf = (w: World, obj?: KObject, extra = {}) => ({ now: w.clock.now(), store: w.store, decisions: obj ? w.decisions.query({ object: refOf(obj) }) : [], ...extra });
const line = (lines: string[], start: string) => lines.find((l) => l.startsWith(start));

test('tabulate aligns blocks as Go tabwriter does: a line without a tab ends the block', () => {
  assert.deepEqual(tabulate('Name:\tweb\nService Account:\tdefault\nContainers:\n  web:\n    Image:\tnginx\n    Restart Count:\t0\n'), [
    'Name:             web',
    'Service Account:  default',
    'Containers:',
    '  web:',
    '    Image:          nginx',
    '    Restart Count:  0',
  ]);
  // An empty cell still takes its padding, so a double tab leaves a gap (kubectl's node pod table).
  assert.deepEqual(tabulate('a\tb\t\tc\nlonger\tx\t\ty\n'), ['a       b    c', 'longer  x    y']);
  // A line with fewer cells ends the inner column's block but not the outer one.
  assert.deepEqual(tabulate('k:\tv\tw\nkey:\tvalue\n'), ['k:    v  w', 'key:  value']);
});

test('probes read as kubectl describe prints them', () => {
  assert.equal(probeText({ httpGet: { path: '/', port: 80, scheme: 'HTTP' } }), 'http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3');
  assert.equal(probeText({ httpGet: { path: '/healthz', port: 'http', scheme: 'HTTPS' }, initialDelaySeconds: 5, failureThreshold: 1 }), 'http-get https://:http/healthz delay=5s timeout=1s period=10s #success=1 #failure=1');
  assert.equal(probeText({ exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 }), 'exec [cat /tmp/healthy] delay=0s timeout=1s period=5s #success=1 #failure=3');
  assert.equal(probeText({ tcpSocket: { port: 3306 } }), 'tcp-socket :3306 delay=0s timeout=1s period=10s #success=1 #failure=3');
});

test('timestamps are RFC 1123 with a numeric zone; labels for unknown fields read as words', () => {
  assert.equal(rfc1123z('2026-01-01T00:00:05Z'), 'Thu, 01 Jan 2026 00:00:05 +0000');
  assert.equal(rfc1123z(undefined), '<unknown>');
  assert.equal(smartLabel('apiVersion'), 'API Version');
  assert.equal(smartLabel('creationTimestamp'), 'Creation Timestamp');
  assert.equal(smartLabel('uid'), 'UID');
  assert.equal(smartLabel('podCIDR'), 'Pod CIDR');
  assert.equal(smartLabel('k8s.io/x'), 'k8s.io/x');
});

test('pod: placement, containers with state and probes, conditions, QoS, tolerations, events and decisions', () => {
  const w = newWorld();
  addNode(w);
  const { pods } = addDeployment(w, 'web', 1);
  const pod = pods[0];
  w.events.record({ component: 'default-scheduler' }, pod, 'Normal', 'Scheduled', `Successfully assigned default/${pod.metadata.name} to node-1`);
  w.clock.setNow(w.clock.now() + 60_000);
  const unhealthy = 'Liveness probe failed: HTTP probe failed with statuscode: 500';
  w.events.record({ component: 'kubelet', host: 'node-1' }, pod, 'Warning', 'Unhealthy', unhealthy);
  w.clock.setNow(w.clock.now() + 120_000);
  w.events.record({ component: 'kubelet', host: 'node-1' }, pod, 'Warning', 'Unhealthy', unhealthy);
  w.events.record({ component: 'kubelet', host: 'node-1' }, pod, 'Warning', 'Unhealthy', unhealthy);
  w.decisions.record({
    component: 'default-scheduler',
    object: refOf(pod),
    action: 'bound to node-1',
    reason: 'score 87; node-2 Insufficient cpu',
    details: { rows: [{ node: 'node-1', filters: 'passed', final: 87, chosen: true }, { node: 'node-2', filters: { NodeUnschedulable: 'passed', NodeResourcesFit: 'Insufficient cpu' } }] },
  });
  const lines = describe(pod, ctxOf(w, pod));

  assert.equal(lines[0], `Name:             ${pod.metadata.name}`);
  assert.equal(line(lines, 'Node:'), 'Node:             node-1/10.0.0.11');
  assert.equal(line(lines, 'Start Time:'), 'Start Time:       Thu, 01 Jan 2026 00:00:00 +0000');
  assert.equal(line(lines, 'Controlled By:'), 'Controlled By:  ReplicaSet/web-7c5d9f8b6');
  const containers = lines.indexOf('Containers:');
  assert.deepEqual(lines.slice(containers, containers + 11), [
    'Containers:',
    '  nginx:',
    '    Container ID:   containerd://nginx0001',
    '    Image:          nginx:1.27',
    '    Image ID:       docker.io/library/nginx:1.27@sha256:0123',
    '    Port:           80/TCP',
    '    Host Port:      0/TCP',
    '    State:          Running',
    '      Started:      Thu, 01 Jan 2026 00:00:00 +0000',
    '    Ready:          True',
    '    Restart Count:  0',
  ]);
  assert.ok(lines.some((l) => /^ {4}Liveness:\s+http-get http:\/\/:80\/ delay=0s timeout=1s period=10s #success=1 #failure=3$/.test(l)));
  assert.ok(lines.includes('    Requests:'));
  assert.ok(lines.some((l) => /^ {6}cpu:\s+250m$/.test(l)));
  assert.ok(lines.some((l) => /^ {6}MODE:\s+prod$/.test(l)));
  assert.ok(lines.some((l) => /^ {4}Mounts:\s+<none>$/.test(l)));
  const conditions = lines.indexOf('Conditions:');
  assert.deepEqual(lines.slice(conditions + 1, conditions + 3), ['  Type              Status', '  Initialized       True']);
  assert.ok(lines.some((l) => /^QoS Class:\s+Burstable$/.test(l)));
  assert.ok(lines.some((l) => /^Node-Selectors:\s+<none>$/.test(l)));
  const tolerations = lines.findIndex((l) => l.startsWith('Tolerations:'));
  assert.match(lines[tolerations], /^Tolerations:\s+node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s$/);
  assert.equal(lines[tolerations + 1].trim(), 'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s');
  assert.equal(lines[tolerations + 1].indexOf('node'), lines[tolerations].indexOf('node'));

  const events = lines.indexOf('Events:');
  assert.deepEqual(lines.slice(events + 1, events + 5), [
    '  Type     Reason     Age              From               Message',
    '  ----     ------     ----             ----               -------',
    `  Normal   Scheduled  3m               default-scheduler  Successfully assigned default/${pod.metadata.name} to node-1`,
    `  Warning  Unhealthy  0s (x3 over 2m)  kubelet            ${unhealthy}`,
  ]);
  const decisions = lines.indexOf('Decisions:');
  assert.ok(decisions > events);
  assert.match(lines[decisions + 3], /^ {2}0s\s+default-scheduler\s+bound to node-1$/);
  assert.match(lines[decisions + 4], /^\s+score 87; node-2 Insufficient cpu$/);
  assert.match(lines[decisions + 5], /^\s+NODE\s+FILTERS\s+SCORE$/);
  assert.match(lines[decisions + 6], /^\s+node-1\s+passed\s+87 \(chosen\)$/);
  assert.match(lines[decisions + 7], /^\s+node-2\s+NodeResourcesFit: Insufficient cpu$/);
});

test('an object with no events or decisions says so', () => {
  const w = newWorld();
  const cm = w.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'port=80' } });
  const lines = describe(cm, ctxOf(w, cm));
  assert.deepEqual(lines.slice(-3), ['', 'Events:  <none>', 'Decisions:  <none>']);
  assert.ok(lines.includes('app.conf:'));
  assert.ok(lines.includes('port=80'));
});

test('deployment: replicas line, strategy, pod template, conditions, old and new replica sets', () => {
  const w = newWorld();
  const { deployment, rs } = addDeployment(w, 'web', 3);
  const old: KObject = w.store.create(
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-5f8d6c', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment.metadata.uid!, controller: true }] },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5f8d6c' } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': '5f8d6c' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } },
      status: { replicas: 1 },
    },
    { trusted: true },
  );
  const lines = describe(deployment, ctxOf(w));
  assert.equal(line(lines, 'Replicas:'), 'Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable');
  assert.equal(line(lines, 'StrategyType:'), 'StrategyType:           RollingUpdate');
  assert.equal(line(lines, 'MinReadySeconds:'), 'MinReadySeconds:        0');
  assert.equal(line(lines, 'RollingUpdateStrategy:'), 'RollingUpdateStrategy:  25% max unavailable, 25% max surge');
  assert.ok(lines.includes('Pod Template:'));
  assert.ok(lines.includes('   nginx:'), 'template containers are indented one more space, as kubectl does');
  assert.ok(lines.some((l) => /^ {2}Available\s+True\s+MinimumReplicasAvailable$/.test(l)));
  assert.match(line(lines, 'OldReplicaSets:')!, new RegExp(`^OldReplicaSets:\\s+${old.metadata.name} \\(1/1 replicas created\\)$`));
  assert.match(line(lines, 'NewReplicaSet:')!, new RegExp(`^NewReplicaSet:\\s+${rs.metadata.name} \\(3/3 replicas created\\)$`));
});

test('node: roles, taints, conditions, addresses, capacity, system info, its pods and allocated totals', () => {
  const w = newWorld();
  const node = addNode(w);
  addDeployment(w, 'web', 2);
  const lines = describe(node, ctxOf(w));
  assert.equal(line(lines, 'Roles:'), 'Roles:              worker');
  assert.equal(line(lines, 'Taints:'), 'Taints:             dedicated=gpu:NoSchedule');
  assert.equal(line(lines, 'Unschedulable:'), 'Unschedulable:      false');
  assert.ok(lines.some((l) => /^ {2}Ready\s+True\s+Thu, 01 Jan 2026 00:00:00 \+0000\s+Thu, 01 Jan 2026 00:00:00 \+0000\s+KubeletReady\s+kubelet is posting ready status$/.test(l)));
  assert.ok(lines.includes('  InternalIP:  10.0.0.11'));
  assert.ok(lines.some((l) => /^ {2}cpu:\s+4$/.test(l)));
  assert.ok(lines.some((l) => /^ {2}Kubelet Version:\s+v1\.31\.0$/.test(l)));
  assert.ok(lines.some((l) => /^PodCIDR:\s+10\.244\.1\.0\/24$/.test(l)));
  assert.ok(lines.some((l) => /^Non-terminated Pods:\s+\(2 in total\)$/.test(l)));
  assert.ok(lines.some((l) => /^ {2}default\s+web-7c5d9f8b6-x0k2q\s+250m \(6%\)\s+0 \(0%\)\s+64Mi \(0%\)\s+128Mi \(1%\)\s+0s$/.test(l)));
  assert.ok(lines.includes('  (Total limits may be over 100 percent, i.e., overcommitted.)'));
  assert.ok(lines.some((l) => /^ {2}cpu\s+500m \(12%\)\s+0 \(0%\)$/.test(l)));
  assert.ok(lines.some((l) => /^ {2}memory\s+128Mi \(1%\)\s+256Mi \(3%\)$/.test(l)));
});

test('service: ports with target port, node port and endpoints', () => {
  const w = newWorld();
  const svc = addServiceWithEndpoints(w);
  const lines = describe(svc, ctxOf(w));
  assert.equal(line(lines, 'Selector:'), 'Selector:                 app=web');
  assert.equal(line(lines, 'Type:'), 'Type:                     NodePort');
  assert.equal(line(lines, 'IP:'), 'IP:                       10.96.0.20');
  assert.equal(line(lines, 'Port:'), 'Port:                     http  80/TCP');
  assert.equal(line(lines, 'TargetPort:'), 'TargetPort:               80/TCP');
  assert.equal(line(lines, 'NodePort:'), 'NodePort:                 http  30001/TCP');
  assert.equal(line(lines, 'Endpoints:'), 'Endpoints:                10.244.1.5:80,10.244.2.7:80');
  assert.equal(line(lines, 'Session Affinity:'), 'Session Affinity:         None');
});

test('claim: class, status, volume, capacity, access modes and the pods using it', () => {
  const w = newWorld();
  const pvc = w.store.create(
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: 'pv-1', volumeMode: 'Filesystem' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    },
    { trusted: true },
  );
  w.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-0', namespace: 'default' }, spec: { containers: [{ name: 'db', image: 'mysql:8' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }, { trusted: true });
  const lines = describe(pvc, ctxOf(w));
  assert.equal(line(lines, 'StorageClass:'), 'StorageClass:  standard');
  assert.equal(line(lines, 'Status:'), 'Status:        Bound');
  assert.equal(line(lines, 'Volume:'), 'Volume:        pv-1');
  assert.equal(line(lines, 'Finalizers:'), 'Finalizers:    [kubernetes.io/pvc-protection]');
  assert.equal(line(lines, 'Capacity:'), 'Capacity:      1Gi');
  assert.equal(line(lines, 'Access Modes:'), 'Access Modes:  RWO');
  assert.equal(line(lines, 'Used By:'), 'Used By:       db-0');
});

test('secret values show as sizes unless decoded', () => {
  const w = newWorld();
  const secret = w.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, type: 'Opaque', data: { password: Buffer.from('s3cr3t-passw').toString('base64'), user: Buffer.from('root').toString('base64') } });
  const masked = describe(secret, ctxOf(w));
  assert.ok(masked.includes('Type:  Opaque'));
  assert.ok(masked.includes('password:  12 bytes'));
  assert.ok(masked.includes('user:      4 bytes'));
  assert.ok(!masked.join('\n').includes('s3cr3t'));
  const shown = describe(secret, ctxOf(w, undefined, { decoded: true }));
  assert.ok(shown.includes('password:  s3cr3t-passw'));
});

test('other kinds fall back to every field under readable labels', () => {
  const w = newWorld();
  const sc = w.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'kubesim.dev/hostpath', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' });
  const lines = describe(sc, ctxOf(w));
  assert.equal(lines[0], 'Name:         fast');
  assert.ok(lines.some((l) => /^Provisioner:\s+kubesim\.dev\/hostpath$/.test(l)));
  assert.ok(lines.some((l) => /^Volume Binding Mode:\s+WaitForFirstConsumer$/.test(l)));
  assert.ok(lines.some((l) => /^API Version:\s+storage\.k8s\.io\/v1$/.test(l)));
  assert.ok(lines.includes('Metadata:'));
  assert.ok(!lines.some((l) => l.startsWith('  Name:')), 'metadata.name is not repeated');
});
