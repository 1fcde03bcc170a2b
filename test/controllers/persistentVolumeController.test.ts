import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersistentVolume, PersistentVolumeClaim } from '../../src/api/types.js';
import { PersistentVolumeController } from '../../src/controllers/persistentVolumeController.js';
import { PvcProtectionController } from '../../src/controllers/pvcProtectionController.js';
import { PvProtectionController } from '../../src/controllers/volume/pvProtectionController.js';
import { Harness } from './harness.js';
import { node, pv, pvc, runPod, storageClass } from './netStorageFixtures.js';

const ALL = [PersistentVolumeController, PvcProtectionController, PvProtectionController];

function setup(controllers = ALL): Harness {
  return new Harness({ controllers, pods: false });
}

const lastDecision = (h: Harness, name: string, kind = 'PersistentVolumeClaim') => {
  const d = h.decisions.query({ component: 'persistentvolume-controller', object: { kind, namespace: kind === 'PersistentVolume' ? undefined : 'default', name } }).at(-1);
  return d ? `${d.action} (${d.reason})` : undefined;
};
const claim = (h: Harness, name: string) => h.get<PersistentVolumeClaim>('PersistentVolumeClaim', name);
const volume = (h: Harness, name: string) => h.store.get<PersistentVolume>('PersistentVolume', undefined, name);

