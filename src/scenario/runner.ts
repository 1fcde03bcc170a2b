// Runs a scenario on a cluster: applies its first manifests, turns each step into a timer on the
// virtual clock, records a `scenario` Decision for everything it does (or is refused), and keeps
// the timeline — what happened, when, with what outcome, and what comes next.
import { formatDurationShort } from '../api/duration.js';
import type { Cluster } from '../cluster.js';
import type { ObjectRef } from '../events/decisionLog.js';
import type { Timer } from '../sim/clock.js';
import { asDecoded, runAction } from './runStep.js';
import { applyManifests } from '../manifests/apply.js';
import type { ScenarioDocument, ScenarioProgress, ScenarioStep, StepAction, StepOutcome, TimelineEntry } from './types.js';

export const SCENARIO_COMPONENT = 'scenario';

export class ScenarioRunner {
  private readonly outcomes = new Map<number, StepOutcome>();
  private readonly timers: Timer[] = [];
  private readonly listeners = new Set<() => void>();
  private started = false;

  constructor(
    readonly cluster: Cluster,
    readonly scenario: ScenarioDocument,
    /** Outcomes of steps that already ran (a restored cluster): they are not run again. */
    previous: StepOutcome[] = [],
  ) {
    for (const o of previous) this.outcomes.set(o.index, o);
  }

  /**
   * Starts the scenario. `fresh`: a new cluster, so the first manifests are applied now (a refusal
   * throws ManifestError, like `kubesim run -f`); a restored one already holds them.
   */
  start(fresh = true): void {
    if (this.started) return;
    this.started = true;
    const { cluster, scenario } = this;
    if (fresh && scenario.initial.manifests.length) {
      const result = applyManifests(cluster.store, asDecoded(scenario.initial.manifests));
      cluster.decisions.record({
        component: SCENARIO_COMPONENT,
        object: this.scenarioRef(),
        action: `apply ${scenario.initial.files.join(', ')} (${result.objects.length} object${result.objects.length === 1 ? '' : 's'})`,
        reason: `scenario ${scenario.name} starts: ${result.lines.join(', ')}; ${scenario.steps.length} step${scenario.steps.length === 1 ? '' : 's'} to come`,
        details: { lines: result.lines },
      });
    }
    const origin = cluster.clock.startedAt;
    for (const step of scenario.steps) {
      if (this.outcomes.has(step.index)) continue;
      this.timers.push(cluster.clock.at(origin + step.atMs, () => this.runStep(step), `scenario step ${step.index + 1}`));
    }
  }

  /** Cancels the steps still to come (the cluster is being thrown away or restarted). */
  stop(): void {
    for (const t of this.timers) this.cluster.clock.cancel(t);
    this.timers.length = 0;
  }

  /** Every step, in time order, with its outcome once it ran. */
  timeline(): TimelineEntry[] {
    return this.scenario.steps.map((step) => {
      const outcome = this.outcomes.get(step.index);
      return { index: step.index, atMs: step.atMs, label: step.label, note: step.note, status: outcome ? (outcome.ok ? 'done' : 'failed') : 'pending', ...(outcome ? { outcome } : {}) };
    });
  }

  /** The next step to run, if any. */
  next(): TimelineEntry | undefined {
    return this.timeline().find((e) => e.status === 'pending');
  }

  /** Every step has run. */
  get finished(): boolean {
    return this.outcomes.size >= this.scenario.steps.length;
  }

  /** When the last step runs (ms after the start): a run to here plays the whole scenario. */
  get lastStepAtMs(): number {
    return this.scenario.steps.reduce((max, s) => Math.max(max, s.atMs), 0);
  }

  progress(): ScenarioProgress {
    return { document: this.scenario, outcomes: [...this.outcomes.values()].sort((a, b) => a.index - b.index) };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private runStep(step: ScenarioStep): void {
    if (this.outcomes.has(step.index)) return;
    const lines: string[] = [];
    let ok = true;
    for (const action of step.actions) {
      try {
        lines.push(runAction(this.cluster, action));
      } catch (error) {
        ok = false;
        lines.push(error instanceof Error ? error.message : String(error));
        break;
      }
    }
    const message = lines.filter(Boolean).join('\n');
    const outcome: StepOutcome = { index: step.index, ranAt: this.cluster.clock.now(), ok, message };
    this.outcomes.set(step.index, outcome);
    const when = formatDurationShort(step.atMs);
    this.cluster.decisions.record({
      component: SCENARIO_COMPONENT,
      object: this.refOf(step.actions[0]),
      action: `step ${step.index + 1} at ${when}: ${step.label}`,
      reason: ok ? `${message.replace(/\n/g, '; ')}${step.note ? ` (${step.note})` : ''}` : `refused: ${message.replace(/\n/g, '; ')}; the scenario goes on`,
      details: { step: step.index, atMs: step.atMs, ok, lines },
    });
    for (const l of this.listeners) l();
  }

  private scenarioRef(): ObjectRef {
    return { kind: 'Scenario', name: this.scenario.name };
  }

  /** The object a step is about, for the decision log's object filter. */
  private refOf(action: StepAction): ObjectRef {
    switch (action.type) {
      case 'apply':
        return this.scenarioRef();
      case 'nodeDown':
      case 'nodeUp':
        return { kind: 'Node', name: action.node };
      default:
        return { kind: action.target.kind, namespace: action.target.namespace, name: action.target.name };
    }
  }
}
