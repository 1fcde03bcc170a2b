// The PersistentVolume controller (pkg/controller/volume/persistentvolume): binds claims to volumes,
// asks the (simulated) provisioner for new ones, and reclaims volumes whose claim is gone.
//
// Keys: a claim is `namespace/name`, a volume is its bare name (PVs are cluster-scoped and their
// names never contain `/`). Unbound claims are looked at again every 15 s (the controller's resync)
// and whenever a PV or StorageClass appears. Long operations (provisioning, deleting, recycling)
// take a short simulated time: the first sync starts them and a delayed sync finishes them.
import type { KObject } from '../api/object.js';
import type { Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api/types.js';
import { defaultStorageClass } from '../store/admission/defaultStorageClass.js';
import { Controller, keyFor } from './controller.js';
import { bind, checkVolumeSatisfyClaim, setClaimStatus } from './volume/binder.js';
import { ClaimUsers, isPodTerminal } from './volume/claimUsers.js';
import { claimWants, explainChoice, explainNoMatch, findMatchingVolume, type MatchResult } from './volume/findMatchingVolume.js';
import { buildProvisionedVolume, PROVISIONING_DELAY_MS, provisionedVolumeName } from './volume/provisioner.js';
import { nodeByName } from './volume/pvNodeAffinity.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  bindingMode,
  claimClass,
  claimHasClass,
  NO_PROVISIONER,
} from './volume/storageHelpers.js';
import { VolumeSync, type VolumeSyncHost } from './volume/volumeSync.js';

/** The controller's periodic resync (--pvclaimbinder-sync-period). */
export const CLAIM_RESYNC_MS = 15_000;

export class PersistentVolumeController extends Controller implements VolumeSyncHost {
  readonly name = 'persistentvolume-controller';
  protected override readonly primaryKind = 'PersistentVolumeClaim';
  readonly users: ClaimUsers;
  /** Claims not yet bound: looked at again when a PV or a StorageClass appears. */
  private readonly pending = new Set<string>();
  /** Provisioning in progress: claim key → when the simulated provisioner finishes. */
  private readonly provisioning = new Map<string, number>();
  private readonly lastNote = new Map<string, string>();
  private readonly volumes: VolumeSync;

  constructor(cp: ConstructorParameters<typeof Controller>[0]) {
    super(cp);
    this.users = new ClaimUsers(cp.store);
    this.volumes = new VolumeSync(cp, this);
  }

  start(): void {
    const { store } = this.cp;
    this.users.seed();
    for (const claim of store.list<PersistentVolumeClaim>('PersistentVolumeClaim')) this.observeClaim(claim, false);
    for (const pv of store.list<PersistentVolume>('PersistentVolume')) this.enqueue(pv.metadata.name!);
    store.watch({ kind: 'PersistentVolumeClaim' }, (event) => {
      const claim = event.object as PersistentVolumeClaim;
      // Finalizer and status writes (ours or the protection controller's) change nothing to decide.
      if (event.type === 'MODIFIED' && !changed(event.old!, claim, false)) return;
      this.observeClaim(claim, event.type === 'DELETED');
      if (event.type === 'DELETED') {
        // Its volume (bound, or provisioned but not yet bound) is now released.
        if (claim.spec?.volumeName) this.enqueue(claim.spec.volumeName);
        if (store.get('PersistentVolume', undefined, provisionedVolumeName(claim))) this.enqueue(provisionedVolumeName(claim));
      }
    });
    store.watch({ kind: 'PersistentVolume' }, (event) => {
      const pv = event.object as PersistentVolume;
      if (event.type === 'MODIFIED' && !changed(event.old!, pv, true)) return;
      this.enqueue(pv.metadata.name!);
      const ref = pv.spec?.claimRef ?? (event.old as PersistentVolume | undefined)?.spec?.claimRef;
      if (ref?.name) this.enqueue(`${ref.namespace}/${ref.name}`);
      if (event.type !== 'DELETED' && !pv.spec?.claimRef) this.enqueuePending();
    });
    store.watch({ kind: 'StorageClass' }, () => this.enqueuePending());
    store.watch({ kind: 'Pod' }, (event) => {
      for (const key of this.users.observe(event)) if (this.pending.has(key)) this.enqueue(key);
      // A volume waiting to be recycled waits for its last pod.
      if (event.type === 'DELETED' || isPodTerminal(event.object)) this.volumes.podGone();
    });
  }

