// `kubesim scenarios`: the shipped scenarios, each with what it teaches.
import { shippedScenarios } from '../../scenario/catalog.js';
import { choiceFlag, parseFlags } from '../flags.js';
import { UsageError } from '../usage.js';
import type { CommandIO } from './run.js';

export function scenariosCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseFlags('scenarios', args, { output: { type: 'string', short: 'o' } });
  if (positionals.length) throw new UsageError(`kubesim scenarios: unexpected argument "${positionals[0]}"`);
  const output = choiceFlag('output', values.output, ['json'] as const);
  const list = shippedScenarios();
  if (output === 'json') {
    io.stdout(`${JSON.stringify(list.map(({ name, description }) => ({ name, description })), null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...list.map((s) => s.name.length), 'NAME'.length) + 2;
  const lines = [`${'NAME'.padEnd(width)}DESCRIPTION`, ...list.map((s) => `${s.name.padEnd(width)}${s.description}`)];
  lines.push('', 'Open one in the dashboard with `kubesim --scenario NAME`, or run it headless with `kubesim run --scenario NAME --for 10m -o json`.');
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
