// Shared parts of stored pods. The pods of one ReplicaSet carry the same labels, owner reference,
// container ports and resources, tolerations and service-account volume; kept once for all of them,
// a pod costs about a kilobyte and a half less (at 150,000 pods, some 200 MB). Sharing is safe because
// stored objects are never changed in place: every write works on a copy (store.modify clones).
import type { KObject } from '../api/object.js';

/** Distinct parts remembered at most; past that the table starts again (sharing is an optimisation). */
const LIMIT = 50_000;

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

  /** Replaces a pod's commonly repeated parts with shared instances, in place (the object is not yet stored). */
  pod(obj: KObject): void {
    const meta = obj.metadata;
    if (meta.labels) meta.labels = this.share(meta.labels);
    if (meta.ownerReferences) meta.ownerReferences = this.share(meta.ownerReferences);
    const spec = obj.spec;
    if (!spec) return;
    for (const c of spec.containers ?? []) this.container(c);
    for (const c of spec.initContainers ?? []) this.container(c);
    if (spec.securityContext) spec.securityContext = this.share(spec.securityContext);
    if (spec.tolerations) spec.tolerations = this.share(spec.tolerations);
    if (spec.affinity) spec.affinity = this.share(spec.affinity);
    if (spec.nodeSelector) spec.nodeSelector = this.share(spec.nodeSelector);
    for (const v of spec.volumes ?? []) if (v.projected) v.projected = this.share(v.projected);
  }

  private container(c: Record<string, unknown>): void {
    for (const field of ['ports', 'resources', 'env', 'securityContext', 'readinessProbe', 'livenessProbe', 'startupProbe', 'command', 'args']) {
      if (c[field] !== undefined) c[field] = this.share(c[field]);
    }
  }
}
