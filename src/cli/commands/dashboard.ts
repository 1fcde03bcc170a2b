// `kubesim [-f FILE]...`: the dashboard over a running cluster with the given manifests loaded.
import { Cluster } from '../../cluster.js';
import { applyManifests } from '../../manifests/apply.js';
import { loadManifestPaths } from '../../manifests/load.js';
import { integerFlag, parseFlags } from '../flags.js';
import { UsageError } from '../usage.js';
import type { CommandIO } from './run.js';

export async function dashboardCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags('', args, {
    filename: { type: 'string', short: 'f', multiple: true },
    seed: { type: 'string' },
    nodes: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const seed = integerFlag('seed', values.seed, 1, 0, 2 ** 32 - 1);
  const nodes = integerFlag('nodes', values.nodes, 3, 0, 5000);
  const loaded = values.filename?.length ? loadManifestPaths(values.filename) : { manifests: [], warnings: [] };
  for (const warning of loaded.warnings) io.stderr(`Warning: ${warning}\n`);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    const { NOT_A_TERMINAL } = await import('../../ui/dashboard.js');
    io.stderr(NOT_A_TERMINAL);
    return 1;
  }
  const cluster = new Cluster({ seed, nodes });
  applyManifests(cluster.store, loaded.manifests);
  const { runDashboard } = await import('../../ui/dashboard.js');
  return runDashboard(cluster);
}
