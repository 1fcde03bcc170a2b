// syncVolume and reclaimVolume of the PersistentVolume controller: keep a volume's phase in step with
// its claimRef, and when the claim is gone apply the reclaim policy (Retain / Delete / Recycle),
// the slow parts taking RECLAIM_DELAY_MS of simulated time.
import type { KObject } from '../../api/object.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../api/types.js';
import type { ControlPlane } from '../controlPlane.js';
import { setVolumePhase, unbindVolume } from './binder.js';
import type { ClaimUsers } from './claimUsers.js';
import { isPodTerminal } from './claimUsers.js';
import { canRecycle, deleteCheck, RECLAIM_DELAY_MS } from './reclaim.js';
import { ANN_PROVISIONED_BY, claimVolumeMode, reclaimPolicyOf, volumeMode } from './storageHelpers.js';

/** What VolumeSync needs from the controller that hosts it. */
export interface VolumeSyncHost {
  readonly users: ClaimUsers;
  note(key: string, obj: KObject, action: string, reason: string, details?: unknown): void;
  forget(key: string): void;
  record(obj: KObject, action: string, reason: string, details?: unknown): void;
  emit(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
  enqueue(key: string): void;
  later(key: string, delayMs: number): void;
  now(): number;
}

export class VolumeSync {
  /** Delete or recycle in progress: PV name → when it finishes. */
  private readonly operations = new Map<string, number>();
  /** Volumes whose recycling waits for pods that still use the old claim. */
  private readonly waitingForPods = new Set<string>();

  constructor(
    private readonly cp: ControlPlane,
    private readonly host: VolumeSyncHost,
  ) {}

  /** A pod went away: volumes waiting to be recycled may go ahead. */
  podGone(): void {
    for (const name of this.waitingForPods) this.host.enqueue(name);
  }

