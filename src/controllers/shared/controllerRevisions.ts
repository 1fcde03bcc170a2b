// ControllerRevisions (pkg/controller/history): the snapshots of a pod template that StatefulSets and
// DaemonSets keep so they can tell which pods run which template, roll forward, roll back and keep
// `revisionHistoryLimit` old ones around.
//
// The data of a revision is the patch `{"spec":{"template":{…,"$patch":"replace"}}}` (getPatch), so
// applying it to the owner restores that template.
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/object.js';
import { byCreationThenName } from '../../api/objectOrder.js';
import type { ControllerRevision, PodTemplateSpec } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import { canonicalJson, safeEncodeString } from '../deployment/podTemplateHash.js';
import { controllerRefTo } from '../replicaset/controllerRef.js';

export interface RevisionData {
  spec: { template: PodTemplateSpec & { $patch: 'replace' } };
}

/** getPatch: the owner's pod template as a replace patch. */
export function revisionData(owner: KObject): RevisionData {
  return { spec: { template: { ...structuredClone(owner.spec?.template ?? {}), $patch: 'replace' } } };
}

/** The pod template a revision snapshots (ApplyRevision without the rest of the owner). */
export function templateOf(revision: ControllerRevision): PodTemplateSpec {
  const template = structuredClone((revision.data as RevisionData | undefined)?.spec?.template ?? {}) as PodTemplateSpec & { $patch?: string };
  delete template.$patch;
  return template;
}

/** The owner with its template replaced by the revision's (ApplyRevision). */
export function applyRevision<T extends KObject>(owner: T, revision: ControllerRevision): T {
  return { ...owner, spec: { ...owner.spec, template: templateOf(revision) } };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1 (multiply, then xor), 32 bits: what hash/fnv.New32 computes. */
function fnv32(bytes: Uint8Array, hash = FNV_OFFSET): number {
  let h = hash >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, FNV_PRIME) >>> 0;
    h ^= b;
  }
  return h >>> 0;
}

/** history.HashControllerRevision: FNV-32 of the data, then the probe (collision count) in decimal. */
export function hashControllerRevision(data: unknown, probe?: number): string {
  const encoder = new TextEncoder();
  let h = fnv32(encoder.encode(canonicalJson(data)));
  if (probe !== undefined) h = fnv32(encoder.encode(String(probe)), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: `<owner>-<hash>`, the prefix cut to 223 characters. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** Whether two revisions snapshot the same template (EqualRevision on the raw data). */
export function sameData(a: ControllerRevision, data: unknown): boolean {
  return canonicalJson(a.data) === canonicalJson(data);
}

/** The owner's revisions, oldest first (SortControllerRevisions: revision, then creation, then name). */
export function ownedRevisions(store: Store, owner: KObject): ControllerRevision[] {
  const uid = owner.metadata.uid;
  const revisions = store
    .list<ControllerRevision>('ControllerRevision', { namespace: owner.metadata.namespace, ownerUid: uid })
    .filter((r) => r.metadata.ownerReferences?.some((ref) => ref.uid === uid && ref.controller));
  return revisions.sort(compareRevisions);
}

function compareRevisions(a: ControllerRevision, b: ControllerRevision): number {
  if (a.revision !== b.revision) return (a.revision ?? 0) - (b.revision ?? 0);
  return byCreationThenName(a, b);
}

/** nextRevision: one more than the highest revision number, 1 for the first. */
export function nextRevisionNumber(revisions: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revisions) max = Math.max(max, r.revision ?? 0);
  return max + 1;
}

export interface NewRevision {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  data: unknown;
  revision: number;
}

export function buildRevision(owner: KObject, spec: NewRevision): ControllerRevision {
  const revision: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: spec.name,
      namespace: owner.metadata.namespace,
      ownerReferences: [controllerRefTo(owner)],
    },
    data: structuredClone(spec.data) as ControllerRevision['data'],
    revision: spec.revision,
  };
  if (spec.labels && Object.keys(spec.labels).length) revision.metadata.labels = { ...spec.labels };
  if (spec.annotations && Object.keys(spec.annotations).length) revision.metadata.annotations = { ...spec.annotations };
  return revision;
}

export interface CreatedRevision {
  revision: ControllerRevision;
  collisionCount: number;
}

/**
 * CreateControllerRevision: names the revision `<owner>-<hash(data, collisionCount)>`; when that name
 * is taken by a revision with other data the collision count goes up and the name is hashed again.
 * A same-named revision with the same data is the one we wanted.
 */
export function createRevisionWithCollisions(
  store: Store,
  owner: KObject,
  data: unknown,
  revision: number,
  labels: Record<string, string> | undefined,
  collisionCount: number,
): CreatedRevision {
  let count = collisionCount;
  for (;;) {
    const name = revisionName(owner.metadata.name ?? '', hashControllerRevision(data, count));
    const existing = store.get<ControllerRevision>('ControllerRevision', owner.metadata.namespace, name);
    if (existing) {
      if (sameData(existing, data)) return { revision: existing, collisionCount: count };
      count++;
      continue;
    }
    const created = store.create(buildRevision(owner, { name, labels, data, revision }), { trusted: true });
    return { revision: created, collisionCount: count };
  }
}

/** Moves a revision to a new number (a roll back to an older template makes it the newest). */
export function renumberRevision(store: Store, revision: ControllerRevision, number: number): ControllerRevision {
  if (revision.revision === number) return revision;
  return store.modify<ControllerRevision>('ControllerRevision', revision.metadata.namespace, revision.metadata.name!, (draft) => {
    draft.revision = number;
  }, { trusted: true });
}

/**
 * truncateHistory / cleanupHistory: deletes the oldest revisions that no pod, and neither the current
 * nor the update revision, uses, keeping `limit` of them. Returns the names deleted.
 */
export function truncateHistory(store: Store, revisions: readonly ControllerRevision[], live: ReadonlySet<string>, limit: number): string[] {
  const history = revisions.filter((r) => !live.has(r.metadata.name ?? ''));
  const excess = history.length - Math.max(0, limit);
  const deleted: string[] = [];
  for (let i = 0; i < excess; i++) {
    const r = history[i];
    try {
      store.delete('ControllerRevision', r.metadata.namespace, r.metadata.name!);
      deleted.push(r.metadata.name!);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
  return deleted;
}
