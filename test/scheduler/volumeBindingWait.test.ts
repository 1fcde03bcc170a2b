import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import type { PersistentVolumeClaim } from '../../src/api/types.js';
import type { SchedulingDetails } from '../../src/scheduler/decisionTable.js';
import { BIND_TIMEOUT_MS } from '../../src/scheduler/volumeBindingWait.js';
import { nodeObject, podObject, SchedulerHarness } from './harness.js';

const SELECTED = 'volume.kubernetes.io/selected-node';

/** One node, a WaitForFirstConsumer class with a provisioner, and a pod `db` using claim `data`. */
function setup(cpu = '4'): SchedulerHarness {
  const h = new SchedulerHarness({ nodes: [nodeObject('node-1', { cpu })] });
  h.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' } as KObject);
  h.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local', resources: { requests: { storage: '1Gi' } } },
  } as KObject);
  h.createPod(podObject('db', { cpu: '3', spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }));
  h.settle();
  return h;
}

function claim(h: SchedulerHarness): PersistentVolumeClaim {
  return h.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')!;
}

/** What the PV controller does once the provisioner is done: a PV, then the claim's half of the binding. */
function bindClaim(h: SchedulerHarness, pvName = 'pvc-1'): void {
  h.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'local', hostPath: { path: '/x' }, claimRef: { namespace: 'default', name: 'data' } },
  } as KObject, { trusted: true });
  h.store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data', (c) => {
    c.spec!.volumeName = pvName;
    c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes' };
  }, { trusted: true });
}

describe('VolumeBinding PreBind waits for WaitForFirstConsumer claims', () => {
  it('selects the node on the claim, keeps the pod pending until the claim is bound, then binds it', () => {
    const h = setup();
    assert.equal(claim(h).metadata.annotations?.[SELECTED], 'node-1');
    assert.equal(h.nodeOf('db'), undefined, 'not bound while the claim is unbound');
    assert.notEqual(h.condition('db')?.status, 'True');
    assert.equal(h.eventsFor('db', 'Scheduled').length, 0);
    const waiting = h.lastDecision('db');
    assert.equal(waiting.action, 'waiting for volumes on node-1');
    assert.match(waiting.reason, /data → provision.*selected-node=node-1.*timeout 600s/);
    assert.equal((waiting.details as SchedulingDetails).chosen, 'node-1');

    h.advance(2000);
    assert.equal(h.nodeOf('db'), undefined, 'time alone does not bind it');
    bindClaim(h);
    h.settle();
    assert.equal(h.nodeOf('db'), 'node-1');
    assert.equal(h.condition('db')?.status, 'True');
    assert.equal(h.eventsFor('db', 'Scheduled')[0].message, 'Successfully assigned default/db to node-1');
    const bound = h.lastDecision('db');
    assert.equal(bound.action, 'bound to node-1');
    assert.match(bound.reason, /claims data Bound after 2s/);
    assert.equal(h.scheduler.volumeWaits.size, 0);
  });

  it('counts the waiting pod on its node, so others do not take its room', () => {
    const h = setup('4');
    h.createPod(podObject('other', { cpu: '2' }));
    h.settle();
    assert.equal(h.nodeOf('other'), undefined);
    assert.match(h.lastDecision('other').reason, /^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('when the wait gives up, the room it held is free again and pods waiting for room are woken', () => {
    const h = setup('4');
    h.advance(BIND_TIMEOUT_MS - 60_000);
    h.createPod(podObject('other', { cpu: '2' }));
    h.advance(60_000);
    assert.equal(h.nodeOf('other'), 'node-1');
    assert.match((h.lastDecision('other').details as SchedulingDetails).trigger!, /pod default\/db forgotten after a binding error/);
  });

  it('gives up after bindTimeoutSeconds with the PreBind error and retries after back-off', () => {
    const h = setup();
    h.advance(BIND_TIMEOUT_MS - 1000);
    assert.equal(h.eventsFor('db', 'FailedScheduling').length, 0);
    h.advance(1000);
    const message = 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded';
    assert.equal(h.eventsFor('db', 'FailedScheduling')[0]?.message, message);
    assert.deepEqual(
      { status: h.condition('db')?.status, reason: h.condition('db')?.reason, message: h.condition('db')?.message },
      { status: 'False', reason: 'SchedulerError', message },
    );
    assert.equal(h.nodeOf('db'), undefined);
    // Forgotten in the cache: after the back-off the pod is tried again and waits anew.
    h.advance(1000);
    assert.equal(h.lastDecision('db').action, 'waiting for volumes on node-1');
    assert.equal(h.scheduler.volumeWaits.size, 1);
  });

  it('fails at once when the provisioner removes the selected node', () => {
    const h = setup();
    h.store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data', (c) => {
      delete c.metadata.annotations![SELECTED];
    }, { trusted: true });
    h.settle();
    assert.equal(h.eventsFor('db', 'FailedScheduling')[0]?.message, 'running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "data"');
  });

  it('a pod deleted while waiting frees its room', () => {
    const h = setup('4');
    h.store.delete('Pod', 'default', 'db', { gracePeriodSeconds: 0 });
    h.settle();
    assert.equal(h.scheduler.volumeWaits.size, 0);
    h.createPod(podObject('other', { cpu: '2' }));
    h.settle();
    assert.equal(h.nodeOf('other'), 'node-1');
  });
});