  sync(name: string): void {
    const { store } = this.cp;
    const pv = store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv) {
      this.operations.delete(name);
      this.waitingForPods.delete(name);
      this.host.forget(name);
      return;
    }
    const ref = pv.spec?.claimRef;
    if (!ref) {
      this.becomeAvailable(pv, 'no claimRef: free for any claim that fits');
      return;
    }
    const claimKey = `${ref.namespace}/${ref.name}`;
    if (!ref.uid) {
      this.becomeAvailable(pv, `reserved for claim ${claimKey} (claimRef without uid)`);
      this.host.enqueue(claimKey);
      return;
    }
    let claim = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref.namespace, ref.name!);
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!claim) {
      this.release(pv, `claim ${claimKey} was deleted`);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (claimVolumeMode(claim) !== volumeMode(pv)) {
        this.host.emit(pv, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`);
        this.host.emit(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // The claim side of the binding is not done yet; the claim's sync finishes it.
      this.host.enqueue(claimKey);
      return;
    }
    if (claim.spec.volumeName === name) {
      setVolumePhase(store, pv, 'Bound');
      return;
    }
    // The claim ended up bound to another volume.
    if (pv.metadata.annotations?.[ANN_PROVISIONED_BY] && reclaimPolicyOf(pv) === 'Delete') {
      this.release(pv, `claim ${claimKey} was bound to ${claim.spec.volumeName} instead`);
      return;
    }
    unbindVolume(store, pv);
    this.host.record(pv, 'unbound', `claim ${claimKey} is bound to ${claim.spec.volumeName}: the volume is free again`);
  }

  private becomeAvailable(pv: PersistentVolume, why: string): void {
    if (pv.status?.phase === 'Available') return;
    setVolumePhase(this.cp.store, pv, 'Available');
    this.host.record(pv, 'available', why);
  }

  private release(pv: PersistentVolume, why: string): void {
    const first = pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed';
    if (first) pv = setVolumePhase(this.cp.store, pv, 'Released');
    const policy = reclaimPolicyOf(pv);
    switch (policy) {
      case 'Retain':
        if (first) this.host.record(pv, 'released', `${why}; reclaim policy Retain keeps the volume and its data: it stays Released until an admin removes spec.claimRef`);
        return;
      case 'Delete':
        this.reclaimByDelete(pv, why, first);
        return;
      case 'Recycle':
        this.reclaimByRecycle(pv, why);
        return;
      default:
        this.fail(pv, 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy', `${why}; reclaim policy "${policy}" is unknown`);
    }
  }

  private reclaimByDelete(pv: PersistentVolume, why: string, first: boolean): void {
    const name = pv.metadata.name!;
    if (pv.metadata.deletionTimestamp) {
      if (first) this.host.record(pv, 'released', `${why}; the PersistentVolume is already being deleted`);
      return;
    }
    const check = deleteCheck(pv);
    if (!check.deletable) {
      this.fail(pv, 'VolumeFailedDelete', check.message, `${why}; reclaim policy Delete, but ${check.message}`);
      return;
    }
    const due = this.operations.get(name);
    const now = this.host.now();
    if (due === undefined) {
      this.operations.set(name, now + RECLAIM_DELAY_MS);
      this.host.later(name, RECLAIM_DELAY_MS);
      this.host.record(pv, 'released', `${why}; reclaim policy Delete: ${check.by} deletes the backing volume (simulated ${RECLAIM_DELAY_MS / 1000}s), then the PersistentVolume`);
      return;
    }
    if (now < due) {
      this.host.later(name, due - now);
      return;
    }
    this.operations.delete(name);
    this.cp.store.delete('PersistentVolume', undefined, name);
    this.host.record(pv, 'deleted', `reclaim policy Delete: ${check.by} removed the backing volume`);
  }

  private reclaimByRecycle(pv: PersistentVolume, why: string): void {
    const name = pv.metadata.name!;
    if (!canRecycle(pv)) {
      this.fail(pv, 'VolumeFailedRecycle', 'No recycler plugin found for the volume!', `${why}; reclaim policy Recycle, but only hostPath and NFS volumes can be recycled`);
      return;
    }
    const ref = pv.spec!.claimRef!;
    const users = this.host.users.podsUsing(ref.namespace!, ref.name!).filter((p) => !isPodTerminal(p));
    if (users.length) {
      const pods = users.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(',');
      this.waitingForPods.add(name);
      this.host.emit(pv, 'Normal', 'VolumeFailedRecycle', `Volume is used by pods: ${pods}`);
      this.host.note(name, pv, 'waiting to recycle', `${why}; pods ${pods} still use it`);
      return;
    }
    this.waitingForPods.delete(name);
    const due = this.operations.get(name);
    const now = this.host.now();
    if (due === undefined) {
      this.operations.set(name, now + RECLAIM_DELAY_MS);
      this.host.later(name, RECLAIM_DELAY_MS);
      this.host.record(pv, 'released', `${why}; reclaim policy Recycle: a recycler pod scrubs it (rm -rf /thevolume/*, simulated ${RECLAIM_DELAY_MS / 1000}s)`);
      return;
    }
    if (now < due) {
      this.host.later(name, due - now);
      return;
    }
    this.operations.delete(name);
    this.host.emit(pv, 'Normal', 'VolumeRecycled', 'Volume recycled');
    unbindVolume(this.cp.store, pv);
    this.host.record(pv, 'recycled', 'scrubbed; claimRef cleared, Available for a new claim');
  }

  /** updateVolumePhaseWithEvent(Failed): the event only when the phase changes. */
  private fail(pv: PersistentVolume, reason: string, message: string, why: string): void {
    if (pv.status?.phase !== 'Failed') {
      setVolumePhase(this.cp.store, pv, 'Failed', message);
      this.host.emit(pv, 'Warning', reason, message);
    }
    this.host.note(pv.metadata.name!, pv, 'reclaim failed', why);
  }
}
