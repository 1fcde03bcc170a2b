import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ControllerRevision, PersistentVolumeClaim, Pod, StatefulSet } from '../../src/api/types.js';
import { StatefulSetController } from '../../src/controllers/statefulSetController.js';
import { FakeKubelet, type FakeKubeletOptions } from '../helpers/fakeKubelet.js';
import { Harness } from './harness.js';

function statefulSet(replicas: number, extra: Record<string, unknown> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      volumeClaimTemplates: [
        { metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      ],
      ...extra,
    },
  } as StatefulSet;
}

function setup(kubelet: FakeKubeletOptions = {}): { h: Harness; k: FakeKubelet } {
  const h = new Harness({ controllers: [StatefulSetController], pods: false });
  const k = new FakeKubelet(h.store, h.clock, kubelet).start();
  return { h, k };
}

function podNames(h: Harness): string[] {
  return h.store.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.metadata.name!).sort();
}

function pod(h: Harness, name: string): Pod | undefined {
  return h.store.get<Pod>('Pod', 'default', name);
}

function ready(p: Pod | undefined): boolean {
  return !!p && p.status?.phase === 'Running' && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

function readySince(p: Pod): number {
  return Date.parse(p.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!);
}

test('OrderedReady creates web-0 first and web-1 only once web-0 is Running and Ready; claims come first', () => {
  const { h } = setup();
  h.store.create(statefulSet(3));
  h.settle();
  assert.deepEqual(podNames(h), ['web-0']);
  assert.ok(h.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'www-web-0'));
  assert.ok(h.decisionsOf('statefulset-controller').some((d) => d.startsWith('waiting for web-0 to be Running and Ready before creating web-1 (OrderedReady)')));

  h.until(() => ready(pod(h, 'web-2')));
  const [w0, w1, w2] = ['web-0', 'web-1', 'web-2'].map((n) => pod(h, n)!);
  assert.ok(Date.parse(w1.metadata.creationTimestamp!) >= readySince(w0), 'web-1 created after web-0 became Ready');
  assert.ok(Date.parse(w2.metadata.creationTimestamp!) >= readySince(w1), 'web-2 created after web-1 became Ready');

  assert.deepEqual(h.eventsFor('StatefulSet', 'web'), [
    'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
    'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
    'SuccessfulCreate: create Claim www-web-1 Pod web-1 in StatefulSet web success',
    'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
    'SuccessfulCreate: create Claim www-web-2 Pod web-2 in StatefulSet web success',
    'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
  ]);

  // Identity: labels, hostname, subdomain, the claim volume.
  const set = h.get<StatefulSet>('StatefulSet', 'web');
  assert.equal(w1.metadata.labels?.['statefulset.kubernetes.io/pod-name'], 'web-1');
  assert.equal(w1.metadata.labels?.['apps.kubernetes.io/pod-index'], '1');
  assert.equal(w1.metadata.labels?.['controller-revision-hash'], set.status?.updateRevision);
  assert.equal(w1.spec?.hostname, 'web-1');
  assert.equal(w1.spec?.subdomain, 'nginx');
  assert.deepEqual(w1.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim, { claimName: 'www-web-1' });
  assert.equal(w1.metadata.ownerReferences?.[0]?.kind, 'StatefulSet');
  const claim = h.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'www-web-1')!;
  assert.equal(claim.metadata.labels?.app, 'nginx');

  // Revisions and status.
  const revisions = h.store.list<ControllerRevision>('ControllerRevision', { namespace: 'default' });
  assert.equal(revisions.length, 1);
  assert.match(revisions[0].metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(revisions[0].revision, 1);
  h.advance(1000);
  const st = h.get<StatefulSet>('StatefulSet', 'web').status!;
  assert.equal(st.replicas, 3);
  assert.equal(st.readyReplicas, 3);
  assert.equal(st.availableReplicas, 3);
  assert.equal(st.currentReplicas, 3);
  assert.equal(st.updatedReplicas, 3);
  assert.equal(st.currentRevision, revisions[0].metadata.name);
  assert.equal(st.updateRevision, revisions[0].metadata.name);
  assert.equal(st.observedGeneration, 1);
});

