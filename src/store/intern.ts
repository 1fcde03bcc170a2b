// Shared parts of stored pods. The pods of one ReplicaSet carry the same labels, owner reference,
// container ports and resources, tolerations and service-account volume; kept once for all of them,
// a pod costs about a kilobyte and a half less (at 150,000 pods, some 200 MB). Sharing is safe because
// stored objects are never changed in place: every write works on a copy (store.modify's draft copies
// what it changes), and a part a new version still shares with its previous version is left as it is.
//
// One instance is never used twice within one pod: a YAML printer writes an object met twice in one
// document as an anchor and an alias (`&a1` ... `*a1`), so two equal parts of one pod (two containers'
// resources, a readiness and a liveness probe) keep instances of their own.
import type { KObject } from '../api/object.js';
import { BoundedCache } from '../util/boundedCache.js';

/** Distinct parts remembered at most; past that the table starts again (sharing is an optimisation). */
const LIMIT = 50_000;

const CONTAINER_PARTS = ['ports', 'resources', 'env', 'securityContext', 'readinessProbe', 'livenessProbe', 'startupProbe', 'command', 'args'];

type Container = Record<string, unknown>;

export class Interner {
  private readonly parts = new BoundedCache<string, unknown>(LIMIT);
  private readonly texts = new BoundedCache<string, string>(LIMIT);

  /**
   * The one stored instance equal to `value` (same JSON), remembering `value` if it is the first;
   * `value` itself when that instance is in `used` already (the pod holds it elsewhere).
   */
  private share<T>(value: T, used: Set<unknown>): T {
    if (value === undefined || value === null || typeof value !== 'object') return value;
    const key = JSON.stringify(value);
    const known = this.parts.get(key);
    if (known !== undefined) {
      if (used.has(known)) return value;
      used.add(known);
      return known as T;
    }
    this.parts.set(key, value);
    used.add(value);
    return value;
  }

  /** One copy of a text many pods hold (the generateName of a ReplicaSet's pods). */
  private text(value: string): string {
    const known = this.texts.get(value);
    return known ?? this.texts.set(value, value);
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
    const spec = obj.spec;
    const before = previous?.spec;
    const used = new Set<unknown>();
    // The parts kept from the previous version first: what is shared now must differ from them.
    if (previous) keptParts(obj, previous, used);
    if (meta.generateName && meta.generateName !== was?.generateName) meta.generateName = this.text(meta.generateName);
    if (meta.labels && meta.labels !== was?.labels) meta.labels = this.share(meta.labels, used);
    if (meta.ownerReferences && meta.ownerReferences !== was?.ownerReferences) meta.ownerReferences = this.share(meta.ownerReferences, used);
    if (!spec || spec === before) return;
    if (spec.containers !== before?.containers) for (const c of spec.containers ?? []) if (!before?.containers?.includes(c)) this.container(c, used);
    if (spec.initContainers !== before?.initContainers) for (const c of spec.initContainers ?? []) if (!before?.initContainers?.includes(c)) this.container(c, used);
    if (spec.securityContext && spec.securityContext !== before?.securityContext) spec.securityContext = this.share(spec.securityContext, used);
    if (spec.tolerations && spec.tolerations !== before?.tolerations) spec.tolerations = this.share(spec.tolerations, used);
    if (spec.affinity && spec.affinity !== before?.affinity) spec.affinity = this.share(spec.affinity, used);
    if (spec.nodeSelector && spec.nodeSelector !== before?.nodeSelector) spec.nodeSelector = this.share(spec.nodeSelector, used);
    if (spec.volumes && spec.volumes !== before?.volumes) {
      for (const v of spec.volumes) if (v.projected && !before?.volumes?.includes(v)) v.projected = this.share(v.projected, used);
      // Arrays filled by push keep room for more (a one-volume array has room for 17): a copy fits.
      spec.volumes = spec.volumes.slice();
    }
  }

  private container(c: Container, used: Set<unknown>): void {
    for (const field of CONTAINER_PARTS) if (c[field] !== undefined) c[field] = this.share(c[field], used);
    if (Array.isArray(c.volumeMounts)) c.volumeMounts = c.volumeMounts.slice();
  }
}

/** The shareable parts a new version keeps from the stored one: the instances the pod holds already. */
function keptParts(obj: KObject, previous: KObject, used: Set<unknown>): void {
  const keep = (part: unknown, old: unknown) => {
    if (part !== undefined && part !== null && part === old) used.add(part);
  };
  keep(obj.metadata.labels, previous.metadata.labels);
  keep(obj.metadata.ownerReferences, previous.metadata.ownerReferences);
  const spec = obj.spec;
  const before = previous.spec;
  if (!spec || !before) return;
  for (const list of [spec.containers, spec.initContainers]) {
    for (const c of (list ?? []) as Container[]) {
      if (!before.containers?.includes(c) && !before.initContainers?.includes(c)) continue;
      for (const field of CONTAINER_PARTS) if (c[field] !== undefined) used.add(c[field]);
    }
  }
  keep(spec.securityContext, before.securityContext);
  keep(spec.tolerations, before.tolerations);
  keep(spec.affinity, before.affinity);
  keep(spec.nodeSelector, before.nodeSelector);
  for (const v of spec.volumes ?? []) if (v.projected && before.volumes?.includes(v)) used.add(v.projected);
}
