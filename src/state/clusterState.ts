// A running cluster ↔ the plain data a state file holds: the store's objects, the clock, the PRNG,
// the faults in force and the scenario's progress. Restoring builds a new Cluster at the saved
// start time, moves its clock to where the saved one stood and puts the objects back; every
// controller, the scheduler and the kubelets see them arrive (watch ADDED) and reconcile, re-arming
// their own timers from what the objects say (back-offs, schedules, grace periods).
import { Cluster } from '../cluster.js';
import type { Node } from '../api/types.js';
import type { ScenarioRunner } from '../scenario/runner.js';
import { resumeScenario } from '../scenario/session.js';
import type { ClusterState } from './format.js';

export interface CaptureOptions {
  seed: number;
  runner?: ScenarioRunner;
}

/** What a state file holds of this cluster. It shares the store's objects: serialize it, do not keep it. */
export function captureState(cluster: Cluster, options: CaptureOptions): ClusterState {
  const stoppedNodes = cluster.store
    .list<Node>('Node')
    .map((n) => n.metadata.name ?? '')
    .filter((name) => cluster.kubelets.isStopped(name));
  return {
    cluster: {
      name: cluster.name,
      seed: options.seed,
      startedAt: cluster.clock.startedAt,
      now: cluster.clock.now(),
      random: cluster.random.getState(),
    },
    // The stored objects themselves, not copies: a capture is serialized at once, and copying
    // 150,000 pods first would double the pause a save makes.
    store: { resourceVersion: cluster.store.resourceVersion, objects: cluster.store.all() },
    stoppedNodes,
    loads: cluster.usage.injectedLoads(),
    events: cluster.events.saveState(),
    ...(options.runner ? { scenario: options.runner.progress() } : {}),
  };
}

export interface RestoredCluster {
  cluster: Cluster;
  seed: number;
  runner?: ScenarioRunner;
}

export function restoreState(state: ClusterState): RestoredCluster {
  const saved = state.cluster;
  const cluster = new Cluster({ name: saved.name, seed: saved.seed, nodes: [], startTime: saved.startedAt });
  // The timers the new cluster armed while starting stay armed (they are simply due at once);
  // the clock never goes back, so it only moves forward to where the saved one stood.
  cluster.clock.setNow(Math.max(saved.now, cluster.clock.now()));
  // What the new cluster's controllers decided while it started (at the saved start time) is not
  // part of the saved cluster's story.
  cluster.decisions.clear();
  // Kubelets that were down stay down: their nodes must not post a heartbeat as they reappear.
  cluster.kubelets.keepStopped(state.stoppedNodes);
  cluster.store.restore(state.store);
  // The restored Events expire an hour after each was last seen, and the recorder goes on folding
  // repeats into them (files without its caches start them empty).
  cluster.events.restore(state.events);
  for (const load of state.loads) cluster.usage.setLoad(load);
  cluster.random.setState(saved.random);
  cluster.settle();
  const runner = state.scenario ? resumeScenario(cluster, state.scenario.document, state.scenario.outcomes) : undefined;
  return { cluster, seed: saved.seed, runner };
}