  private observeClaim(claim: PersistentVolumeClaim, deleted: boolean): void {
    const key = keyFor(claim);
    if (!deleted && !claim.metadata.annotations?.[ANN_BIND_COMPLETED]) this.pending.add(key);
    else this.pending.delete(key);
    this.enqueue(key);
  }

  private enqueuePending(): void {
    for (const key of this.pending) this.enqueue(key);
  }

  reconcile(key: string): void {
    if (!key.includes('/')) {
      this.volumes.sync(key);
      return;
    }
    const slash = key.indexOf('/');
    const claim = this.cp.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', key.slice(0, slash), key.slice(slash + 1));
    if (!claim) {
      this.provisioning.delete(key);
      this.lastNote.delete(key);
      return;
    }
    if (claim.metadata.annotations?.[ANN_BIND_COMPLETED]) this.syncBoundClaim(claim);
    else this.syncUnboundClaim(claim, key);
  }

  // ---- unbound claims -------------------------------------------------------------------------

  private syncUnboundClaim(claim: PersistentVolumeClaim, key: string): void {
    if (claim.spec?.volumeName) {
      this.syncRequestedVolume(claim, key);
      return;
    }
    const { store } = this.cp;
    const cls = claimClass(claim);
    const sc = cls ? store.get<StorageClass>('StorageClass', undefined, cls) : undefined;
    const delayBinding = bindingMode(sc) === 'WaitForFirstConsumer';
    const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    const node = delayBinding && selectedNode ? (store.get<Node>('Node', undefined, selectedNode) ?? nodeByName(selectedNode)) : undefined;
    const result = findMatchingVolume(claim, store.list<PersistentVolume>('PersistentVolume'), { node, delayBinding });
    if (result.volume) {
      const bound = bind(store, result.volume, claim);
      this.provisioning.delete(key);
      this.lastNote.delete(key);
      this.decide(claim, `bound to ${result.volume.metadata.name}`, explainChoice(result), { volume: result.volume.metadata.name, fitting: result.fitting, rejected: result.rejected, changed: bound.changed });
      return;
    }
    // Retroactive default class (v1.28): a claim that named no class gets today's default.
    if (!claimHasClass(claim)) {
      const def = defaultStorageClass(store);
      if (def) {
        store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name!, (c) => {
          c.spec = { ...(c.spec ?? {}), storageClassName: def.metadata.name };
        }, { trusted: true });
        this.decide(claim, `assigned default storage class ${def.metadata.name}`, `the claim named no class and ${def.metadata.name} is now the default (retroactive assignment)`);
        return;
      }
    }
    setClaimStatus(store, claim, 'Pending');
    this.enqueueAfter(key, CLAIM_RESYNC_MS);
    if (delayBinding && !selectedNode) {
      this.waitForConsumer(claim, key);
      return;
    }
    if (cls) {
      this.provision(claim, key, sc, selectedNode, node, result);
      return;
    }
    this.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    this.note(key, claim, 'no PV fits', explainNoMatch(claim, result), { rejected: result.rejected });
  }

  /** emitEventForUnboundDelayBindingClaim: waiting for a pod that uses the claim to be scheduled. */
  private waitForConsumer(claim: PersistentVolumeClaim, key: string): void {
    const unscheduled = this.users
      .podsUsing(claim.metadata.namespace!, claim.metadata.name!)
      .filter((p) => !isPodTerminal(p) && !p.spec?.nodeName)
      .map((p) => p.metadata.name!);
    if (unscheduled.length) {
      const message = unscheduled.length > 1 ? `waiting for pods ${unscheduled.join(',')} to be scheduled` : `waiting for pod ${unscheduled[0]} to be scheduled`;
      this.event(claim, 'Normal', 'WaitForPodScheduled', message);
      this.note(key, claim, 'waiting for the scheduler', `class ${claimClass(claim)} binds on WaitForFirstConsumer: ${message}, then the scheduler picks a node (volume.kubernetes.io/selected-node)`);
      return;
    }
    this.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    this.note(key, claim, 'waiting for first consumer', `class ${claimClass(claim)} has volumeBindingMode WaitForFirstConsumer: nothing binds or provisions until a pod using the claim is scheduled`);
  }

  private provision(claim: PersistentVolumeClaim, key: string, sc: StorageClass | undefined, selectedNode: string | undefined, node: Node | undefined, result: MatchResult): void {
    const { store, clock } = this.cp;
    const cls = claimClass(claim);
    if (!sc) {
      this.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`);
      this.note(key, claim, 'cannot provision', `${explainNoMatch(claim, result)}; and storage class "${cls}" does not exist`);
      return;
    }
    const provisioner = sc.provisioner;
    if (provisioner === NO_PROVISIONER) {
      this.event(claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${NO_PROVISIONER}`);
      this.note(key, claim, 'no PV fits', `${explainNoMatch(claim, result)}; class ${cls} uses ${NO_PROVISIONER}, so its volumes are created by hand`);
      return;
    }
    const annotations = claim.metadata.annotations ?? {};
    if (annotations[ANN_STORAGE_PROVISIONER] !== provisioner || annotations[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      claim = store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name!, (c) => {
        c.metadata.annotations = { ...(c.metadata.annotations ?? {}), [ANN_STORAGE_PROVISIONER]: provisioner, [ANN_BETA_STORAGE_PROVISIONER]: provisioner };
      }, { trusted: true });
    }
    const pvName = provisionedVolumeName(claim);
    const due = this.provisioning.get(key);
    const now = clock.now();
    if (due === undefined) {
      this.event(
        claim,
        'Normal',
        'ExternalProvisioning',
        `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
      this.cp.events.record({ component: provisioner }, claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${keyFor(claim)}"`);
      this.provisioning.set(key, now + PROVISIONING_DELAY_MS);
      this.enqueueAfter(key, PROVISIONING_DELAY_MS);
      const where = selectedNode ? ` on node ${selectedNode}` : '';
      this.decide(claim, `provisioning ${pvName}`, `no PV fits (${explainNoMatch(claim, result)}); class ${cls} provisions with ${provisioner}${where} (simulated, ${PROVISIONING_DELAY_MS / 1000}s)`, { provisioner, selectedNode });
      return;
    }
    if (now < due) {
      this.enqueueAfter(key, due - now);
      return;
    }
    this.provisioning.delete(key);
    if (!store.get('PersistentVolume', undefined, pvName)) store.create(buildProvisionedVolume(claim, sc, selectedNode, node), { trusted: true });
    this.cp.events.record({ component: provisioner }, claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
    this.decide(claim, `provisioned ${pvName}`, `${provisioner} created ${claimWants(claim).replace(/ class .*$/, '')} with reclaimPolicy ${sc.reclaimPolicy ?? 'Delete'}${selectedNode ? `, on node ${selectedNode}` : ''}; binding next`);
    this.enqueue(key);
  }

  /** A claim naming its PV in spec.volumeName (syncUnboundClaim, "user asked for a specific PV"). */
  private syncRequestedVolume(claim: PersistentVolumeClaim, key: string): void {
    const { store } = this.cp;
    const name = claim.spec!.volumeName!;
    const pv = store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv) {
      setClaimStatus(store, claim, 'Pending');
      this.enqueueAfter(key, CLAIM_RESYNC_MS);
      this.note(key, claim, `waiting for volume ${name}`, `spec.volumeName names PersistentVolume ${name}, which does not exist (yet)`);
      return;
    }
    const ref = pv.spec?.claimRef;
    const ours = ref && ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace && (!ref.uid || ref.uid === claim.metadata.uid);
    if (!ref || ours) {
      const problem = ref ? undefined : checkVolumeSatisfyClaim(pv, claim);
      if (problem) {
        setClaimStatus(store, claim, 'Pending');
        this.enqueueAfter(key, CLAIM_RESYNC_MS);
        this.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${name}": ${problem}`);
        this.note(key, claim, `cannot bind to ${name}`, problem);
        return;
      }
      bind(store, pv, claim);
      this.lastNote.delete(key);
      this.decide(claim, `bound to ${name}`, ref ? `${name} and the claim name each other` : `spec.volumeName asks for ${name}, which is free and fits`);
      return;
    }
    setClaimStatus(store, claim, 'Pending');
    this.enqueueAfter(key, CLAIM_RESYNC_MS);
    this.event(claim, 'Warning', 'FailedBinding', `volume "${name}" already bound to a different claim.`);
    this.note(key, claim, `cannot bind to ${name}`, `${name} is bound to ${ref.namespace}/${ref.name}`);
  }

  // ---- bound claims ---------------------------------------------------------------------------

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    const { store } = this.cp;
    const name = claim.spec?.volumeName;
    if (!name) {
      this.lose(claim, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!', 'spec.volumeName was cleared');
      return;
    }
    const pv = store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv) {
      this.lose(claim, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!', `PersistentVolume ${name} is gone`);
      return;
    }
    const ref = pv.spec?.claimRef;
    if (!ref || ref.uid === claim.metadata.uid) {
      const result = bind(store, pv, claim);
      if (result.changed) this.decide(claim, `bound to ${name}`, ref ? 'finished the binding' : `${name} had lost its claimRef: bound it again`);
      return;
    }
    this.lose(claim, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly', `${name} is bound to ${ref.namespace}/${ref.name}`);
  }

  private lose(claim: PersistentVolumeClaim, reason: string, message: string, why: string): void {
    if (claim.status?.phase === 'Lost') return;
    setClaimStatus(this.cp.store, claim, 'Lost');
    this.event(claim, 'Warning', reason, message);
    this.decide(claim, 'claim lost', why);
  }

  // ---- shared with VolumeSync -------------------------------------------------------------------

  /** A decision, unless the same one was the last recorded for this object (waits repeat every resync). */
  note(key: string, obj: KObject, action: string, reason: string, details?: unknown): void {
    const text = `${action}\n${reason}`;
    if (this.lastNote.get(key) === text) return;
    this.lastNote.set(key, text);
    this.decide(obj, action, reason, details);
  }

  forget(key: string): void {
    this.lastNote.delete(key);
  }

  record(obj: KObject, action: string, reason: string, details?: unknown): void {
    this.decide(obj, action, reason, details);
  }

  emit(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.event(obj, type, reason, message);
  }

  later(key: string, delayMs: number): void {
    this.enqueueAfter(key, delayMs);
  }

  now(): number {
    return this.cp.clock.now();
  }
}

/** Whether an update touched what binding depends on: spec, annotations, deletion, and for PVs the phase. */
function changed(old: KObject, next: KObject, withPhase: boolean): boolean {
  return (
    JSON.stringify(old.spec) !== JSON.stringify(next.spec) ||
    JSON.stringify(old.metadata.annotations ?? {}) !== JSON.stringify(next.metadata.annotations ?? {}) ||
    old.metadata.deletionTimestamp !== next.metadata.deletionTimestamp ||
    (withPhase && old.status?.phase !== next.status?.phase)
  );
}
