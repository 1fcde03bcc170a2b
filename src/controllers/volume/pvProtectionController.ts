// The PV protection controller (pkg/controller/volume/pvprotection): every PersistentVolume carries
// the finalizer kubernetes.io/pv-protection; a deleted PV stays Terminating while it is Bound and
// goes once it is not (Released, Available, Failed).
import type { PersistentVolume } from '../../api/types.js';
import { Controller } from '../controller.js';
import { PV_PROTECTION_FINALIZER } from './storageHelpers.js';

export class PvProtectionController extends Controller {
  readonly name = 'pv-protection-controller';
  protected override readonly primaryKind = 'PersistentVolume';
  private readonly lastWait = new Map<string, string>();

  start(): void {
    const { store } = this.cp;
    for (const pv of store.list<PersistentVolume>('PersistentVolume')) this.enqueue(pv.metadata.name!);
    store.watch({ kind: 'PersistentVolume' }, (event) => this.enqueue(event.object.metadata.name!));
  }

  reconcile(name: string): void {
    const { store } = this.cp;
    const pv = store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv) {
      this.lastWait.delete(name);
      return;
    }
    const has = pv.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER) ?? false;
    if (!pv.metadata.deletionTimestamp) {
      if (has) return;
      store.modify<PersistentVolume>('PersistentVolume', undefined, name, (v) => {
        v.metadata.finalizers = [...(v.metadata.finalizers ?? []), PV_PROTECTION_FINALIZER];
      }, { trusted: true });
      this.decide(pv, `added finalizer ${PV_PROTECTION_FINALIZER}`, 'a bound volume must not disappear under its claim');
      return;
    }
    if (!has) return;
    if (pv.status?.phase === 'Bound') {
      const ref = pv.spec?.claimRef;
      const why = `bound to claim ${ref?.namespace}/${ref?.name}: the volume stays Terminating until the claim releases it`;
      if (this.lastWait.get(name) !== why) {
        this.lastWait.set(name, why);
        this.decide(pv, 'keeping finalizer', why);
      }
      return;
    }
    this.lastWait.delete(name);
    store.modify<PersistentVolume>('PersistentVolume', undefined, name, (v) => {
      v.metadata.finalizers = (v.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION_FINALIZER);
    }, { trusted: true });
    this.decide(pv, `removed finalizer ${PV_PROTECTION_FINALIZER}`, `the volume is ${pv.status?.phase ?? 'not bound'}: deletion proceeds`);
  }
}
