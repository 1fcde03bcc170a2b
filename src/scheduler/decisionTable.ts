// The decision a scheduling attempt records: a one-line reason with the numbers, and the per-node
// table kube-scheduler-simulator shows (each filter's verdict, each score plugin's raw and weighted
// score, the final score, the chosen node), capped so a 5,000-node attempt stays small.
import type { Rejection } from './framework.js';
import { histogramEntries, reasonHistogram, type NodeToStatus } from './fitError.js';
import type { NodeInfo } from './nodeInfo.js';
import { FILTER_NAMES } from './profile.js';
import type { ScheduleAttempt } from './schedulePod.js';
import { weightedScore, type PluginScores } from './scoring.js';

export const MAX_FEASIBLE_ROWS = 20;
/** Rejected nodes shown by name: more when nothing fits, since then they are the whole story. */
export const MAX_REJECTED_ROWS = 10;
export const MAX_REJECTED_ROWS_WHEN_UNSCHEDULABLE = 20;
/** Below this many rejected nodes the reason line names each; above, it gives the histogram. */
const NAMED_REJECTIONS = 3;

export interface NodeRow {
  node: string;
  /** `passed` when every filter passed; else each filter that ran, up to the one that said no. */
  filters: 'passed' | Record<string, string>;
  /** Raw score per plugin (before normalising). */
  raw?: Record<string, number>;
  /** Normalised score × weight per plugin. */
  score?: Record<string, number>;
  final?: number;
  chosen?: true;
}

export interface SchedulingDetails {
  pod: string;
  attempt: number;
  /** What put the pod back in the queue for this attempt. */
  trigger?: string;
  nodes: { total: number; examined: number; feasible: number; toFind?: number; startIndex?: number };
  preFilter?: { plugin: string; reason: string };
  /** Score plugins and their weights, in the order the table uses. */
  weights?: Record<string, number>;
  /** Score plugins that had nothing to say about this pod (0 on every node). */
  skipped?: string[];
  rows: NodeRow[];
  /** Rows left out of `rows` to keep the decision small. */
  omitted?: { feasible: number; rejected: number };
  /** reason → number of nodes, over every rejected node. */
  rejected: Record<string, number>;
  chosen?: string;
  viaNominatedNode?: true;
  ties?: number;
  preemption?: { result: string; node?: string; victims?: string[] };
}

/** `node(s) had untolerated taint {a: b}` → `untolerated taint {a: b}`: the per-node form is shorter. */
export function shortReason(reason: string): string {
  return reason.replace(/^node\(s\) had /, '').replace(/^node\(s\) /, '');
}

function filterVerdicts(r: Rejection | undefined): NodeRow['filters'] {
  if (!r) return 'passed';
  const out: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    if (name === r.plugin) {
      out[name] = r.reasons.join(', ');
      return out;
    }
    out[name] = 'passed';
  }
  // A PreFilter or PostFilter plugin refused: no filter ran on the node.
  out[r.plugin] = r.reasons.join(', ');
  return out;
}

/** The chosen node's position among the feasible ones (-1 when none was chosen). */
function chosenIndex(a: ScheduleAttempt): number {
  if (!a.chosen) return -1;
  return a.chosenIndex !== undefined && a.feasible[a.chosenIndex] === a.chosen ? a.chosenIndex : a.feasible.indexOf(a.chosen);
}

interface Ranked {
  node: NodeInfo;
  index: number;
  total: number;
}

/** The rows the table and the reason line need: the best MAX_FEASIBLE_ROWS + 1 (the runner-up among them). */
const RANKED_ROWS = MAX_FEASIBLE_ROWS + 1;
const rankings = new WeakMap<ScheduleAttempt, Ranked[]>();

/**
 * The first RANKED_ROWS feasible nodes in rank order: best total first, the chosen node leading the
 * nodes it tied with, then by position. An attempt at 5,000 nodes has hundreds of feasible nodes and
 * only the top of the order is ever shown, so it is kept by insertion instead of sorting them all
 * (and worked out once for the table and the reason line).
 */
function rankFeasible(a: ScheduleAttempt): Ranked[] {
  const cached = rankings.get(a);
  if (cached) return cached;
  const totals = a.prioritized?.totals;
  const chosen = chosenIndex(a);
  const total = (i: number) => (totals ? totals[i] : 0);
  // x ranks before y (x, y are positions in a.feasible).
  const before = (x: number, y: number) => {
    const tx = total(x);
    const ty = total(y);
    if (tx !== ty) return tx > ty;
    if ((x === chosen) !== (y === chosen)) return x === chosen;
    return x < y;
  };
  const top: number[] = [];
  for (let index = 0; index < a.feasible.length; index++) {
    if (top.length === RANKED_ROWS) {
      // Most nodes do not make the list: below the last kept total, or equal to it without being the
      // chosen node (the kept nodes all came earlier). That is !before(index, last), without the calls.
      const t = total(index);
      const last = total(top[RANKED_ROWS - 1]);
      if (t < last || (t === last && index !== chosen)) continue;
    }
    let at = top.length === RANKED_ROWS ? RANKED_ROWS - 1 : top.length;
    while (at > 0 && before(index, top[at - 1])) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = index;
  }
  const ranked = top.map((index) => ({ node: a.feasible[index], index, total: total(index) }));
  rankings.set(a, ranked);
  return ranked;
}

/**
 * `{plugin: value}` for each score plugin, in order. For the default profile's seven plugins it is one
 * object literal, so each key lands in a known place; adding keys one at a time to `{}` is slow enough
 * that the 40 such records of every attempt's table were most of buildDetails' time.
 */
