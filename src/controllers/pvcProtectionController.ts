// The PVC protection controller (pkg/controller/volume/pvcprotection): every claim carries the
// finalizer kubernetes.io/pvc-protection; when a claim is deleted the finalizer stays, and the claim
// shows Terminating, until no scheduled, non-terminal pod uses it. Pods that never reached a node
// do not hold it: the kubelet refuses to start a pod whose claim is being deleted.
import type { Pod, PersistentVolumeClaim } from '../api/types.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { ClaimUsers, isPodTerminal } from './volume/claimUsers.js';
import { PVC_PROTECTION_FINALIZER } from './volume/storageHelpers.js';

export class PvcProtectionController extends Controller {
  readonly name = 'pvc-protection-controller';
  protected override readonly primaryKind = 'PersistentVolumeClaim';
  private readonly users: ClaimUsers;
  private readonly lastWait = new Map<string, string>();

  constructor(cp: ConstructorParameters<typeof Controller>[0]) {
    super(cp);
    this.users = new ClaimUsers(cp.store);
  }

  start(): void {
    const { store } = this.cp;
    this.users.seed();
    for (const claim of store.list<PersistentVolumeClaim>('PersistentVolumeClaim')) this.enqueue(keyFor(claim));
    store.watch({ kind: 'PersistentVolumeClaim' }, (event) => this.enqueue(keyFor(event.object)));
    store.watch({ kind: 'Pod' }, (event) => {
      for (const key of this.users.observe(event)) {
        const { namespace, name } = splitKey(key);
        // Only a claim being deleted cares who uses it.
        if (store.get('PersistentVolumeClaim', namespace, name)?.metadata.deletionTimestamp) this.enqueue(key);
      }
    });
  }

  reconcile(key: string): void {
    const { store } = this.cp;
    const { namespace, name } = splitKey(key);
    const claim = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name);
    if (!claim) {
      this.lastWait.delete(key);
      return;
    }
    const has = claim.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER) ?? false;
    if (!claim.metadata.deletionTimestamp) {
      if (has) return;
      store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name, (c) => {
        c.metadata.finalizers = [...(c.metadata.finalizers ?? []), PVC_PROTECTION_FINALIZER];
      }, { trusted: true });
      this.decide(claim, `added finalizer ${PVC_PROTECTION_FINALIZER}`, 'a claim in use by a pod must not disappear under it');
      return;
    }
    if (!has) return;
    const users = this.users.podsUsing(namespace!, name).filter(usesClaim);
    if (users.length) {
      const names = users.map((p) => `${p.metadata.name} (${p.status?.phase ?? 'Pending'} on ${p.spec!.nodeName})`).join(', ');
      const why = `used by pod ${names}: the claim stays Terminating until no pod uses it`;
      if (this.lastWait.get(key) !== why) {
        this.lastWait.set(key, why);
        this.decide(claim, 'keeping finalizer', why, { pods: users.map((p) => p.metadata.name) });
      }
      return;
    }
    this.lastWait.delete(key);
    store.modify<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name, (c) => {
      c.metadata.finalizers = (c.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION_FINALIZER);
    }, { trusted: true });
    this.decide(claim, `removed finalizer ${PVC_PROTECTION_FINALIZER}`, 'no running pod uses the claim any more: deletion proceeds');
  }
}

/** podUsesPVC: only pods on a node that have not finished hold a claim. */
function usesClaim(pod: Pod): boolean {
  return !!pod.spec?.nodeName && !isPodTerminal(pod);
}
