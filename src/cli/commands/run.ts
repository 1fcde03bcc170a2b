// `kubesim run`: load manifests (or a scenario, or a saved cluster) into a cluster, advance the clock,
// print what became of them. With --state the cluster is saved there as it runs and at the end.
import YAML from 'yaml';
import type { Cluster } from '../../cluster.js';
import { scenarioJson, scenarioLines } from '../../scenario/timelineJson.js';
import { StateAutosaver } from '../../state/autosave.js';
import { captureState } from '../../state/clusterState.js';
import { openCluster } from '../../state/openCluster.js';
import { choiceFlag, durationFlag, integerFlag, parseFlags, userFlags } from '../flags.js';
import { UsageError } from '../usage.js';
import { clusterJson } from '../output/clusterJson.js';
import { clusterTables } from '../output/clusterTables.js';
import { existsSync } from 'node:fs';

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** How long a scenario run without --for goes on after its last step. */
const AFTER_LAST_STEP_MS = 60_000;
/** The longest --for: a week of simulated time (a run is not to hang the shell; --state continues it). */
export const MAX_RUN_MS = 7 * 24 * 3_600_000;
/** Virtual time run between autosave checks of a long `run --state`. */
const SLICE_MS = 60_000;

export function runCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseFlags('run', args, {
    filename: { type: 'string', short: 'f', multiple: true },
    scenario: { type: 'string' },
    state: { type: 'string' },
    for: { type: 'string' },
    seed: { type: 'string' },
    nodes: { type: 'string' },
    output: { type: 'string', short: 'o' },
    as: { type: 'string' },
    'as-group': { type: 'string', multiple: true },
    'show-secrets': { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`kubesim run: unexpected argument "${positionals[0]}"; name manifests with -f FILE`);
  const files = values.filename ?? [];
  const statePath = values.state;
  if (!files.length && !values.scenario && !(statePath && existsSync(statePath))) {
    throw new UsageError('kubesim run: nothing to run; use -f FILE_OR_DIR (repeat -f for several), --scenario FILE|NAME, or --state FILE of a saved cluster');
  }
  const seed = integerFlag('seed', values.seed, 1, 0, 2 ** 32 - 1);
  const nodes = integerFlag('nodes', values.nodes, 3, 0, 5000);
  const output = choiceFlag('output', values.output, ['json', 'yaml', 'wide'] as const);
  const givenFor = values.for === undefined ? undefined : durationFlag('for', values.for, 0, MAX_RUN_MS);

  const user = userFlags('run', values.as, values['as-group']);

  const opened = openCluster({ files, scenario: values.scenario, statePath, seed, nodes, user });
  for (const warning of opened.warnings) io.stderr(`Warning: ${warning}\n`);
  const { cluster, session } = opened;
  if (opened.restored) io.stderr(`continuing the cluster saved in ${statePath} at ${cluster.clock.elapsedSeconds()}s\n`);
  if (!output || output === 'wide') for (const line of opened.lines) io.stderr(`${line}\n`);
  // A scenario without --for plays to its last step and a minute more, to see what it did.
  const untilLastStep = session ? Math.max(0, cluster.clock.startedAt + session.runner.lastStepAtMs + AFTER_LAST_STEP_MS - cluster.clock.now()) : 0;
  const forMs = givenFor ?? untilLastStep;

  const saver = statePath ? new StateAutosaver(statePath, () => captureState(cluster, { seed: opened.seed, runner: session?.runner })) : undefined;
  saver?.watch(cluster);
  runFor(cluster, forMs, saver);
  if (saver && !saver.stop()) io.stderr(`Warning: ${saver.lastError}\n`);

  if (output === 'json' || output === 'yaml') {
    const result = { ...clusterJson(cluster, { showSecrets: values['show-secrets'] === true }), ...(session ? { scenario: scenarioJson(session.runner) } : {}) };
    io.stdout(output === 'json' ? `${JSON.stringify(result, null, 2)}\n` : YAML.stringify(result));
  } else {
    io.stdout(`${clusterTables(cluster, { wide: output === 'wide' })}\n`);
    if (session) io.stdout(`\n${scenarioLines(session.runner).join('\n')}\n`);
  }
  return 0;
}

/** Advances the clock; with a state file, in slices so a long run is saved as it goes. */
function runFor(cluster: Cluster, forMs: number, saver: StateAutosaver | undefined): void {
  const target = cluster.clock.now() + forMs;
  if (!saver) return cluster.advance(forMs);
  while (cluster.clock.now() < target) {
    cluster.runUntil(Math.min(target, cluster.clock.now() + SLICE_MS));
    saver.saveIfDue();
  }
}
