// Pod statuses share what many pods hold equal (conditions, hostIPs, container states), without that
// being visible: the same fields in the same order, and no object twice within one pod (a YAML
// printer would write it as an anchor and an alias).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import type { Container, Pod } from '../../src/api/types.js';
import { MiniCluster } from '../helpers/miniCluster.js';
import { VolumeFiles } from '../../src/kubelet/volumeFiles.js';
import { Backoff } from '../../src/kubelet/backoff.js';
import { UnmadeBackoff } from '../../src/kubelet/unmadeBackoff.js';
import { repeatedObjects } from '../helpers/repeatedObjects.js';

const web: Container = { name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '10m' } } };


function assertNoAliases(pod: Pod): void {
  assert.equal(repeatedObjects(pod), 0, `${pod.metadata.name} holds an object twice`);
  assert.doesNotMatch(YAML.stringify(pod, { lineWidth: 0 }), /(^|\s)[&*]a\d+\b/m);
}

describe('shared pod status parts', () => {
  it('pods started together share conditions and hostIPs; fields keep their order', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'a', spec: { containers: [web] } });
    c.createPod({ name: 'b', spec: { containers: [web] } });
    c.run(10_000);
    const a = c.mustPod('a').status!;
    const b = c.mustPod('b').status!;
    assert.equal(a.phase, 'Running');
    assert.equal(a.conditions, b.conditions, 'one conditions list');
    assert.equal(a.hostIPs, b.hostIPs, 'one hostIPs list per node');
    assert.notEqual(a.podIPs, b.podIPs);
    assert.notEqual(a.podIP, b.podIP);
    assert.deepEqual(Object.keys(a), ['phase', 'conditions', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'containerStatuses', 'qosClass']);
    assert.deepEqual(Object.keys(a.containerStatuses![0]), ['name', 'state', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'started', 'containerID']);
    assert.deepEqual(Object.keys(a.conditions![0]), ['type', 'status', 'lastProbeTime', 'lastTransitionTime']);
    assert.equal(a.conditions![0].lastProbeTime, null);
    assert.deepEqual(a.containerStatuses![0].lastState, {});
    assert.match(a.containerStatuses![0].containerID!, /^containerd:\/\/[0-9a-f]{64}$/);
    for (const name of ['a', 'b']) assertNoAliases(c.mustPod(name));
  });

  it('a pod never holds one shared state twice, even when its containers started in the same second', () => {
    const c = new MiniCluster();
    const spec = {
      initContainers: [{ name: 'side', image: 'nginx:1.27', restartPolicy: 'Always' } as Container],
      containers: [web, { ...web, name: 'web2' }, { ...web, name: 'web3' }],
    };
    c.createPod({ name: 'multi', spec });
    c.createPod({ name: 'multi2', spec });
    c.run(15_000);
    const pod = c.mustPod('multi');
    assert.equal(pod.status!.phase, 'Running');
    const statuses = [...pod.status!.initContainerStatuses!, ...pod.status!.containerStatuses!];
    assert.equal(statuses.length, 4);
    assert.ok(statuses.every((s) => s.state?.running));
    assertNoAliases(pod);
    assertNoAliases(c.mustPod('multi2'));
    // Pods waiting alike (before their sandbox is ready) say so in their own objects too.
    c.createPod({ name: 'late', spec });
    c.createPod({ name: 'late2', spec });
    c.run(100);
    for (const name of ['late', 'late2']) {
      const p = c.mustPod(name);
      assert.ok([...p.status!.initContainerStatuses!, ...p.status!.containerStatuses!].every((s) => s.state?.waiting));
      assertNoAliases(p);
    }
  });

  it('conditions set by others stay in front of the kubelet’s own, as before', () => {
    const c = new MiniCluster();
    c.createPod({ name: 'gated', spec: { containers: [web], readinessGates: [{ conditionType: 'example.com/ready' }] } });
    c.run(10_000);
    assert.equal(c.mustPod('gated').status!.conditions!.find((x) => x.type === 'Ready')!.status, 'False');
    c.store.modify<Pod>('Pod', 'default', 'gated', (d) => void d.status!.conditions!.push({ type: 'example.com/ready', status: 'True', lastTransitionTime: c.clock.iso() }), { subresource: 'status' });
    c.run(2_000);
    const conditions = c.mustPod('gated').status!.conditions!;
    assert.deepEqual(conditions.map((x) => x.type), ['example.com/ready', 'PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    assert.equal(conditions.find((x) => x.type === 'Ready')!.status, 'True');
    assertNoAliases(c.mustPod('gated'));
  });
});

describe('a pod’s mounted volumes', () => {
  const files = (text: string) => new Map([['key', text]]);

  it('read like the Map of volume name to files they replace', () => {
    const volumes = [{ name: 'cfg', configMap: { name: 'x' } }, { name: 'token', emptyDir: {} }];
    const contents = [files('a'), files('b')];
    const compact = VolumeFiles.of(volumes, contents);
    const map = new Map([['cfg', contents[0]], ['token', contents[1]]]);
    assert.ok(compact instanceof VolumeFiles);
    assert.equal(compact.size, map.size);
    assert.equal(compact.get('token'), contents[1]);
    assert.equal(compact.get('nope'), undefined);
    assert.equal(compact.has('cfg'), true);
    assert.equal(compact.has('nope'), false);
    assert.deepEqual([...compact], [...map]);
    assert.deepEqual([...compact.keys()], [...map.keys()]);
    assert.deepEqual([...compact.values()], [...map.values()]);
    const seen: string[] = [];
    compact.forEach((_, k) => seen.push(k));
    assert.deepEqual(seen, ['cfg', 'token']);
  });

  it('fall back to a Map when two volumes share a name (the last one counts)', () => {
    const volumes = [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }];
    const contents = [files('first'), files('second')];
    const result = VolumeFiles.of(volumes, contents);
    assert.ok(result instanceof Map);
    assert.equal(result.size, 1);
    assert.equal(result.get('v'), contents[1]);
  });
});

describe('an image back-off table not made yet', () => {
  it('reads as empty, makes the real table at its first write, then is that table', () => {
    const made: { table?: Backoff } = {};
    const make = () => (made.table ??= new Backoff(10_000, 300_000));
    const table = (): Backoff | undefined => made.table;
    const unmade = new UnmadeBackoff(10_000, 300_000, make);
    assert.equal(unmade.isInBackOffSinceUpdate('nginx', 1_000), false);
    assert.equal(unmade.get('nginx'), 0);
    assert.equal(unmade.lastUpdate('nginx'), undefined);
    unmade.delete('nginx');
    assert.equal(table(), undefined, 'reads make no table');
    assert.equal(unmade.next('nginx', 1_000, 1_000), 10_000);
    const real = table();
    assert.ok(real);
    assert.equal(real.get('nginx'), 10_000);
    assert.equal(unmade.isInBackOffSinceUpdate('nginx', 5_000), true);
    assert.equal(unmade.lastUpdate('nginx'), 1_000);
    assert.equal(unmade.next('nginx', 20_000, 20_000), 20_000);
    assert.equal(real.get('nginx'), 20_000);
    unmade.delete('nginx');
    assert.equal(real.get('nginx'), 0);
  });
});
