// One scheduling attempt's algorithm (schedulePod): PreFilter, the nominated node first, Filter from
// the rotating start, then Score and selectHost when more than one node fits. Pure with respect to the
// cluster: it reads the cache and returns what it found; the Scheduler does the writing.
import type { SeededRandom } from '../sim/random.js';
import type { ClusterView } from './clusterView.js';
import { reject, type CycleState } from './framework.js';
import { findFeasibleNodes, runFiltersWithNominated, type FilterPass } from './filtering.js';
import type { NodeToStatus } from './fitError.js';
import type { NodeInfo } from './nodeInfo.js';
import type { PodInfo } from './podInfo.js';
import { runPreFilter } from './preFilter.js';
import { prioritize, selectHost, type Prioritized } from './scoring.js';

export interface ScheduleAttempt {
  pod: PodInfo;
  numAllNodes: number;
  state?: CycleState;
  /** Set when PreFilter refused the pod for every node. */
  preFilterMessage?: string;
  preFilterPlugin?: string;
  /** Why each refused node refused (explicit for examined nodes). */
  statuses: NodeToStatus;
  pass?: FilterPass;
  /** The pod's nominated node was checked first and fits. */
  viaNominatedNode?: boolean;
  feasible: NodeInfo[];
  prioritized?: Prioritized;
  chosen?: NodeInfo;
  /** Where `chosen` is in `feasible`. */
  chosenIndex?: number;
  /** How many feasible nodes shared the winning score. */
  ties?: number;
}

export interface StartIndex {
  next: number;
}

export function schedulePod(pod: PodInfo, cluster: ClusterView, start: StartIndex, random: SeededRandom): ScheduleAttempt {
  const numAllNodes = cluster.nodeCount;
  const attempt: ScheduleAttempt = { pod, numAllNodes, statuses: { explicit: new Map() }, feasible: [] };
  if (numAllNodes === 0) return attempt;

  const pre = runPreFilter(pod, cluster);
  if (pre.rejection) {
    attempt.preFilterMessage = pre.rejection.reasons.join(', ');
    attempt.preFilterPlugin = pre.rejection.plugin;
    attempt.statuses.absent = pre.rejection;
    return attempt;
  }
  const state = pre.state!;
  attempt.state = state;

  let nodes = cluster.nodeList();
  if (pre.nodeNames) {
    const names = pre.nodeNames;
    nodes = [...names].map((n) => cluster.nodeInfo(n)).filter((n): n is NodeInfo => !!n);
    attempt.statuses.absent = reject(pre.narrowedBy![0], 'UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${pre.narrowedBy!.join(' ')}]`);
  }

  const nominated = pod.pod.status?.nominatedNodeName;
  const nominatedNode = nominated ? nodes.find((n) => n.name === nominated) : undefined;
  if (nominatedNode && !runFiltersWithNominated(pod, nominatedNode, state, cluster)) {
    attempt.viaNominatedNode = true;
    attempt.feasible = [nominatedNode];
    attempt.chosen = nominatedNode;
    attempt.chosenIndex = 0;
    return attempt;
  }

  const pass = findFeasibleNodes(pod, nodes, state, cluster, start.next);
  start.next = pass.nextStart;
  attempt.pass = pass;
  attempt.feasible = pass.feasible;
  for (const r of pass.rejected) attempt.statuses.explicit.set(r.node.name, r.rejection);
  if (pass.feasible.length === 0) return attempt;
  if (pass.feasible.length === 1) {
    attempt.chosen = pass.feasible[0];
    attempt.chosenIndex = 0;
    return attempt;
  }
  attempt.prioritized = prioritize(pod, pass.feasible, state, cluster);
  const { index, ties } = selectHost(attempt.prioritized.totals, random);
  attempt.chosen = pass.feasible[index];
  attempt.chosenIndex = index;
  attempt.ties = ties;
  return attempt;
}