test('scale down removes the highest ordinal first, one at a time, and keeps the claims', () => {
  const { h } = setup({ terminateAfterMs: 5000 });
  h.store.create(statefulSet(3));
  h.until(() => ready(pod(h, 'web-2')));
  h.store.modify<StatefulSet>('StatefulSet', 'default', 'web', (s) => {
    s.spec!.replicas = 1;
  });
  h.settle();
  assert.ok(pod(h, 'web-2')?.metadata.deletionTimestamp, 'web-2 is terminating');
  assert.ok(!pod(h, 'web-1')?.metadata.deletionTimestamp, 'web-1 waits for web-2 to be gone');
  assert.ok(h.decisionsOf('statefulset-controller').some((d) => d.startsWith('waiting for web-2 to terminate before deleting web-1 (OrderedReady scale down)')));
  h.until(() => !pod(h, 'web-2'));
  h.settle();
  assert.ok(pod(h, 'web-1')?.metadata.deletionTimestamp, 'then web-1');
  h.until(() => !pod(h, 'web-1'));
  assert.deepEqual(podNames(h), ['web-0']);
  const deletes = h.eventsFor('StatefulSet', 'web').filter((e) => e.startsWith('SuccessfulDelete'));
  assert.deepEqual(deletes, ['SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']);
  // whenScaled: Retain (the default) keeps the claims.
  assert.ok(h.store.get('PersistentVolumeClaim', 'default', 'www-web-2'));
  assert.ok(h.store.get('PersistentVolumeClaim', 'default', 'www-web-1'));
});

test('Parallel creates every pod at once', () => {
  const { h } = setup();
  h.store.create(statefulSet(3, { podManagementPolicy: 'Parallel' }));
  h.settle();
  assert.deepEqual(podNames(h), ['web-0', 'web-1', 'web-2']);
  assert.ok(h.decisionsOf('statefulset-controller').some((d) => d.startsWith('create 3 pods: web-0, web-1, web-2')));
});

test('a partitioned rolling update replaces pods from the highest ordinal down to the partition', () => {
  const { h } = setup();
  h.store.create(statefulSet(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
  h.until(() => ready(pod(h, 'web-2')));
  h.advance(1000);
  const oldRevision = h.get<StatefulSet>('StatefulSet', 'web').status!.currentRevision!;
  const order: string[] = [];
  h.store.watch({ kind: 'Pod' }, (ev) => {
    if (ev.type === 'MODIFIED' && ev.object.metadata.deletionTimestamp && !ev.old?.metadata.deletionTimestamp) order.push(ev.object.metadata.name!);
  });
  h.store.modify<StatefulSet>('StatefulSet', 'default', 'web', (s) => {
    s.spec!.template!.spec!.containers[0].image = 'nginx:1.26';
  });
  h.until(() => {
    const st = h.get<StatefulSet>('StatefulSet', 'web').status!;
    return st.updatedReplicas === 2 && st.readyReplicas === 3;
  });
  h.advance(5000);
  const st = h.get<StatefulSet>('StatefulSet', 'web').status!;
  assert.deepEqual(order, ['web-2', 'web-1']);
  assert.notEqual(st.updateRevision, oldRevision);
  assert.equal(st.currentRevision, oldRevision, 'not every pod is updated, so the current revision stays');
  assert.equal(pod(h, 'web-0')!.metadata.labels?.['controller-revision-hash'], oldRevision);
  assert.equal(pod(h, 'web-0')!.spec?.containers[0].image, 'nginx:1.25');
  assert.equal(pod(h, 'web-2')!.spec?.containers[0].image, 'nginx:1.26');
  assert.ok(h.decisionsOf('statefulset-controller').some((d) => d.startsWith('rolling update held at partition 1')));
  assert.equal(h.store.list('ControllerRevision', { namespace: 'default' }).length, 2);

  // Lowering the partition finishes the update and makes the new revision current.
  h.store.modify<StatefulSet>('StatefulSet', 'default', 'web', (s) => {
    s.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  });
  h.until(() => h.get<StatefulSet>('StatefulSet', 'web').status!.currentRevision === st.updateRevision);
  assert.equal(pod(h, 'web-0')!.spec?.containers[0].image, 'nginx:1.26');
});

test('a terminating pod on a dead node is not replaced until it is gone, then comes back with the same name and claim', () => {
  const { h, k } = setup();
  h.store.create(statefulSet(3));
  h.until(() => ready(pod(h, 'web-2')));
  const victim = pod(h, 'web-1')!;
  const node = victim.spec!.nodeName!;
  k.killNode(node);
  // The taint manager's eviction after the node went unreachable: a graceful delete nobody finishes.
  h.store.delete('Pod', 'default', 'web-1');
  h.advance(10 * 60 * 1000);
  const stuck = pod(h, 'web-1')!;
  assert.equal(stuck.metadata.uid, victim.metadata.uid, 'the same pod, still terminating');
  assert.ok(stuck.metadata.deletionTimestamp);
  assert.equal(h.store.list('Pod', { namespace: 'default' }).length, 3, 'no replacement');
  assert.ok(
    h.decisionsOf('statefulset-controller').some((d) => d.startsWith('waiting for web-1 to finish terminating before re-creating it (OrderedReady)')),
    h.decisionsOf('statefulset-controller').join('\n'),
  );

  k.reviveNode(node);
  h.until(() => ready(pod(h, 'web-1')) && pod(h, 'web-1')!.metadata.uid !== victim.metadata.uid);
  const claimEvents = h.eventsFor('StatefulSet', 'web').filter((e) => e.includes('Claim www-web-1'));
  assert.equal(claimEvents.length, 1, 'the claim is reused, not created again');
  assert.deepEqual(pod(h, 'web-1')!.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim, { claimName: 'www-web-1' });
});

test('whenScaled: Delete makes the scaled-away pod own its claim', () => {
  const { h } = setup();
  h.store.create(statefulSet(2, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }));
  h.until(() => ready(pod(h, 'web-1')));
  const uid = pod(h, 'web-1')!.metadata.uid;
  h.store.modify<StatefulSet>('StatefulSet', 'default', 'web', (s) => {
    s.spec!.replicas = 1;
  });
  h.settle();
  const claim = h.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'www-web-1')!;
  assert.deepEqual(claim.metadata.ownerReferences?.map((r) => [r.kind, r.uid]), [['Pod', uid]]);
  assert.equal(h.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'www-web-0')!.metadata.ownerReferences, undefined);
});

