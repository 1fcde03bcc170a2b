// FindMatchingVolume (component-helpers pv_helpers.go, with index.go's access-mode grouping): which
// PersistentVolume an unbound claim gets, and, for learners, why every other PV was passed over.
//
// A PV pre-bound to the claim (claimRef naming it) is taken at once. Otherwise a PV must be
// Available with no claimRef, offer the claim's access modes, have its class, match its selector,
// its volumeMode, be large enough and (when a node is given) reachable from the node. PVs are
// grouped by access-mode set; the narrowest set with a fitting PV wins, and within it the smallest.
import { compareQuantities } from '../../api/quantity.js';
import { selectorFromLabelSelector } from '../../api/labels.js';
import type { Node, PersistentVolume, PersistentVolumeClaim } from '../../api/types.js';
import { volumeReachableFrom } from './pvNodeAffinity.js';
import {
  accessModesText,
  claimClass,
  claimRequest,
  claimRequestText,
  claimVolumeMode,
  classText,
  isVolumeBoundToClaim,
  offersAccessModes,
  volumeCapacity,
  volumeCapacityText,
  volumeClass,
  volumeMode,
} from './storageHelpers.js';

export interface MatchOptions {
  /** The node the claim will be used from (WaitForFirstConsumer after scheduling); checks PV node affinity. */
  node?: Node;
  /** The class binds late: without a node only a PV pre-bound to the claim may be taken. */
  delayBinding?: boolean;
}

export interface VolumeVerdict {
  name: string;
  capacity: string;
  /** Why the PV was not chosen (`too small`, `is bound`, ...); undefined for the chosen one. */
  why?: string;
}

export interface MatchResult {
  volume?: PersistentVolume;
  /** The PV named the claim already (pre-bound by an admin, the scheduler or a provisioner). */
  prebound: boolean;
  /** The fitting PVs of the access-mode set the choice came from, smallest first. */
  fitting: VolumeVerdict[];
  /** Every other PV with the reason it was passed over, by name. */
  rejected: VolumeVerdict[];
}

function verdict(pv: PersistentVolume, why?: string): VolumeVerdict {
  return why === undefined ? { name: pv.metadata.name!, capacity: volumeCapacityText(pv) } : { name: pv.metadata.name!, capacity: volumeCapacityText(pv), why };
}

function byName(a: VolumeVerdict, b: VolumeVerdict): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function findMatchingVolume(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], options: MatchOptions = {}): MatchResult {
  const { node, delayBinding = false } = options;
  const request = claimRequest(claim);
  const wantClass = claimClass(claim);
  const wantMode = claimVolumeMode(claim);
  let selector: ReturnType<typeof selectorFromLabelSelector> | undefined;
  try {
    selector = claim.spec?.selector ? selectorFromLabelSelector(claim.spec.selector) : undefined;
  } catch {
    selector = undefined;
  }
  const rejected: VolumeVerdict[] = [];
  const candidates: PersistentVolume[] = [];

  for (const pv of [...volumes].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
    const bigEnough = compareQuantities(volumeCapacity(pv), request) >= 0;
    const reachable = !node || volumeReachableFrom(pv, node);
    const modeOk = volumeMode(pv) === wantMode;
    if (isVolumeBoundToClaim(pv, claim)) {
      const problem = !bigEnough ? 'too small' : !modeOk ? `is ${volumeMode(pv)} (needs ${wantMode})` : pv.metadata.deletionTimestamp ? 'is being deleted' : !reachable ? `is not reachable from ${node!.metadata.name} (node affinity)` : undefined;
      if (!problem) return { volume: pv, prebound: true, fitting: [verdict(pv)], rejected: [] };
      // A pre-bound PV that cannot serve the claim is never handed to anyone else either.
      rejected.push(verdict(pv, `is reserved for this claim but ${problem}`));
      continue;
    }
    const why = rejectionOf(pv, claim, { node, delayBinding, wantClass, wantMode, selector, bigEnough, reachable, modeOk });
    if (why) rejected.push(verdict(pv, why));
    else candidates.push(pv);
  }

  // index.go: access-mode sets that include the claim's modes, narrowest first.
  const groups = new Map<string, PersistentVolume[]>();
  for (const pv of candidates) {
    const key = [...new Set(pv.spec?.accessModes ?? [])].sort().join(',');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(pv);
  }
  const order = [...groups.keys()].sort((a, b) => a.split(',').length - b.split(',').length || (a < b ? -1 : a > b ? 1 : 0));
  const bySize = (a: PersistentVolume, b: PersistentVolume) => compareQuantities(volumeCapacity(a), volumeCapacity(b)) || (a.metadata.name! < b.metadata.name! ? -1 : 1);
  const chosenKey = order[0];
  if (chosenKey === undefined) return { prebound: false, fitting: [], rejected: rejected.sort(byName) };
  const fitting = groups.get(chosenKey)!.sort(bySize);
  for (const key of order.slice(1)) {
    for (const pv of groups.get(key)!) rejected.push(verdict(pv, `fits but is ${accessModesText(pv.spec?.accessModes)} (narrower access modes are preferred)`));
  }
  return { volume: fitting[0], prebound: false, fitting: fitting.map((pv) => verdict(pv)), rejected: rejected.sort(byName) };
}

