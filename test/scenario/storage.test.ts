import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../src/api/types.js';
import { eventsFor, playShipped, runTo } from './helpers.js';

test('storage: which volume each claim binds, WaitForFirstConsumer, and what Retain and Delete leave behind', () => {
  const { cluster, runner } = playShipped('storage');
  const claim = (name: string) => cluster.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name);
  const volume = (name: string) => cluster.store.get<PersistentVolume>('PersistentVolume', undefined, name);
  runTo(cluster, 55);

  // Static volumes: the smallest that fits, with the access mode asked for.
  assert.deepEqual(
    ['claim-a', 'claim-b', 'claim-c'].map((n) => [n, claim(n)?.status?.phase, claim(n)?.spec?.volumeName]),
    [['claim-a', 'Bound', 'pv-large'], ['claim-b', 'Bound', 'pv-small'], ['claim-c', 'Bound', 'pv-shared']],
  );
  // Immediate class: provisioned at once, `pvc-<claim uid>`, with the class's Delete policy.
  const d = claim('claim-d')!;
  assert.equal(d.status?.phase, 'Bound');
  assert.equal(d.spec?.volumeName, `pvc-${d.metadata.uid}`);
  const dVolume = volume(d.spec!.volumeName!)!;
  assert.equal(dVolume.spec?.persistentVolumeReclaimPolicy, 'Delete');
  assert.equal(dVolume.spec?.csi?.driver, 'csi.kubesim.dev');
  // WaitForFirstConsumer: no pod yet, no volume.
  const e = claim('claim-e')!;
  assert.equal(e.status?.phase, 'Pending');
  assert.equal(e.spec?.volumeName, undefined);
  assert.equal(eventsFor(cluster, e, 'WaitForFirstConsumer')[0]?.message, 'waiting for first consumer to be created before binding');

  // 1m: the consumer is scheduled; the volume is made on its node.
  runTo(cluster, 120);
  const consumer = cluster.store.get<Pod>('Pod', 'default', 'consumer')!;
  assert.equal(consumer.status?.phase, 'Running');
  const bound = claim('claim-e')!;
  assert.equal(bound.status?.phase, 'Bound');
  const eVolume = volume(bound.spec!.volumeName!)!;
  assert.deepEqual(eVolume.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions, [
    { key: 'kubernetes.io/hostname', operator: 'In', values: [consumer.spec!.nodeName!] },
  ]);

  // 3m: claims deleted. Retain: Released and kept, claimRef and all; Delete: gone.
  runTo(cluster, 230);
  assert.equal(claim('claim-b'), undefined);
  assert.equal(volume('pv-small')?.status?.phase, 'Released');
  assert.equal(volume('pv-small')?.spec?.claimRef?.name, 'claim-b');
  assert.equal(volume(d.spec!.volumeName!), undefined);

  // 4m: a Released volume is not Available: the new claim waits.
  runTo(cluster, 300);
  assert.equal(claim('claim-f')?.status?.phase, 'Pending');
  assert.equal(claim('claim-f')?.spec?.volumeName, undefined);
  assert.equal(volume('pv-small')?.status?.phase, 'Released');
  assert.ok(runner.finished);
});