describe('persistentvolume-controller: binding', () => {
  it('binds a 2Gi claim to the smallest PV that fits, 3Gi rather than 10Gi', () => {
    const h = setup();
    h.store.create(pv('pv-1gi', '1Gi'));
    h.store.create(pv('pv-10gi', '10Gi'));
    h.store.create(pv('pv-3gi', '3Gi'));
    h.settle();
    const created = h.store.create(pvc('data', '2Gi', { storageClassName: '' }));
    h.settle();

    assert.equal(lastDecision(h, 'data'), 'bound to pv-3gi (smallest of 2 fitting PVs: pv-3gi 3Gi, pv-10gi 10Gi; pv-1gi too small)');
    const c = claim(h, 'data');
    assert.equal(c.spec?.volumeName, 'pv-3gi');
    assert.equal(c.status?.phase, 'Bound');
    assert.deepEqual(c.status?.capacity, { storage: '3Gi' });
    assert.deepEqual(c.status?.accessModes, ['ReadWriteOnce']);
    assert.equal(c.metadata.annotations?.['pv.kubernetes.io/bind-completed'], 'yes');
    assert.equal(c.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    const v = volume(h, 'pv-3gi')!;
    assert.equal(v.status?.phase, 'Bound');
    assert.equal(v.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    assert.deepEqual(
      { ...v.spec?.claimRef, resourceVersion: undefined },
      { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: created.metadata.uid, apiVersion: 'v1', resourceVersion: undefined },
    );
    assert.equal(volume(h, 'pv-10gi')!.status?.phase, 'Available');
    assert.equal(volume(h, 'pv-1gi')!.status?.phase, 'Available');
  });

  it('explains why no PV fits, and binds as soon as one appears', () => {
    const h = setup();
    h.store.create(pv('pv-a', '5Gi'));
    h.store.create(pv('pv-b', '1Gi'));
    h.store.create(pvc('first', '5Gi', { storageClassName: '' }));
    h.settle();
    h.store.create(pvc('data', '2Gi', { storageClassName: '' }));
    h.settle();
    assert.equal(lastDecision(h, 'data'), 'no PV fits (2Gi RWO class "": pv-a is bound, pv-b too small)');
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'data'), ['FailedBinding: no persistent volumes available for this claim and no storage class is set']);
    assert.equal(claim(h, 'data').status?.phase, 'Pending');

    h.store.create(pv('pv-c', '2Gi'));
    h.settle();
    assert.equal(claim(h, 'data').spec?.volumeName, 'pv-c');
  });

  it('names class, selector, access mode and volume mode mismatches', () => {
    const h = setup();
    h.store.create(pv('pv-fast', '5Gi', { storageClassName: 'fast' }));
    h.store.create(pv('pv-sel', '5Gi', {}, { tier: 'gold' }));
    h.store.create(pv('pv-rox', '5Gi', { accessModes: ['ReadOnlyMany'] }));
    h.store.create(pv('pv-block', '5Gi', { volumeMode: 'Block' }, { tier: 'silver' }));
    h.store.create(pvc('data', '2Gi', { storageClassName: '', selector: { matchLabels: { tier: 'silver' } } }));
    h.settle();
    assert.equal(
      lastDecision(h, 'data'),
      'no PV fits (2Gi RWO class "": pv-block is Block (needs Filesystem), pv-fast has class "fast", pv-rox is ROX (needs RWO), pv-sel labels do not match the claim\'s selector)',
    );
  });

  it('prefers the narrowest access-mode set over a smaller PV offering more modes', () => {
    const h = setup();
    h.store.create(pv('pv-many', '2Gi', { accessModes: ['ReadWriteOnce', 'ReadWriteMany'] }));
    h.store.create(pv('pv-once', '8Gi'));
    h.store.create(pvc('data', '1Gi', { storageClassName: '' }));
    h.settle();
    assert.equal(
      lastDecision(h, 'data'),
      'bound to pv-once (the only fitting PV: pv-once 8Gi; pv-many fits but is RWO,RWX (narrower access modes are preferred))',
    );
  });

  it('checks a PV a claim asks for by name', () => {
    const h = setup();
    h.store.create(pv('pv-small', '1Gi'));
    h.store.create(pv('pv-fast', '5Gi', { storageClassName: 'fast' }));
    h.store.create(pv('pv-rox', '5Gi', { accessModes: ['ReadOnlyMany'] }));
    h.store.create(pvc('a', '2Gi', { storageClassName: '', volumeName: 'pv-small' }));
    h.store.create(pvc('b', '2Gi', { storageClassName: '', volumeName: 'pv-fast' }));
    h.store.create(pvc('c', '2Gi', { storageClassName: '', volumeName: 'pv-rox' }));
    h.settle();
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'a'), ['VolumeMismatch: Cannot bind to requested volume "pv-small": requested PV is too small']);
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'b'), ['VolumeMismatch: Cannot bind to requested volume "pv-fast": storageClassName does not match']);
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'c'), ['VolumeMismatch: Cannot bind to requested volume "pv-rox": incompatible accessMode']);

    h.store.create(pv('pv-ok', '5Gi'));
    h.store.create(pvc('d', '2Gi', { storageClassName: '', volumeName: 'pv-ok' }));
    h.store.create(pvc('e', '2Gi', { storageClassName: '', volumeName: 'pv-ok' }));
    h.settle();
    assert.equal(claim(h, 'd').status?.phase, 'Bound');
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'e'), ['FailedBinding: volume "pv-ok" already bound to a different claim.']);
  });

  it('assigns the default class to a claim that named none once a default exists', () => {
    const h = setup();
    h.store.create(pvc('data', '1Gi'));
    h.settle();
    assert.equal(claim(h, 'data').spec?.storageClassName, undefined);
    h.store.create(storageClass('standard', 'example.com/csi', {}, true));
    h.settle();
    assert.equal(claim(h, 'data').spec?.storageClassName, 'standard');
    assert.match(h.decisionsOf('persistentvolume-controller').join('\n'), /assigned default storage class standard/);
  });
});

