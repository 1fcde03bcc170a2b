// `kubesim run`: load manifests into a fresh cluster, advance the clock, print what became of them.
import YAML from 'yaml';
import { Cluster } from '../../cluster.js';
import { loadManifestPaths } from '../../manifests/load.js';
import { applyManifests } from '../../manifests/apply.js';
import { choiceFlag, durationFlag, integerFlag, parseFlags } from '../flags.js';
import { UsageError } from '../usage.js';
import { clusterJson } from '../output/clusterJson.js';
import { clusterTables } from '../output/clusterTables.js';

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function runCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseFlags('run', args, {
    filename: { type: 'string', short: 'f', multiple: true },
    for: { type: 'string' },
    seed: { type: 'string' },
    nodes: { type: 'string' },
    output: { type: 'string', short: 'o' },
  });
  if (positionals.length) throw new UsageError(`kubesim run: unexpected argument "${positionals[0]}"; name manifests with -f FILE`);
  const files = values.filename ?? [];
  if (!files.length) throw new UsageError('kubesim run: no manifests given; use -f FILE_OR_DIR (repeat -f for several)');
  const forMs = durationFlag('for', values.for, 0);
  const seed = integerFlag('seed', values.seed, 1, 0, 2 ** 32 - 1);
  const nodes = integerFlag('nodes', values.nodes, 3, 0, 5000);
  const output = choiceFlag('output', values.output, ['json', 'yaml', 'wide'] as const);

  const loaded = loadManifestPaths(files);
  for (const warning of loaded.warnings) io.stderr(`Warning: ${warning}\n`);
  const cluster = new Cluster({ seed, nodes });
  const applied = applyManifests(cluster.store, loaded.manifests);
  if (!output || output === 'wide') for (const line of applied.lines) io.stderr(`${line}\n`);
  cluster.advance(forMs);

  if (output === 'json') io.stdout(`${JSON.stringify(clusterJson(cluster), null, 2)}\n`);
  else if (output === 'yaml') io.stdout(YAML.stringify(clusterJson(cluster)));
  else io.stdout(`${clusterTables(cluster, { wide: output === 'wide' })}\n`);
  return 0;
}
