// A Scenario: a cluster (its nodes and first manifests) and a script of steps on the virtual clock.
// Everything here is plain data (JSON-safe): a parsed scenario travels inside a saved state file so
// a restored cluster can go on with its timeline and be restarted without the original files.
import type { KObject } from '../api/object.js';
import type { SourceLocation } from '../manifests/errors.js';
import type { NodeSpec } from '../sim/nodeSpec.js';

export const SCENARIO_API_VERSION = 'kubesim.dev/v1';
export const SCENARIO_KIND = 'Scenario';

/** An object a step names: `deployment/web`, `kube-system/deployment/coredns`, `node/node-2`. */
export interface TargetRef {
  kind: string;
  /** undefined for cluster-scoped kinds. */
  namespace?: string;
  name: string;
  /** As the scenario wrote it, for messages. */
  text: string;
}

/** A decoded manifest, without the parser's functions: what `applyManifests` needs. */
export interface ScenarioManifest {
  object: KObject;
  location: SourceLocation;
  /** `Deployment default/web`. */
  displayName: string;
}

export type StepAction =
  | { type: 'apply'; files: string[]; manifests: ScenarioManifest[] }
  | { type: 'setImage'; target: TargetRef; container: string; image: string }
  | { type: 'scale'; target: TargetRef; replicas: number }
  | { type: 'rolloutUndo'; target: TargetRef; toRevision: number }
  | { type: 'delete'; target: TargetRef }
  | { type: 'nodeDown'; node: string }
  | { type: 'nodeUp'; node: string }
  /** pod: a pod by name, or a workload whose first running pod (by name) crashes. */
  | { type: 'crashPod'; target: TargetRef; container?: string; exitCode: number }
  | { type: 'load'; target: TargetRef; cpuMilli: number; memoryBytes: number };

export interface ScenarioStep {
  /** Position in the scenario's `steps` list (0-based). */
  index: number;
  /** Milliseconds after the cluster started. */
  atMs: number;
  /** One step may do several things (`scale: {deployment/a: 2, deployment/b: 3}`); they run in order. */
  actions: StepAction[];
  /** `scale deployment/web to 6`, what the timeline shows. */
  label: string;
  /** The author's explanation of the step (`note:`), shown beside it in the timeline. */
  note?: string;
  location: SourceLocation;
}

export interface ScenarioDocument {
  name: string;
  description: string;
  /** The scenario file (absolute path), or a name for scenarios not read from a file. */
  source: string;
  nodes: NodeSpec[];
  /** Applied at 0s, before any step. */
  initial: { files: string[]; manifests: ScenarioManifest[] };
  /** Ordered by time, then by position in the file. */
  steps: ScenarioStep[];
}

/** What became of a step that ran. */
export interface StepOutcome {
  index: number;
  /** Epoch ms of the virtual clock when it ran. */
  ranAt: number;
  ok: boolean;
  /** kubectl-style result lines, or the error. */
  message: string;
}

/** A timeline row: a step, and its outcome once it ran. */
export interface TimelineEntry {
  index: number;
  atMs: number;
  label: string;
  note?: string;
  status: 'pending' | 'done' | 'failed';
  outcome?: StepOutcome;
}

/** What a saved state records of a scenario in progress. */
export interface ScenarioProgress {
  document: ScenarioDocument;
  outcomes: StepOutcome[];
}
