// VolumeBinding's PreFilter: sort the pod's claims into bound ones (whose PV may pin them to nodes)
// and WaitForFirstConsumer ones (which need, per node, a matching Available PV or a provisioner),
// and refuse at once what no node can fix: missing claims and unbound Immediate claims.
import { LabelSelectorError, selectorFromLabelSelector } from '../api/labels.js';
import { value, tryParseQuantity } from '../api/quantity.js';
import type { Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api/types.js';
import type { ClusterLookups } from './clusterView.js';
import { reject, type Rejection } from './framework.js';
import { compileTerms } from './nodeAffinity.js';
import type { PodInfo } from './podInfo.js';

export const VOLUME_BINDING = 'VolumeBinding';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';

export interface BoundClaim {
  claim: PersistentVolumeClaim;
  pv?: PersistentVolume;
}

export interface DelayedClaim {
  claim: PersistentVolumeClaim;
  storageClass: StorageClass;
  /** PVs that could take the claim on some node, smallest first. */
  candidates: PersistentVolume[];
}

export interface VolumeBindingState {
  bound: BoundClaim[];
  delayed: DelayedClaim[];
}

const nodeTests = new WeakMap<PersistentVolume, (node: Node) => boolean>();

/** Whether a PV's spec.nodeAffinity admits the node (no affinity: every node). */
export function pvFitsNode(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  let test = nodeTests.get(pv);
  if (!test) nodeTests.set(pv, (test = compileTerms(terms)));
  return test(node);
}

function storageOf(raw: unknown): number {
  const q = tryParseQuantity(raw as string | undefined);
  return q ? value(q) : 0;
}

function isFullyBound(pvc: PersistentVolumeClaim): boolean {
  if (!pvc.spec?.volumeName) return false;
  return pvc.status?.phase === 'Bound' || pvc.metadata.annotations?.['pv.kubernetes.io/bind-completed'] === 'yes';
}

/** The PVs a WaitForFirstConsumer claim could bind to, leaving only the node check for Filter. */
function candidatePVs(pvc: PersistentVolumeClaim, className: string, all: readonly PersistentVolume[]): PersistentVolume[] {
  const request = storageOf(pvc.spec?.resources?.requests?.storage);
  const modes = pvc.spec?.accessModes ?? [];
  const mode = pvc.spec?.volumeMode ?? 'Filesystem';
  let selector: ReturnType<typeof selectorFromLabelSelector> | undefined;
  try {
    selector = pvc.spec?.selector ? selectorFromLabelSelector(pvc.spec.selector) : undefined;
  } catch (e) {
    if (!(e instanceof LabelSelectorError)) throw e;
    return [];
  }
  const ns = pvc.metadata.namespace;
  const out: PersistentVolume[] = [];
  for (const pv of all) {
    if (pv.metadata.deletionTimestamp) continue;
    if (storageOf(pv.spec?.capacity?.storage) < request) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== mode) continue;
    const ref = pv.spec?.claimRef;
    const preBound = ref && ref.namespace === ns && ref.name === pvc.metadata.name && (!ref.uid || ref.uid === pvc.metadata.uid);
    if (!preBound) {
      if (ref || (pv.status?.phase && pv.status.phase !== 'Available')) continue;
      if ((pv.spec?.storageClassName ?? '') !== className) continue;
      if (selector && !selector.matches(pv.metadata.labels)) continue;
    }
    const pvModes = pv.spec?.accessModes ?? [];
    if (!modes.every((m) => pvModes.includes(m))) continue;
    out.push(pv);
  }
  return out.sort((a, b) => storageOf(a.spec?.capacity?.storage) - storageOf(b.spec?.capacity?.storage));
}

/** Undefined state when the pod mounts no claims. */
export function preFilterVolumeBinding(pod: PodInfo, lookups: ClusterLookups): { state?: VolumeBindingState; rejection?: Rejection } {
  if (pod.claims.length === 0) return {};
  const claims: PersistentVolumeClaim[] = [];
  const ephemeral = new Set((pod.pod.spec?.volumes ?? []).filter((v) => v.ephemeral).map((v) => `${pod.name}-${v.name}`));
  for (const name of pod.claims) {
    const pvc = lookups.pvc(pod.namespace, name);
    if (!pvc) {
      if (ephemeral.has(name)) {
        return { rejection: reject(VOLUME_BINDING, 'UnschedulableAndUnresolvable', `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"`) };
      }
      // Real clusters print this with preemption still considering every node (see the reference's example).
      return { rejection: reject(VOLUME_BINDING, 'Unschedulable', `persistentvolumeclaim "${name}" not found`) };
    }
    if (pvc.metadata.deletionTimestamp) {
      return { rejection: reject(VOLUME_BINDING, 'UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" is being deleted`) };
    }
    claims.push(pvc);
  }
  const state: VolumeBindingState = { bound: [], delayed: [] };
  let immediateUnbound = false;
  let allPVs: PersistentVolume[] | undefined;
  for (const pvc of claims) {
    if (isFullyBound(pvc)) {
      state.bound.push({ claim: pvc, pv: lookups.pv(pvc.spec!.volumeName!) });
      continue;
    }
    const className = pvc.spec?.storageClassName ?? '';
    const sc = className ? lookups.storageClass(className) : undefined;
    if (sc && sc.volumeBindingMode === 'WaitForFirstConsumer' && !pvc.spec?.volumeName) {
      allPVs ??= lookups.persistentVolumes();
      state.delayed.push({ claim: pvc, storageClass: sc, candidates: candidatePVs(pvc, className, allPVs) });
    } else {
      immediateUnbound = true;
    }
  }
  if (immediateUnbound) return { rejection: reject(VOLUME_BINDING, 'UnschedulableAndUnresolvable', ERR_UNBOUND_IMMEDIATE) };
  return { state };
}

function allowedOn(sc: StorageClass, node: Node): boolean {
  const terms = sc.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  const labels = node.metadata.labels ?? {};
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => Object.hasOwn(labels, e.key) && e.values.includes(labels[e.key])));
}

export interface ClaimPlan {
  claim: PersistentVolumeClaim;
  /** The Available PV that would be bound, or undefined when the class provisions a new one. */
  pv?: PersistentVolume;
}

/**
 * How the delayed claims would be satisfied on this node: each takes the smallest fitting PV not
 * already taken by another claim of the pod, else needs a provisioner allowed on the node.
 * Undefined when some claim cannot be satisfied there.
 */
export function planDelayedClaims(state: VolumeBindingState, node: Node): ClaimPlan[] | undefined {
  const plan: ClaimPlan[] = [];
  const chosen = new Set<PersistentVolume>();
  for (const d of state.delayed) {
    const pv = d.candidates.find((c) => !chosen.has(c) && pvFitsNode(c, node));
    if (pv) {
      chosen.add(pv);
      plan.push({ claim: d.claim, pv });
      continue;
    }
    const provisioner = d.storageClass.provisioner;
    if (!provisioner || provisioner === NO_PROVISIONER || !allowedOn(d.storageClass, node)) return undefined;
    plan.push({ claim: d.claim });
  }
  return plan;
}