test('a failed pod is deleted and created again with the same name', () => {
  const { h, k } = setup();
  h.store.create(statefulSet(1));
  h.until(() => ready(pod(h, 'web-0')));
  const first = pod(h, 'web-0')!;
  k.exitNow(first, 1);
  h.settle();
  h.until(() => ready(pod(h, 'web-0')) && pod(h, 'web-0')!.metadata.uid !== first.metadata.uid);
  assert.ok(h.decisionsOf('statefulset-controller').some((d) => d.startsWith('delete finished pod web-0 to re-create it')));
});

test('rollingUpdate.maxUnavailable 2 replaces two pods at a time, highest ordinals first', () => {
  const { h } = setup({ terminateAfterMs: 3000 });
  h.store.create(statefulSet(4, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } }));
  h.until(() => ready(pod(h, 'web-3')));
  h.advance(1000);
  h.store.modify<StatefulSet>('StatefulSet', 'default', 'web', (s) => {
    s.spec!.template!.spec!.containers[0].image = 'nginx:1.26';
  });
  h.settle();
  const terminating = h.store.list<Pod>('Pod', { namespace: 'default' }).filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
  assert.deepEqual(terminating, ['web-2', 'web-3']);
  assert.ok(h.decisionsOf('statefulset-controller').some((d) => d.startsWith('delete 2 pods to update them to revision')));
  h.until(() => h.get<StatefulSet>('StatefulSet', 'web').status!.currentRevision === h.get<StatefulSet>('StatefulSet', 'web').status!.updateRevision && ready(pod(h, 'web-0')));
  assert.ok(['web-0', 'web-1', 'web-2', 'web-3'].every((n) => pod(h, n)!.spec?.containers[0].image === 'nginx:1.26'));
});

test('OnDelete: a new template reaches a pod only when that pod is deleted', () => {
  const { h } = setup();
  h.store.create(statefulSet(2, { updateStrategy: { type: 'OnDelete' } }));
  h.until(() => ready(pod(h, 'web-1')));
  h.store.modify<StatefulSet>('StatefulSet', 'default', 'web', (s) => {
    s.spec!.template!.spec!.containers[0].image = 'nginx:1.26';
  });
  h.advance(30_000);
  assert.ok(['web-0', 'web-1'].every((n) => pod(h, n)!.spec?.containers[0].image === 'nginx:1.25'));
  assert.ok(h.decisionsOf('statefulset-controller').some((d) => d.startsWith('OnDelete: 2 pods keep their revision until deleted')));
  h.store.delete('Pod', 'default', 'web-0');
  h.until(() => ready(pod(h, 'web-0')) && pod(h, 'web-0')!.spec?.containers[0].image === 'nginx:1.26');
  assert.equal(pod(h, 'web-1')!.spec?.containers[0].image, 'nginx:1.25');
  const st = h.get<StatefulSet>('StatefulSet', 'web').status!;
  assert.equal(st.updatedReplicas, 1);
  assert.equal(st.currentReplicas, 1);
});