describe('persistentvolume-controller: provisioning', () => {
  it('provisions pvc-<uid> after the simulated provisioner has run, then binds it', () => {
    const h = setup();
    h.store.create(storageClass('fast', 'ebs.csi.aws.com', { reclaimPolicy: 'Retain', mountOptions: ['noatime'] }));
    const c0 = h.store.create(pvc('data', '4Gi', { storageClassName: 'fast' }));
    h.settle();
    const pvName = `pvc-${c0.metadata.uid}`;
    assert.equal(volume(h, pvName), undefined);
    assert.equal(claim(h, 'data').metadata.annotations?.['volume.kubernetes.io/storage-provisioner'], 'ebs.csi.aws.com');
    assert.equal(claim(h, 'data').metadata.annotations?.['volume.beta.kubernetes.io/storage-provisioner'], 'ebs.csi.aws.com');
    h.advance(2000);

    const v = volume(h, pvName)!;
    assert.equal(v.spec?.persistentVolumeReclaimPolicy, 'Retain');
    assert.equal(v.metadata.annotations?.['pv.kubernetes.io/provisioned-by'], 'ebs.csi.aws.com');
    assert.deepEqual(v.spec?.capacity, { storage: '4Gi' });
    assert.equal(v.spec?.csi?.driver, 'ebs.csi.aws.com');
    assert.deepEqual(v.spec?.mountOptions, ['noatime']);
    assert.equal(v.status?.phase, 'Bound');
    assert.equal(claim(h, 'data').spec?.volumeName, pvName);
    assert.equal(claim(h, 'data').status?.phase, 'Bound');
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'data'), [
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume ${pvName}`,
    ]);
    const provisioned = h.store.list('Event', { namespace: 'default' }).find((e) => e.reason === 'ProvisioningSucceeded')!;
    assert.equal(provisioned.source.component, 'ebs.csi.aws.com');
    assert.equal(lastDecision(h, 'data'), `bound to ${pvName} (${pvName} names this claim in its claimRef (pre-bound))`);
  });

  it('WaitForFirstConsumer: waits for a pod to be scheduled, then provisions on the selected node', () => {
    const h = setup();
    h.store.create(node('node-2'));
    h.store.create(storageClass('standard', 'rancher.io/local-path', { volumeBindingMode: 'WaitForFirstConsumer' }));
    const c0 = h.store.create(pvc('data', '1Gi', { storageClassName: 'standard' }));
    h.settle();
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'data'), ['WaitForFirstConsumer: waiting for first consumer to be created before binding']);
    assert.equal(lastDecision(h, 'data')?.startsWith('waiting for first consumer'), true);

    h.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app-0', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    h.advance(15_000);
    assert.equal(h.eventsFor('PersistentVolumeClaim', 'data').at(-1), 'WaitForPodScheduled: waiting for pod app-0 to be scheduled');
    assert.equal(volume(h, `pvc-${c0.metadata.uid}`), undefined);

    // The scheduler picks node-2 and says so on the claim.
    h.store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data', (c) => {
      c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'volume.kubernetes.io/selected-node': 'node-2' };
    });
    h.advance(2000);
    const v = volume(h, `pvc-${c0.metadata.uid}`)!;
    assert.deepEqual(v.spec?.nodeAffinity?.required?.nodeSelectorTerms, [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] }]);
    assert.equal(v.spec?.hostPath?.path, `/var/local-path-provisioner/pvc-${c0.metadata.uid}_default_data`);
    assert.equal(v.spec?.persistentVolumeReclaimPolicy, 'Delete');
    assert.equal(claim(h, 'data').status?.phase, 'Bound');
  });

  it('WaitForFirstConsumer with static local PVs binds one on the selected node', () => {
    const h = setup();
    h.store.create(node('node-1'));
    h.store.create(node('node-2'));
    h.store.create(storageClass('local', 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer' }));
    const onNode = (n: string) => ({ storageClassName: 'local', local: { path: '/mnt/disk' }, hostPath: undefined, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [n] }] }] } } });
    h.store.create(pv('local-n1', '1Gi', onNode('node-1')));
    h.store.create(pv('local-n2', '5Gi', onNode('node-2')));
    h.store.create(pvc('data', '1Gi', { storageClassName: 'local' }, { 'volume.kubernetes.io/selected-node': 'node-2' }));
    h.settle();
    assert.equal(claim(h, 'data').spec?.volumeName, 'local-n2');
    assert.equal(lastDecision(h, 'data'), 'bound to local-n2 (the only fitting PV: local-n2 5Gi; local-n1 is not reachable from node-2 (node affinity))');
  });

  it('reports a missing class and a class that never provisions', () => {
    const h = setup();
    h.store.create(storageClass('manual', 'kubernetes.io/no-provisioner'));
    h.store.create(pvc('a', '1Gi', { storageClassName: 'ghost' }));
    h.store.create(pvc('b', '1Gi', { storageClassName: 'manual' }));
    h.settle();
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'a'), ['ProvisioningFailed: storageclass.storage.k8s.io "ghost" not found']);
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'b'), ['ProvisioningFailed: no volume plugin matched name: kubernetes.io/no-provisioner']);
  });
});

describe('persistentvolume-controller: reclaim', () => {
  function bound(h: Harness, volumeExtra: Record<string, unknown>): void {
    h.store.create(pv('pv1', '1Gi', volumeExtra));
    h.store.create(pvc('data', '1Gi', { storageClassName: '' }));
    h.settle();
    assert.equal(volume(h, 'pv1')!.status?.phase, 'Bound');
    h.store.delete('PersistentVolumeClaim', 'default', 'data');
    h.settle();
  }

  it('Retain: the volume is Released and keeps its claimRef', () => {
    const h = setup();
    bound(h, {});
    const v = volume(h, 'pv1')!;
    assert.equal(v.status?.phase, 'Released');
    assert.equal(v.spec?.claimRef?.name, 'data');
    assert.match(lastDecision(h, 'pv1', 'PersistentVolume')!, /^released \(claim default\/data was deleted; reclaim policy Retain keeps the volume and its data/);
    // Not reused by a new claim of the same name.
    h.store.create(pvc('data', '1Gi', { storageClassName: '' }));
    h.settle();
    assert.equal(claim(h, 'data').status?.phase, 'Pending');
  });

  it('Delete: the provisioned volume is deleted after the simulated delay', () => {
    const h = setup();
    h.store.create(storageClass('fast', 'ebs.csi.aws.com'));
    const c0 = h.store.create(pvc('data', '1Gi', { storageClassName: 'fast' }));
    h.advance(2000);
    const name = `pvc-${c0.metadata.uid}`;
    assert.equal(volume(h, name)!.status?.phase, 'Bound');
    h.store.delete('PersistentVolumeClaim', 'default', 'data');
    h.settle();
    assert.equal(volume(h, name)!.status?.phase, 'Released');
    h.advance(2000);
    assert.equal(volume(h, name), undefined);
    assert.match(lastDecision(h, name, 'PersistentVolume')!, /^deleted \(reclaim policy Delete: ebs\.csi\.aws\.com removed the backing volume\)/);
  });

  it('Delete of a hand-made hostPath volume outside /tmp fails', () => {
    const h = setup();
    bound(h, { persistentVolumeReclaimPolicy: 'Delete' });
    assert.equal(volume(h, 'pv1')!.status?.phase, 'Failed');
    assert.deepEqual(h.eventsFor('PersistentVolume', 'pv1'), ['VolumeFailedDelete: host_path deleter only supports /tmp/.+ but received provided /data/pv1']);
  });

  it('Recycle: scrubbed, then Available again without claimRef', () => {
    const h = setup();
    bound(h, { persistentVolumeReclaimPolicy: 'Recycle' });
    assert.equal(volume(h, 'pv1')!.status?.phase, 'Released');
    h.advance(2000);
    const v = volume(h, 'pv1')!;
    assert.equal(v.status?.phase, 'Available');
    assert.equal(v.spec?.claimRef, undefined);
    assert.deepEqual(h.eventsFor('PersistentVolume', 'pv1'), ['VolumeRecycled: Volume recycled']);
  });

  it('Recycle of a volume without recycler fails', () => {
    const h = setup();
    bound(h, { persistentVolumeReclaimPolicy: 'Recycle', hostPath: undefined, csi: { driver: 'x.csi', volumeHandle: 'h1' } });
    assert.equal(volume(h, 'pv1')!.status?.phase, 'Failed');
    assert.deepEqual(h.eventsFor('PersistentVolume', 'pv1'), ['VolumeFailedRecycle: No recycler plugin found for the volume!']);
  });

  it('a claim whose bound PV disappears is Lost', () => {
    const h = setup([PersistentVolumeController]);
    h.store.create(pv('pv1', '1Gi'));
    h.store.create(pvc('data', '1Gi', { storageClassName: '' }));
    h.settle();
    h.store.delete('PersistentVolume', undefined, 'pv1');
    h.settle();
    assert.equal(claim(h, 'data').status?.phase, 'Lost');
    assert.deepEqual(h.eventsFor('PersistentVolumeClaim', 'data'), ['ClaimLost: Bound claim has lost its PersistentVolume. Data on the volume is lost!']);
  });
});

describe('pvc-protection-controller and pv-protection-controller', () => {
  it('keep a claim Terminating while a scheduled pod uses it, and a bound PV while bound', () => {
    const h = setup();
    h.store.create(pv('pv1', '1Gi'));
    h.store.create(pvc('data', '1Gi', { storageClassName: '' }));
    h.settle();
    assert.deepEqual(claim(h, 'data').metadata.finalizers, ['kubernetes.io/pvc-protection']);
    assert.deepEqual(volume(h, 'pv1')!.metadata.finalizers, ['kubernetes.io/pv-protection']);

    runPod(h.store, 'app', { ip: '10.244.1.5', claims: ['data'] });
    h.store.delete('PersistentVolume', undefined, 'pv1');
    h.store.delete('PersistentVolumeClaim', 'default', 'data');
    h.settle();
    assert.ok(claim(h, 'data').metadata.deletionTimestamp, 'the claim is Terminating');
    assert.ok(volume(h, 'pv1')?.metadata.deletionTimestamp, 'the volume is Terminating');
    assert.match(h.decisionsOf('pvc-protection-controller').at(-1)!, /^keeping finalizer \(used by pod app \(Running on node-1\)/);

    h.store.delete('Pod', 'default', 'app', { gracePeriodSeconds: 0 });
    h.settle();
    assert.equal(h.store.get('PersistentVolumeClaim', 'default', 'data'), undefined);
    // Released once the claim is gone, so pv-protection lets the volume go too.
    assert.equal(volume(h, 'pv1'), undefined);
  });

  it('a pod that never reached a node does not hold a claim', () => {
    const h = setup();
    h.store.create(pvc('data', '1Gi', { storageClassName: '' }));
    h.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending', namespace: 'default' }, spec: { containers: [{ name: 'a', image: 'busybox:1.36' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    h.settle();
    h.store.delete('PersistentVolumeClaim', 'default', 'data');
    h.settle();
    assert.equal(h.store.get('PersistentVolumeClaim', 'default', 'data'), undefined);
  });
});

describe('persistentvolume-controller with the scheduler', () => {
  it('a WaitForFirstConsumer claim binds once its pod is scheduled', async () => {
    const { Scheduler } = await import('../../src/scheduler/scheduler.js');
    const { buildNodeObject } = await import('../../src/kubelet/nodeObject.js');
    const { workerNodes } = await import('../../src/sim/nodeSpec.js');
    const h = new Harness({ controllers: [PersistentVolumeController, Scheduler], pods: false });
    for (const spec of workerNodes(3)) h.store.create(buildNodeObject(spec, h.clock.iso()), { trusted: true });
    h.store.create(storageClass('standard', 'rancher.io/local-path', { volumeBindingMode: 'WaitForFirstConsumer' }, true));
    const c0 = h.store.create(pvc('data', '1Gi'));
    h.settle();
    assert.equal(claim(h, 'data').status?.phase, 'Pending');
    h.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    h.advance(3000);
    const podNode = h.store.get('Pod', 'default', 'app')?.spec?.nodeName;
    assert.ok(podNode, 'the pod is scheduled');
    assert.equal(claim(h, 'data').metadata.annotations?.['volume.kubernetes.io/selected-node'], podNode);
    assert.equal(claim(h, 'data').status?.phase, 'Bound');
    const v = volume(h, `pvc-${c0.metadata.uid}`)!;
    assert.deepEqual(v.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0].matchExpressions?.[0].values, [podNode]);
  });
});
