import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildNodeObject, internalIp, podCidr } from '../../src/kubelet/nodeObject.js';
import { DEFAULT_NODE } from '../../src/sim/nodeSpec.js';

const NOW = '2026-01-01T00:00:00Z';

test('a worker node carries the kubelet labels, a pod CIDR and an address from its number', () => {
  const node = buildNodeObject({ ...DEFAULT_NODE, name: 'node-3', labels: { disk: 'ssd' } }, NOW);
  assert.equal(node.metadata.name, 'node-3');
  assert.deepEqual(node.metadata.labels, {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': 'node-3',
    'kubernetes.io/os': 'linux',
    disk: 'ssd',
  });
  assert.equal(node.spec!.podCIDR, '10.244.2.0/24');
  assert.deepEqual(node.spec!.podCIDRs, ['10.244.2.0/24']);
  assert.equal(node.spec!.taints, undefined);
  assert.deepEqual(node.status!.addresses, [
    { type: 'InternalIP', address: '192.168.49.4' },
    { type: 'Hostname', address: 'node-3' },
  ]);
  assert.deepEqual(node.status!.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
  assert.deepEqual(node.status!.images, []);
});

test('allocatable keeps cpu and pods and leaves out the 100Mi and 10% eviction thresholds', () => {
  const node = buildNodeObject({ ...DEFAULT_NODE, name: 'node-1', cpu: '4', memory: '8Gi', pods: 110 }, NOW);
  assert.deepEqual(node.status!.capacity, {
    cpu: '4',
    'ephemeral-storage': '100Gi',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: '8Gi',
    pods: '110',
  });
  assert.deepEqual(node.status!.allocatable, {
    cpu: '4',
    'ephemeral-storage': '90Gi',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: '8092Mi',
    pods: '110',
  });
});

test('conditions are the kubelet’s own, with the given time as heartbeat and transition', () => {
  const node = buildNodeObject({ ...DEFAULT_NODE, name: 'node-1' }, NOW);
  assert.deepEqual(
    node.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message, c.lastHeartbeatTime, c.lastTransitionTime]),
    [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', NOW, NOW],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', NOW, NOW],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', NOW, NOW],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', NOW, NOW],
    ],
  );
});

test('nodeInfo reports kubelet v1.33.1 on containerd and Ubuntu, with IDs that follow the name', () => {
  const a = buildNodeObject({ ...DEFAULT_NODE, name: 'node-1' }, NOW).status!.nodeInfo!;
  const again = buildNodeObject({ ...DEFAULT_NODE, name: 'node-1' }, '2026-01-01T01:00:00Z').status!.nodeInfo!;
  const b = buildNodeObject({ ...DEFAULT_NODE, name: 'node-2' }, NOW).status!.nodeInfo!;
  assert.equal(a.kubeletVersion, 'v1.33.1');
  assert.equal(a.kubeProxyVersion, 'v1.33.1');
  assert.equal(a.containerRuntimeVersion, 'containerd://1.7.27');
  assert.equal(a.osImage, 'Ubuntu 24.04.2 LTS');
  assert.equal(a.operatingSystem, 'linux');
  assert.equal(a.architecture, 'amd64');
  assert.match(a.kernelVersion, /^\d+\.\d+\.\d+-\d+-generic$/);
  assert.match(a.machineID, /^[0-9a-f]{32}$/);
  assert.match(a.systemUUID, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(a.bootID, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(again, a);
  assert.notEqual(b.machineID, a.machineID);
  assert.notEqual(b.systemUUID, a.systemUUID);
  assert.notEqual(a.bootID, a.systemUUID);
});

test('a control-plane node keeps its role label (valueless) and the taints of its spec', () => {
  const node = buildNodeObject(
    {
      ...DEFAULT_NODE,
      name: 'control-plane',
      labels: { 'node-role.kubernetes.io/control-plane': 'true' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    },
    NOW,
  );
  assert.equal(node.metadata.labels!['node-role.kubernetes.io/control-plane'], '');
  assert.deepEqual(node.spec!.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  // No number in the name: a stable slot of its own, outside the numbered workers' range.
  const again = buildNodeObject({ ...DEFAULT_NODE, name: 'control-plane' }, NOW);
  assert.equal(again.spec!.podCIDR, node.spec!.podCIDR);
  assert.notEqual(node.spec!.podCIDR, '10.244.0.0/24');
});

test('pod CIDRs and addresses stay distinct for thousands of nodes', () => {
  const cidrs = new Set<string>();
  const ips = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    cidrs.add(podCidr(i));
    ips.add(internalIp(i));
  }
  assert.equal(cidrs.size, 5000);
  assert.equal(ips.size, 5000);
  assert.equal(podCidr(0), '10.244.0.0/24');
  assert.equal(podCidr(256), '10.245.0.0/24');
  assert.ok(![...cidrs].some((c) => c.startsWith('10.0.')), 'never the service CIDR');
  assert.equal(internalIp(0), '192.168.49.2');
  assert.equal(internalIp(252), '192.168.49.254');
  assert.equal(internalIp(253), '192.168.50.2');
});
