// The scheduling framework's vocabulary: what a filter answers, what a score plugin provides, and the
// per-attempt state PreFilter computes once so each per-node check is cheap.
import type { ClusterView } from './clusterView.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import type { RequiredNodeAffinity } from './nodeAffinity.js';
import type { InterPodAffinityState } from './interPodAffinityState.js';
import type { SpreadFilterState } from './topologySpreadState.js';
import type { VolumeBindingState } from './volumeBindingState.js';
import type { Toleration } from './taints.js';

/**
 * Unschedulable: preemption might help (freeing resources or ports).
 * UnschedulableAndUnresolvable: removing pods cannot help (taints, affinity, node name).
 */
export type RejectCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Rejection {
  code: RejectCode;
  /** The exact reason strings of kube-scheduler; one node can give several (`Insufficient cpu`, `Insufficient memory`). */
  reasons: string[];
  /** The plugin that said no. */
  plugin: string;
}

/** What a filter returns: undefined when the node passes. */
export type Verdict = Rejection | undefined;

export function reject(plugin: string, code: RejectCode, ...reasons: string[]): Rejection {
  return { plugin, code, reasons };
}

/** Everything PreFilter worked out for one attempt; filters only read it (preemption clones it). */
export interface CycleState {
  pod: PodInfo;
  nodeAffinity: RequiredNodeAffinity;
  tolerations: readonly Toleration[];
  /** Claims the pod uses, classified; undefined when it uses none. */
  volumes?: VolumeBindingState;
  /** ReadWriteOncePod claims of the pod, and how many other pods use them right now. */
  rwop?: RwopState;
  spread?: SpreadFilterState;
  interPod?: InterPodAffinityState;
}

export interface RwopState {
  /** `namespace/claim` keys of the pod's ReadWriteOncePod claims. */
  claims: Set<string>;
  /** Pods (other than this one) that use one of those claims. */
  conflicts: number;
}

export type FilterFn = (pod: PodInfo, node: NodeInfo, state: CycleState) => Verdict;

export interface FilterPlugin {
  name: string;
  filter: FilterFn;
  /**
   * PreFilter's Skip: true when the filter passes every node for this pod and state, so an attempt
   * need not call it node by node (the verdicts, and so every message, stay the same).
   */
  skip?(pod: PodInfo, state: CycleState): boolean;
}

/** Returned by a PreScore that has nothing to say for this pod: the plugin scores 0 everywhere. */
export const SKIP = Symbol('skip');

export interface ScorePlugin<P = unknown> {
  name: string;
  weight: number;
  /** Once per attempt, over the feasible nodes; SKIP when the plugin has nothing to say. */
  preScore(pod: PodInfo, feasible: readonly NodeInfo[], state: CycleState, cluster: ClusterView): P | typeof SKIP;
  /**
   * The raw score of every node into `out` (same order). One loop per plugin rather than one call
   * per node through the plugin list: each loop calls a single score function, which the engine can
   * inline, and this runs on hundreds of feasible nodes per attempt.
   */
  scoreNodes(pod: PodInfo, nodes: readonly NodeInfo[], prepared: P, out: number[]): void;
  /** Rescales the raw scores (same order as `nodes`) to 0–100, in place. */
  normalize?(scores: number[], nodes: readonly NodeInfo[], prepared: P): void;
}

export const MAX_NODE_SCORE = 100;