interface RejectionContext {
  node?: Node;
  delayBinding: boolean;
  wantClass: string;
  wantMode: string;
  selector?: ReturnType<typeof selectorFromLabelSelector>;
  bigEnough: boolean;
  reachable: boolean;
  modeOk: boolean;
}

/** The first reason (most telling first) a PV cannot take this claim, or undefined when it fits. */
function rejectionOf(pv: PersistentVolume, claim: PersistentVolumeClaim, c: RejectionContext): string | undefined {
  if (pv.metadata.deletionTimestamp) return 'is being deleted';
  const phase = pv.status?.phase ?? 'Pending';
  if (phase === 'Bound' || (pv.spec?.claimRef?.uid && phase !== 'Available')) return 'is bound';
  if (phase !== 'Available') return `is ${phase.toLowerCase()}`;
  if (pv.spec?.claimRef) return `is reserved for ${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}`;
  if (c.delayBinding && !c.node) return 'waits for the scheduler to pick a node (WaitForFirstConsumer)';
  if (!offersAccessModes(pv, claim)) return `is ${accessModesText(pv.spec?.accessModes)} (needs ${accessModesText(claim.spec?.accessModes)})`;
  const cls = volumeClass(pv);
  if (cls !== c.wantClass) return cls ? `has class "${cls}"` : 'has no class';
  if (c.selector && !c.selector.matches(pv.metadata.labels)) return "labels do not match the claim's selector";
  if (!c.modeOk) return `is ${volumeMode(pv)} (needs ${c.wantMode})`;
  if (!c.bigEnough) return 'too small';
  if (!c.reachable) return `is not reachable from ${c.node!.metadata.name} (node affinity)`;
  return undefined;
}

/** `2Gi RWO class ""`: what a claim asks for. */
export function claimWants(claim: PersistentVolumeClaim): string {
  return `${claimRequestText(claim)} ${accessModesText(claim.spec?.accessModes)} ${classText(claimClass(claim))}`;
}

function rejectedText(rejected: readonly VolumeVerdict[]): string {
  return rejected.map((v) => `${v.name} ${v.why}`).join(', ');
}

/** The reason of a binding: `smallest of 2 fitting PVs: pv-3gi 3Gi, pv-10gi 10Gi; pv-1gi too small`. */
export function explainChoice(result: MatchResult): string {
  if (!result.volume) return '';
  if (result.prebound) return `${result.volume.metadata.name} names this claim in its claimRef (pre-bound)`;
  const list = result.fitting.map((v) => `${v.name} ${v.capacity}`).join(', ');
  const head = result.fitting.length === 1 ? `the only fitting PV: ${list}` : `smallest of ${result.fitting.length} fitting PVs: ${list}`;
  return result.rejected.length ? `${head}; ${rejectedText(result.rejected)}` : head;
}

/** The reason nothing fits: `2Gi RWO class "": pv-a is bound, pv-b too small`. */
export function explainNoMatch(claim: PersistentVolumeClaim, result: MatchResult): string {
  const wants = claimWants(claim);
  return result.rejected.length ? `${wants}: ${rejectedText(result.rejected)}` : `${wants}: no PersistentVolumes exist`;
}
