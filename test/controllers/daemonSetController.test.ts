import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../../src/api/types.js';
import { DaemonSetController } from '../../src/controllers/daemonSetController.js';
import { FailedPodBackoff } from '../../src/controllers/daemonset/failedPodBackoff.js';
import { buildNodeObject } from '../../src/kubelet/nodeObject.js';
import { DEFAULT_NODE, type TaintSpec } from '../../src/sim/nodeSpec.js';
import { FakeKubelet, type FakeKubeletOptions } from '../helpers/fakeKubelet.js';
import { Harness } from './harness.js';

function daemonSet(extra: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }], ...podSpec } },
      ...extra,
    },
  } as DaemonSet;
}

function setup(nodes: Array<{ name: string; labels?: Record<string, string>; taints?: TaintSpec[] }>, kubelet: FakeKubeletOptions = {}): { h: Harness; k: FakeKubelet; created: Pod[] } {
  const h = new Harness({ controllers: [DaemonSetController], pods: false });
  for (const n of nodes) addNode(h, n.name, n.labels, n.taints);
  const created: Pod[] = [];
  h.store.watch({ kind: 'Pod' }, (ev) => {
    if (ev.type === 'ADDED') created.push(ev.object as Pod);
  });
  const k = new FakeKubelet(h.store, h.clock, kubelet).start();
  return { h, k, created };
}

function addNode(h: Harness, name: string, labels: Record<string, string> = {}, taints: TaintSpec[] = []): void {
  h.store.create(buildNodeObject({ ...DEFAULT_NODE, name, labels, taints }, h.clock.iso()), { trusted: true });
}

function pods(h: Harness): Pod[] {
  return h.store.list<Pod>('Pod', { namespace: 'default' });
}

function podOn(h: Harness, node: string): Pod | undefined {
  return pods(h).find((p) => p.spec?.nodeName === node && !p.metadata.deletionTimestamp);
}

function pinnedNode(p: Pod): string | undefined {
  return p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
}

function status(h: Harness) {
  return h.get<DaemonSet>('DaemonSet', 'agent').status!;
}

