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
  const textWidth = Math.max(40, (process.stdout.columns || 100) - width - 1);
  const lines = [`${'NAME'.padEnd(width)}DESCRIPTION`];
  for (const s of list) wrap(s.description, textWidth).forEach((line, i) => lines.push(`${(i ? '' : s.name).padEnd(width)}${line}`));
  lines.push('', 'Open one in the dashboard with `kubesim --scenario NAME`, or run it headless with `kubesim run --scenario NAME --for 10m -o json`.');
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...out, line];
}
