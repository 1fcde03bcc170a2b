// Looking at a Deployment's ReplicaSets: which one is new, which are old, in which order they scale,
// and their replica sums.
import { clone } from '../../api/object.js';
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../api/types.js';
import { canonicalJson, POD_TEMPLATE_HASH_LABEL } from './podTemplateHash.js';

export const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 1;
export const statusReplicas = (rs: ReplicaSet): number => rs.status?.replicas ?? 0;
export const availableReplicas = (rs: ReplicaSet): number => rs.status?.availableReplicas ?? 0;
export const readyReplicas = (rs: ReplicaSet): number => rs.status?.readyReplicas ?? 0;

export function sum(rss: ReplicaSet[], count: (rs: ReplicaSet) => number): number {
  let n = 0;
  for (const rs of rss) n += count(rs);
  return n;
}

/** FilterActiveReplicaSets: RSs that want pods (spec.replicas > 0). */
export function activeReplicaSets(rss: Array<ReplicaSet | undefined>): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);
}

/** The numbers the rollout arithmetic needs from one ReplicaSet. */
export interface RsView {
  name: string;
  /** spec.replicas */
  replicas: number;
  /** status.availableReplicas */
  available: number;
  /** creationTimestamp, epoch ms */
  created: number;
  /** The max-replicas annotation (replicas + maxSurge when it was last scaled). */
  maxReplicas?: number;
}

export function viewOf(rs: ReplicaSet): RsView {
  const t = Date.parse(rs.metadata.creationTimestamp ?? '');
  const max = rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'];
  return {
    name: rs.metadata.name ?? '',
    replicas: specReplicas(rs),
    available: availableReplicas(rs),
    created: Number.isNaN(t) ? 0 : t,
    maxReplicas: max !== undefined && /^\d+$/.test(max) ? Number(max) : undefined,
  };
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byAge(a: RsView, b: RsView): number {
  const d = a.created - b.created;
  if (d !== 0) return d;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** ReplicaSetsBySizeNewer: largest first; equal sizes newer first (scaling up). */
export function bySizeNewer(a: RsView, b: RsView): number {
  const d = b.replicas - a.replicas;
  return d !== 0 ? d : byAge(b, a);
}

/** ReplicaSetsBySizeOlder: largest first; equal sizes older first (scaling down). */
export function bySizeOlder(a: RsView, b: RsView): number {
  const d = b.replicas - a.replicas;
  return d !== 0 ? d : byAge(a, b);
}

/** Oldest first, on the objects themselves. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return byAge(viewOf(a), viewOf(b));
}

/** A template without the pod-template-hash label, for comparisons. */
export function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = clone(template ?? {});
  const labels = copy.metadata?.labels;
  if (labels && POD_TEMPLATE_HASH_LABEL in labels) {
    delete labels[POD_TEMPLATE_HASH_LABEL];
  }
  return copy;
}

const templateKeys = new WeakMap<object, string>();

/**
 * A template's identity for comparisons: canonical JSON without the hash label. Remembered per
 * template object: stored objects never change, and a Deployment syncs on every change of one of its
 * ReplicaSets, each time comparing the same templates.
 */
export function templateKey(template: PodTemplateSpec | undefined): string {
  if (!template) return canonicalJson(normalize(withoutHash(template)));
  let key = templateKeys.get(template);
  if (key === undefined) templateKeys.set(template, (key = canonicalJson(normalize(withoutHash(template)))));
  return key;
}

/** EqualIgnoreHash: the two templates are the same apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/** An empty label map and a missing one are the same thing to the API. */
function normalize(t: PodTemplateSpec): PodTemplateSpec {
  if (t.metadata?.labels && Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  if (t.metadata && Object.keys(t.metadata).length === 0) delete t.metadata;
  return t;
}

/** FindNewReplicaSet: the oldest RS whose template equals the Deployment's. */
export function findNewReplicaSet(d: Deployment, rss: ReplicaSet[]): ReplicaSet | undefined {
  const want = templateKey(d.spec?.template);
  return [...rss].sort(byCreation).find((rs) => templateKey(rs.spec?.template) === want);
}

/** Every RS but the new one. */
export function findOldReplicaSets(d: Deployment, rss: ReplicaSet[], fresh = findNewReplicaSet(d, rss)): ReplicaSet[] {
  return rss.filter((rs) => rs !== fresh);
}