function pluginRecord(plugins: readonly PluginScores[], value: (p: PluginScores) => number): Record<string, number> {
  if (plugins.length === 7) {
    const [a, b, c, d, e, f, g] = [plugins[0], plugins[1], plugins[2], plugins[3], plugins[4], plugins[5], plugins[6]];
    return { [a.plugin]: value(a), [b.plugin]: value(b), [c.plugin]: value(c), [d.plugin]: value(d), [e.plugin]: value(e), [f.plugin]: value(f), [g.plugin]: value(g) };
  }
  const out: Record<string, number> = {};
  for (const p of plugins) out[p.plugin] = value(p);
  return out;
}

export function buildDetails(a: ScheduleAttempt, attemptNo: number, trigger: string | undefined): SchedulingDetails {
  const rejectedList = a.pass?.rejected ?? [];
  const details: SchedulingDetails = {
    pod: a.pod.key,
    attempt: attemptNo,
    ...(trigger ? { trigger } : {}),
    nodes: {
      total: a.numAllNodes,
      examined: a.viaNominatedNode ? 1 : (a.pass?.examined ?? 0),
      feasible: a.feasible.length,
      ...(a.pass ? { toFind: a.pass.target, startIndex: a.pass.startIndex } : {}),
    },
    rows: [],
    rejected: Object.fromEntries(reasonHistogram(a.statuses, a.chosen ? a.statuses.explicit.size : a.numAllNodes)),
  };
  if (a.preFilterMessage) details.preFilter = { plugin: a.preFilterPlugin ?? '', reason: a.preFilterMessage };
  if (a.prioritized) {
    details.weights = pluginRecord(a.prioritized.plugins, (p) => p.weight);
    const skipped = a.prioritized.plugins.filter((p) => p.skipped).map((p) => p.plugin);
    if (skipped.length) details.skipped = skipped;
  }

  const ranked = rankFeasible(a);
  const shown = ranked.slice(0, MAX_FEASIBLE_ROWS);
  const plugins = a.prioritized?.plugins;
  for (const r of shown) {
    const row: NodeRow = { node: r.node.name, filters: 'passed' };
    if (plugins) {
      row.raw = pluginRecord(plugins, (p) => p.raw[r.index]);
      row.score = pluginRecord(plugins, (p) => weightedScore(p, r.index));
      row.final = r.total;
    }
    if (r.node === a.chosen) row.chosen = true;
    details.rows.push(row);
  }
  const rejectedCap = a.feasible.length ? MAX_REJECTED_ROWS : MAX_REJECTED_ROWS_WHEN_UNSCHEDULABLE;
  for (const { node, rejection } of rejectedList.slice(0, rejectedCap)) {
    details.rows.push({ node: node.name, filters: filterVerdicts(rejection) });
  }
  const omittedFeasible = a.feasible.length - shown.length;
  const omittedRejected = Math.max(0, rejectedList.length - rejectedCap);
  if (omittedFeasible || omittedRejected) details.omitted = { feasible: omittedFeasible, rejected: omittedRejected };
  if (a.chosen) details.chosen = a.chosen.name;
  if (a.viaNominatedNode) details.viaNominatedNode = true;
  if (a.ties && a.ties > 1) details.ties = a.ties;
  return details;
}

/** Display names for the one-line reason (the design's `BalancedAllocation 42`). */
const SHORT_PLUGIN: Record<string, string> = { NodeResourcesBalancedAllocation: 'BalancedAllocation' };

/** `node-1 Insufficient cpu; node-3 untolerated taint {dedicated: gpu}`, or a histogram when many. */
export function rejectionSummary(rejected: ReadonlyArray<{ node: NodeInfo; rejection: Rejection }>, statuses: NodeToStatus): string {
  if (!rejected.length) return '';
  if (rejected.length <= NAMED_REJECTIONS) {
    return rejected.map((r) => `${r.node.name} ${r.rejection.reasons.map(shortReason).join(', ')}`).join('; ');
  }
  const entries = histogramEntries(reasonHistogram({ explicit: statuses.explicit }, statuses.explicit.size));
  return `${rejected.length} nodes rejected: ${entries.map((e) => e.replace(/^(\d+) (.*)$/, (_m, n: string, r: string) => `${n} ${shortReason(r)}`)).join(', ')}`;
}

/** The success line: `score 387 (TaintToleration 300, NodeResourcesFit 45, BalancedAllocation 42); next node-3 375; node-1 Insufficient cpu`. */
export function successReason(a: ScheduleAttempt): string {
  const parts: string[] = [];
  if (a.viaNominatedNode) parts.push('the nominated node fits');
  else if (!a.prioritized) parts.push(a.feasible.length === 1 ? 'the only feasible node' : 'feasible');
  else {
    const index = chosenIndex(a);
    const total = a.prioritized.totals[index];
    const terms = a.prioritized.plugins
      .filter((p) => weightedScore(p, index) !== 0)
      .map((p) => `${SHORT_PLUGIN[p.plugin] ?? p.plugin} ${weightedScore(p, index)}`);
    let line = `score ${total}${terms.length ? ` (${terms.join(', ')})` : ''}`;
    const runnerUp = rankFeasible(a).find((r) => r.node !== a.chosen);
    if (runnerUp) line += runnerUp.total === total ? `; tied with ${a.ties! - 1} other node(s), picked at random` : `; next ${runnerUp.node.name} ${runnerUp.total}`;
    parts.push(line);
  }
  const sampled = a.pass && a.pass.examined < a.numAllNodes ? `examined ${a.pass.examined} of ${a.numAllNodes} nodes` : '';
  if (sampled) parts.push(sampled);
  const rejections = rejectionSummary(a.pass?.rejected ?? [], a.statuses);
  if (rejections) parts.push(rejections);
  return parts.join('; ');
}
