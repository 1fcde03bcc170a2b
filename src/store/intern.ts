// Shared parts of stored pods. The pods of one ReplicaSet carry the same labels, owner reference,
// container ports and resources, tolerations and service-account volume; kept once for all of them,
// a pod costs about a kilobyte and a half less (at 150,000 pods, some 200 MB). Sharing is safe because
// stored objects are never changed in place: every write works on a copy (store.modify's draft copies
// what it changes), and a part a new version still shares with its previous version is left as it is.
import type { KObject } from '../api/object.js';

/** Distinct parts remembered at most; past that the table starts again (sharing is an optimisation). */
const LIMIT = 50_000;

const CONTAINER_PARTS = ['ports', 'resources', 'env', 'securityContext', 'readinessProbe', 'livenessProbe', 'startupProbe', 'command', 'args'];

export class Interner {
  private readonly parts = new Map<string, unknown>();

  /** The one stored instance equal to `value` (same JSON), remembering `value` if it is the first. */
  private share<T>(value: T): T {
    if (value === undefined || value === null || typeof value !== 'object') return value;
    const key = JSON.stringify(value);
    const known = this.parts.get(key);
    if (known !== undefined) return known as T;
    if (this.parts.size >= LIMIT) this.parts.clear();
    this.parts.set(key, value);
    return value;
  }

  /**
   * Replaces a pod's commonly repeated parts with shared instances, in place (the object is not yet
   * stored). With `previous` (the stored version it replaces), the parts it still shares with that
   * version are left alone: they went through here when that version was stored, and they are
   * stored objects, never to be written to.
   */
  pod(obj: KObject, previous?: KObject): void {
    const meta = obj.metadata;
    const was = previous?.metadata;
    if (meta.labels && meta.labels !== was?.labels) meta.labels = this.share(meta.labels);
    if (meta.ownerReferences && meta.ownerReferences !== was?.ownerReferences) meta.ownerReferences = this.share(meta.ownerReferences);
    const spec = obj.spec;
    const before = previous?.spec;
    if (!spec || spec === before) return;
    if (spec.containers !== before?.containers) for (const c of spec.containers ?? []) if (!before?.containers?.includes(c)) this.container(c);
    if (spec.initContainers !== before?.initContainers) for (const c of spec.initContainers ?? []) if (!before?.initContainers?.includes(c)) this.container(c);
    if (spec.securityContext && spec.securityContext !== before?.securityContext) spec.securityContext = this.share(spec.securityContext);
    if (spec.tolerations && spec.tolerations !== before?.tolerations) spec.tolerations = this.share(spec.tolerations);
    if (spec.affinity && spec.affinity !== before?.affinity) spec.affinity = this.share(spec.affinity);
    if (spec.nodeSelector && spec.nodeSelector !== before?.nodeSelector) spec.nodeSelector = this.share(spec.nodeSelector);
    if (spec.volumes !== before?.volumes) {
      for (const v of spec.volumes ?? []) if (v.projected && !before?.volumes?.includes(v)) v.projected = this.share(v.projected);
    }
  }

  private container(c: Record<string, unknown>): void {
    for (const field of CONTAINER_PARTS) if (c[field] !== undefined) c[field] = this.share(c[field]);
  }
}
