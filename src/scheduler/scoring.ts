// Scoring: every score plugin rates every feasible node, normalises to 0–100, is multiplied by its
// weight, and the sums decide; among equal best totals one is picked uniformly at random (reservoir
// sampling over the seeded generator, so a seed replays the same choices).
import type { SeededRandom } from '../sim/random.js';
import type { ClusterView } from './clusterView.js';
import { SKIP, type CycleState } from './framework.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { SCORES } from './profile.js';

export interface PluginScores {
  plugin: string;
  weight: number;
  /** PreScore had nothing to say: 0 for every node. */
  skipped: boolean;
  raw: number[];
  normalized: number[];
  /** normalized × weight, per node (see weightedScore for one node). */
  readonly weighted: number[];
}

export interface Prioritized {
  plugins: PluginScores[];
  /** Final score per feasible node, same order. */
  totals: number[];
}

/** normalized × weight for node i: what the plugin adds to that node's total. */
export function weightedScore(p: PluginScores, i: number): number {
  return p.normalized[i] * p.weight;
}

/**
 * One plugin's scores. The weighted array is built only if asked for: an attempt needs the weighted
 * score of a few nodes (the table's rows), not of the hundreds it scored.
 */
class Scores implements PluginScores {
  private weightedCache: number[] | undefined;

  constructor(
    readonly plugin: string,
    readonly weight: number,
    readonly skipped: boolean,
    readonly raw: number[],
    readonly normalized: number[],
  ) {}

  get weighted(): number[] {
    return (this.weightedCache ??= this.normalized.map((v) => v * this.weight));
  }
}

export function prioritize(pod: PodInfo, feasible: readonly NodeInfo[], state: CycleState, cluster: ClusterView): Prioritized {
  const n = feasible.length;
  const totals = new Array<number>(n).fill(0);
  const plugins: PluginScores[] = [];
  let zeros: number[] | undefined;
  for (const p of SCORES) {
    const prepared = p.preScore(pod, feasible, state, cluster);
    if (prepared === SKIP) {
      zeros ??= new Array<number>(n).fill(0);
      plugins.push(new Scores(p.name, p.weight, true, zeros, zeros));
      continue;
    }
    // Plain loops: this runs for every score plugin on every feasible node (hundreds at 5,000 nodes).
    const raw = new Array<number>(n);
    p.scoreNodes(pod, feasible, prepared, raw);
    let normalized = raw;
    if (p.normalize) {
      normalized = raw.slice();
      p.normalize(normalized, feasible, prepared);
    }
    const weight = p.weight;
    for (let i = 0; i < n; i++) totals[i] += normalized[i] * weight;
    plugins.push(new Scores(p.name, weight, false, raw, normalized));
  }
  return { plugins, totals };
}

/** Index of the chosen node, and how many nodes shared the best total. */
export function selectHost(totals: readonly number[], random: SeededRandom): { index: number; ties: number } {
  let best = Number.NEGATIVE_INFINITY;
  let index = -1;
  let ties = 0;
  totals.forEach((total, i) => {
    if (total > best) {
      best = total;
      index = i;
      ties = 1;
    } else if (total === best) {
      ties++;
      // Replace the pick with probability 1/ties: every tied node ends up equally likely.
      if (random.int(ties) === 0) index = i;
    }
  });
  return { index, ties };
}
