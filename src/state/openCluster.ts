// Which cluster a command works on, from its flags: the one saved in `--state FILE` (when the file
// exists), a scenario (`--scenario FILE|NAME`), manifests (`-f`), or — for the dashboard with
// nothing asked — the default scenario. Manifests given with a state or a scenario are applied on
// top, as `kubectl apply` would.
import { Cluster } from '../cluster.js';
import { applyManifests } from '../manifests/apply.js';
import { asUser } from '../rbac/asUser.js';
import type { UserInfo } from '../store/admission.js';
import { loadManifestPaths } from '../manifests/load.js';
import { DEFAULT_SCENARIO, resolveScenarioPath } from '../scenario/catalog.js';
import { loadScenarioFile } from '../scenario/parseScenario.js';
import { ScenarioSession } from '../scenario/session.js';
import type { ScenarioDocument } from '../scenario/types.js';
import { restoreState } from './clusterState.js';
import { readStateFile } from './stateFile.js';

export interface OpenOptions {
  files?: string[];
  scenario?: string;
  statePath?: string;
  seed: number;
  /** Worker count for a cluster built from manifests alone. */
  nodes: number;
  /** `--as`: apply the manifests as this user, refused where RBAC does not allow it. */
  user?: UserInfo;
  /** With nothing else asked for, start the default scenario (the dashboard); otherwise an empty cluster. */
  useDefaultScenario?: boolean;
}

export interface OpenedCluster {
  /** The scenario being played, if any (its cluster is `cluster`). */
  session?: ScenarioSession;
  cluster: Cluster;
  seed: number;
  /** The cluster came from the state file. */
  restored: boolean;
  /** `applied` lines of -f manifests. */
  lines: string[];
  warnings: string[];
}

export class OpenClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenClusterError';
  }
}

export function openCluster(options: OpenOptions): OpenedCluster {
  const warnings: string[] = [];
  const manifests = options.files?.length ? loadManifestPaths(options.files) : undefined;
  if (manifests) warnings.push(...manifests.warnings);
  const scenario = options.scenario ? loadScenario(options.scenario, warnings) : undefined;

  let cluster: Cluster;
  let seed = options.seed;
  let session: ScenarioSession | undefined;
  let restored = false;
  const state = options.statePath ? readStateFile(options.statePath) : undefined;
  if (state) {
    const saved = state.scenario?.document.name;
    if (scenario && scenario.name !== saved) {
      throw new OpenClusterError(
        `${options.statePath} holds ${saved ? `scenario ${saved}` : 'a cluster without a scenario'}, not scenario ${scenario.name}: leave out --scenario to go on with it, or name another --state file`,
      );
    }
    const back = restoreState(state);
    cluster = back.cluster;
    seed = back.seed;
    restored = true;
    if (back.runner && state.scenario) session = new ScenarioSession(state.scenario.document, seed, { cluster, runner: back.runner });
  } else if (scenario) {
    session = new ScenarioSession(scenario, seed);
    cluster = session.cluster;
  } else if (!manifests && options.useDefaultScenario) {
    session = new ScenarioSession(loadScenario(DEFAULT_SCENARIO, warnings), seed);
    cluster = session.cluster;
  } else {
    cluster = new Cluster({ seed, nodes: options.nodes });
  }
  // With --as, the -f manifests are applied as that user, checked by RBAC (the scenario's own are not).
  const store = options.user ? asUser(cluster.store, options.user) : cluster.store;
  const lines = manifests ? applyManifests(store, manifests.manifests).lines : [];
  return { session, cluster, seed, restored, lines, warnings };
}

function loadScenario(nameOrFile: string, warnings: string[]): ScenarioDocument {
  const loaded = loadScenarioFile(resolveScenarioPath(nameOrFile));
  warnings.push(...loaded.warnings);
  return loaded.scenario;
}
