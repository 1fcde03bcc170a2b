// A scenario being played: the cluster it runs on and its runner. Restart throws the cluster away and
// builds a fresh one from the same scenario and seed (the dashboard swaps to it; `R` on the timeline).
import { Cluster } from '../cluster.js';
import { ScenarioRunner } from './runner.js';
import type { ScenarioDocument, StepOutcome } from './types.js';

export interface ScenarioCluster {
  cluster: Cluster;
  runner: ScenarioRunner;
}

/** A new cluster with the scenario's nodes and first manifests, and its steps armed. */
export function startScenario(scenario: ScenarioDocument, seed = 1): ScenarioCluster {
  const cluster = new Cluster({ seed, nodes: scenario.nodes });
  const runner = new ScenarioRunner(cluster, scenario);
  runner.start(true);
  return { cluster, runner };
}

/** Picks up a scenario on a restored cluster: steps that ran stay done, the others are armed. */
export function resumeScenario(cluster: Cluster, scenario: ScenarioDocument, outcomes: StepOutcome[]): ScenarioRunner {
  const runner = new ScenarioRunner(cluster, scenario, outcomes);
  runner.start(false);
  return runner;
}

export class ScenarioSession {
  private current: ScenarioCluster;
  private readonly listeners = new Set<(cluster: Cluster) => void>();
  /** How many times the scenario was restarted. */
  restarts = 0;

  constructor(
    readonly scenario: ScenarioDocument,
    readonly seed: number,
    /** A cluster already playing it (restored from a state file); otherwise a fresh one starts. */
    existing?: ScenarioCluster,
  ) {
    this.current = existing ?? startScenario(scenario, seed);
  }

  get cluster(): Cluster {
    return this.current.cluster;
  }

  get runner(): ScenarioRunner {
    return this.current.runner;
  }

  /** A fresh cluster from the same scenario and seed; listeners get it to swap to. */
  restart(): Cluster {
    this.current.runner.stop();
    this.current = startScenario(this.scenario, this.seed);
    this.restarts++;
    for (const l of this.listeners) l(this.current.cluster);
    return this.current.cluster;
  }

  subscribe(listener: (cluster: Cluster) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
