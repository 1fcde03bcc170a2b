// The default scenario (what `npx kubesim` opens), started as the CLI starts it.
import { DEFAULT_SCENARIO, resolveScenarioPath } from '../../src/scenario/catalog.js';
import { loadScenarioFile } from '../../src/scenario/parseScenario.js';
import { startScenario, type ScenarioCluster } from '../../src/scenario/session.js';

export function startDefaultScenario(seed = 1): ScenarioCluster {
  const { scenario } = loadScenarioFile(resolveScenarioPath(DEFAULT_SCENARIO));
  return startScenario(scenario, seed);
}