const three = [{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3' }];

test('one pod per node, pinned by node affinity and bound by the scheduler, with the daemon tolerations', () => {
  const { h, created } = setup(three);
  h.store.create(daemonSet());
  h.settle();
  assert.equal(created.length, 3);
  assert.deepEqual(created.map(pinnedNode).sort(), ['node-1', 'node-2', 'node-3']);
  for (const p of created) {
    assert.equal(p.spec?.nodeName, undefined, 'the controller never sets nodeName');
    assert.deepEqual(p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms, [
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: [pinnedNode(p)] }] },
    ]);
    const tolerations = (p.spec?.tolerations ?? []).map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds ?? '-'}`);
    for (const t of [
      'node.kubernetes.io/not-ready:NoExecute:-',
      'node.kubernetes.io/unreachable:NoExecute:-',
      'node.kubernetes.io/disk-pressure:NoSchedule:-',
      'node.kubernetes.io/memory-pressure:NoSchedule:-',
      'node.kubernetes.io/pid-pressure:NoSchedule:-',
      'node.kubernetes.io/unschedulable:NoSchedule:-',
    ]) assert.ok(tolerations.includes(t), `${t} in ${tolerations.join(', ')}`);
    assert.ok(!tolerations.some((t) => t.startsWith('node.kubernetes.io/network-unavailable')), 'only for hostNetwork pods');
    assert.match(p.metadata.generateName!, /^agent-$/);
    assert.equal(p.metadata.labels?.['pod-template-generation'], '1');
  }
  const revision = h.store.list<ControllerRevision>('ControllerRevision', { namespace: 'default' });
  assert.equal(revision.length, 1);
  const hash = created[0].metadata.labels?.['controller-revision-hash'];
  assert.equal(revision[0].metadata.name, `agent-${hash}`);
  assert.deepEqual(
    h.eventsFor('DaemonSet', 'agent').sort(),
    created.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort(),
  );

  h.advance(5000);
  assert.deepEqual(pods(h).map((p) => p.spec?.nodeName).sort(), ['node-1', 'node-2', 'node-3']);
  const st = status(h);
  assert.deepEqual(
    [st.desiredNumberScheduled, st.currentNumberScheduled, st.numberReady, st.updatedNumberScheduled, st.numberAvailable, st.numberUnavailable ?? 0, st.numberMisscheduled],
    [3, 3, 3, 3, 3, 0, 0],
  );
});

test('hostNetwork pods also tolerate network-unavailable', () => {
  const { h, created } = setup([{ name: 'node-1' }]);
  h.store.create(daemonSet({}, { hostNetwork: true }));
  h.settle();
  assert.ok(created[0].spec?.tolerations?.some((t) => t.key === 'node.kubernetes.io/network-unavailable' && t.effect === 'NoSchedule'));
});

test('a node that joins later gets its pod; a node that leaves loses it from the count', () => {
  const { h } = setup(three);
  h.store.create(daemonSet());
  h.advance(5000);
  addNode(h, 'node-4');
  h.advance(5000);
  assert.ok(podOn(h, 'node-4'), 'node-4 got a daemon pod');
  assert.equal(status(h).desiredNumberScheduled, 4);
  assert.equal(status(h).numberReady, 4);
  h.store.delete('Node', undefined, 'node-4');
  h.advance(1000);
  assert.equal(status(h).desiredNumberScheduled, 3);
  assert.equal(status(h).numberMisscheduled, 1, 'its bound pod is left for the pod GC');
});

test('a tainted node is skipped unless the pods tolerate the taint', () => {
  const gpu: TaintSpec = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const { h } = setup([{ name: 'node-1' }, { name: 'node-2' }, { name: 'node-3', taints: [gpu] }]);
  h.store.create(daemonSet());
  h.advance(5000);
  assert.equal(podOn(h, 'node-3'), undefined);
  assert.equal(pods(h).length, 2);
  assert.equal(status(h).desiredNumberScheduled, 2);
  assert.ok(
    h.decisionsOf('daemonset-controller').some((d) => d.startsWith('not running on 1 node: node-3 (untolerated taint dedicated=gpu:NoSchedule)')),
    h.decisionsOf('daemonset-controller').join('\n'),
  );

  h.store.modify<DaemonSet>('DaemonSet', 'default', 'agent', (ds) => {
    ds.spec!.template.spec!.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }];
  });
  h.advance(30_000);
  assert.ok(podOn(h, 'node-3'), 'tolerated now');
  assert.equal(status(h).desiredNumberScheduled, 3);
});

test('a new NoSchedule taint leaves the running pod alone; an untolerated NoExecute taint removes it', () => {
  const { h } = setup(three);
  h.store.create(daemonSet());
  h.advance(5000);
  const before = podOn(h, 'node-2')!;
  h.store.modify<Node>('Node', undefined, 'node-2', (n) => {
    n.spec!.taints = [{ key: 'maintenance', value: 'soon', effect: 'NoSchedule' }];
  });
  h.advance(5000);
  assert.equal(podOn(h, 'node-2')?.metadata.uid, before.metadata.uid, 'shouldContinueRunning');
  assert.equal(status(h).numberMisscheduled, 1);
  assert.ok(h.decisionsOf('daemonset-controller').some((d) => d.startsWith('1 node no longer eligible, pod kept: node-2 (untolerated taint maintenance=soon:NoSchedule)')));
  h.store.modify<Node>('Node', undefined, 'node-2', (n) => {
    n.spec!.taints = [{ key: 'maintenance', value: 'now', effect: 'NoExecute' }];
  });
  h.advance(5000);
  assert.equal(podOn(h, 'node-2'), undefined);
  assert.ok(h.eventsFor('DaemonSet', 'agent').includes(`SuccessfulDelete: Deleted pod: ${before.metadata.name}`));
});

test('the not-ready and unreachable NoExecute taints are tolerated for ever', () => {
  const { h } = setup(three);
  h.store.create(daemonSet());
  h.advance(5000);
  const before = podOn(h, 'node-1')!;
  h.store.modify<Node>('Node', undefined, 'node-1', (n) => {
    n.spec!.taints = [
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
    ];
  });
  h.advance(10 * 60 * 1000);
  assert.equal(podOn(h, 'node-1')?.metadata.uid, before.metadata.uid);
});

test('a node whose labels stop matching the nodeSelector loses its pod', () => {
  const { h } = setup([{ name: 'node-1', labels: { disk: 'ssd' } }, { name: 'node-2', labels: { disk: 'ssd' } }, { name: 'node-3' }]);
  h.store.create(daemonSet({}, { nodeSelector: { disk: 'ssd' } }));
  h.advance(5000);
  assert.deepEqual(pods(h).map((p) => p.spec?.nodeName).sort(), ['node-1', 'node-2']);
  h.store.modify<Node>('Node', undefined, 'node-2', (n) => {
    n.metadata.labels = { ...n.metadata.labels, disk: 'hdd' };
  });
  h.advance(5000);
  assert.deepEqual(pods(h).map((p) => p.spec?.nodeName).sort(), ['node-1']);
});

test('a failed daemon pod is killed with FailedDaemonPod and created again', () => {
  const { h, k } = setup([{ name: 'node-1' }]);
  h.store.create(daemonSet());
  h.advance(5000);
  const first = podOn(h, 'node-1')!;
  k.exitNow(first, 1);
  h.settle();
  assert.ok(h.eventsFor('DaemonSet', 'agent').includes(`FailedDaemonPod: Found failed daemon pod default/${first.metadata.name} on node node-1, will try to kill it`));
  h.advance(5000);
  const second = podOn(h, 'node-1')!;
  assert.notEqual(second.metadata.uid, first.metadata.uid);
  assert.equal(second.status?.phase, 'Running');
});

test('a rolling update replaces one node at a time (maxUnavailable 1)', () => {
  const nodes = [1, 2, 3, 4].map((i) => ({ name: `node-${i}` }));
  const { h } = setup(nodes);
  h.store.create(daemonSet());
  h.advance(5000);
  let worst = 0;
  h.onStep = () => {
    const available = pods(h).filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
    worst = Math.max(worst, 4 - available);
  };
  h.store.modify<DaemonSet>('DaemonSet', 'default', 'agent', (ds) => {
    ds.spec!.template.spec!.containers[0].image = 'agent:2';
  });
  h.settle();
  assert.equal(pods(h).filter((p) => p.metadata.deletionTimestamp).length, 1, 'the first sync takes one node down');
  h.until(() => status(h).observedGeneration === 2 && status(h).updatedNumberScheduled === 4 && status(h).numberAvailable === 4);
  h.onStep = undefined;
  assert.equal(worst, 1, 'never more than one node without an available pod');
  assert.ok(pods(h).every((p) => p.spec?.containers[0].image === 'agent:2'));
  assert.equal(h.store.list('ControllerRevision', { namespace: 'default' }).length, 2);
  assert.ok(h.decisionsOf('daemonset-controller').some((d) => d.startsWith('rolling update: delete old pod')));
});

test('OnDelete keeps old pods until they are deleted', () => {
  const { h } = setup(three);
  h.store.create(daemonSet({ updateStrategy: { type: 'OnDelete' } }));
  h.advance(5000);
  h.store.modify<DaemonSet>('DaemonSet', 'default', 'agent', (ds) => {
    ds.spec!.template.spec!.containers[0].image = 'agent:2';
  });
  h.advance(30_000);
  assert.ok(pods(h).every((p) => p.spec?.containers[0].image === 'agent:1'));
  assert.equal(status(h).updatedNumberScheduled, 0);
  h.store.delete('Pod', 'default', podOn(h, 'node-2')!.metadata.name!);
  h.advance(10_000);
  assert.equal(podOn(h, 'node-2')?.spec?.containers[0].image, 'agent:2');
  assert.equal(status(h).updatedNumberScheduled, 1);
});

test('with maxSurge 1 and maxUnavailable 0 the new pod starts beside the old one, and availability never drops', () => {
  const { h } = setup(three);
  h.store.create(daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
  h.advance(5000);
  let fewest = 3;
  let most = 3;
  h.onStep = () => {
    const live = pods(h).filter((p) => !p.metadata.deletionTimestamp);
    most = Math.max(most, live.length);
    fewest = Math.min(fewest, live.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length);
  };
  h.store.modify<DaemonSet>('DaemonSet', 'default', 'agent', (ds) => {
    ds.spec!.template.spec!.containers[0].image = 'agent:2';
  });
  h.settle();
  h.until(() => status(h).observedGeneration === 2 && status(h).updatedNumberScheduled === 3 && status(h).numberAvailable === 3 && pods(h).length === 3);
  h.onStep = undefined;
  assert.equal(fewest, 3, 'never fewer than 3 ready pods');
  assert.equal(most, 4, 'one node at a time runs two pods');
  assert.ok(pods(h).every((p) => p.spec?.containers[0].image === 'agent:2'));
  assert.ok(h.decisionsOf('daemonset-controller').some((d) => d.startsWith('rolling update: start 1 updated pod beside the old ones')));
});

test('the failed-pod back-off starts at 1 s and doubles up to 15 minutes', () => {
  const b = new FailedPodBackoff();
  assert.equal(b.inBackoff('ds/node-1', 0), false);
  assert.equal(b.next('ds/node-1', 0), 1000);
  assert.equal(b.inBackoff('ds/node-1', 500), true);
  assert.equal(b.inBackoff('ds/node-1', 1000), false);
  assert.equal(b.next('ds/node-1', 1000), 2000);
  assert.equal(b.next('ds/node-1', 3000), 4000);
  let delay = 0;
  for (let t = 10_000; t < 20_000; t += 1000) delay = b.next('ds/node-1', t);
  assert.equal(delay, 15 * 60 * 1000);
  // After a long quiet spell it starts over.
  assert.equal(b.next('ds/node-1', 10 * 60 * 60 * 1000), 1000);
});

test('a daemon pod that keeps failing is killed at most once per back-off step, the steps doubling', () => {
  // Every pod fails the moment it runs, which is at once: only the back-off spaces the kills out.
  const { h } = setup([{ name: 'node-1' }], { runAfterMs: 0, exit: () => ({ afterMs: 0, exitCode: 1 }) });
  const kills: number[] = [];
  h.store.watch({ kind: 'Pod' }, (ev) => {
    if (ev.type === 'DELETED') kills.push(h.clock.now());
  });
  h.store.create(daemonSet());
  h.advance(20_000);
  assert.ok(h.eventsFor('DaemonSet', 'agent').some((e) => e.startsWith('FailedDaemonPod: Found failed daemon pod default/agent-')));
  const gaps = kills.slice(1).map((t, i) => t - kills[i]);
  assert.deepEqual(gaps, [1000, 2000, 4000, 8000]);
});
