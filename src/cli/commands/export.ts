// `kubesim export -o yaml --state FILE`: a saved cluster as manifests that `kubesim run -f` or
// `kubectl apply -f` take back.
import YAML from 'yaml';
import { exportManifests } from '../../state/exportManifests.js';
import { StateFileError } from '../../state/format.js';
import { readStateFile } from '../../state/stateFile.js';
import { choiceFlag, parseFlags } from '../flags.js';
import { UsageError } from '../usage.js';
import type { CommandIO } from './run.js';

export function exportCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseFlags('export', args, {
    output: { type: 'string', short: 'o' },
    state: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`kubesim export: unexpected argument "${positionals[0]}"; name the saved cluster with --state FILE`);
  if (!values.state) throw new UsageError('kubesim export: name the saved cluster with --state FILE');
  const output = choiceFlag('output', values.output, ['yaml', 'json'] as const) ?? 'yaml';
  const state = readStateFile(values.state);
  if (!state) throw new StateFileError(values.state, 'there is no such file');
  const { objects, notes } = exportManifests(state);
  if (output === 'json') {
    io.stdout(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`);
    return 0;
  }
  const header = [`# kubesim export of ${values.state}`, ...notes.map((n) => `# ${n}`), '# Apply with: kubesim run -f THIS_FILE, or kubectl apply -f THIS_FILE'].join('\n');
  io.stdout(`${header}\n${objects.map((o) => `---\n${YAML.stringify(o, { lineWidth: 0 })}`).join('')}`);
  return 0;
}
