// Volume binding invariants: a PersistentVolume is bound once — no two Bound claims name it — and a
// binding is agreed on by both sides: a Bound claim's volume points back at it, a Bound volume's
// claim exists and names it.
import type { PersistentVolume, PersistentVolumeClaim } from '../../api/types.js';
import type { CheckContext } from './context.js';

export function checkVolumes(ctx: CheckContext): void {
  if (!ctx.runs('persistentvolume-controller')) return;
  const { store } = ctx;
  const claimsOf = new Map<string, PersistentVolumeClaim[]>();
  for (const claim of store.list<PersistentVolumeClaim>('PersistentVolumeClaim')) {
    if (claim.status?.phase !== 'Bound') continue;
    const volume = claim.spec?.volumeName;
    if (!volume) {
      ctx.fail('pv-binding', claim, 'Bound but spec.volumeName is empty');
      continue;
    }
    const list = claimsOf.get(volume) ?? [];
    list.push(claim);
    claimsOf.set(volume, list);
    const pv = store.get<PersistentVolume>('PersistentVolume', undefined, volume);
    const ref = pv?.spec?.claimRef;
    if (!pv) ctx.fail('pv-binding', claim, `Bound to volume ${volume}, which does not exist`);
    else if (ref?.uid !== claim.metadata.uid || ref?.name !== claim.metadata.name || ref?.namespace !== claim.metadata.namespace) {
      ctx.fail('pv-binding', claim, `Bound to ${volume}, whose claimRef is ${ref ? `${ref.namespace}/${ref.name} uid ${ref.uid}` : 'empty'}`);
    }
  }
  for (const [volume, claims] of claimsOf) {
    if (claims.length > 1) ctx.fail('pv-binding', `PersistentVolume ${volume}`, `bound by ${claims.length} claims: ${claims.map((c) => `${c.metadata.namespace}/${c.metadata.name}`).join(', ')}`);
  }
  for (const pv of store.list<PersistentVolume>('PersistentVolume')) {
    if (pv.status?.phase !== 'Bound') continue;
    const ref = pv.spec?.claimRef;
    const claim = ref?.name ? store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref.namespace, ref.name) : undefined;
    if (!claim || claim.metadata.uid !== ref?.uid) {
      ctx.fail('pv-binding', pv, `Bound but its claim ${ref ? `${ref.namespace}/${ref.name}` : '(none)'} does not exist`);
    } else if (claim.spec?.volumeName !== pv.metadata.name) {
      ctx.fail('pv-binding', pv, `Bound to claim ${ref!.namespace}/${ref!.name}, which names volume ${claim.spec?.volumeName ?? '(none)'}`);
    }
  }
}
