// kubesim's command line: picks the subcommand, and turns every expected failure into a clear
// message and an exit code instead of a stack trace.
import { ManifestError, ManifestErrors } from '../manifests/errors.js';
import { runCommand, type CommandIO } from './commands/run.js';
import { dashboardCommand } from './commands/dashboard.js';
import { scenariosCommand } from './commands/scenarios.js';
import { exportCommand } from './commands/export.js';
import { configCommand } from './commands/config.js';
import { serveCommand } from './commands/serve.js';
import { ScenarioNotFound } from '../scenario/catalog.js';
import { StateFileError } from '../state/format.js';
import { OpenClusterError } from '../state/openCluster.js';
import { USAGE, UsageError } from './usage.js';
import { applyHeapPolicy } from './heapPolicy.js';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

const processIO: CommandIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  applyHeapPolicy();
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return runCommand(rest, io);
      case 'scenarios':
        return scenariosCommand(rest, io);
      case 'export':
        return exportCommand(rest, io);
      case 'config':
        return configCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return EXIT_OK;
      default:
        if (command === undefined || command.startsWith('-')) return await dashboardCommand(argv, io);
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: CommandIO): number {
  if (error instanceof UsageError) {
    io.stderr(`error: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (error instanceof ManifestErrors) {
    for (const problem of error.problems) io.stderr(`error: ${problem.message}\n`);
    io.stderr(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} found; nothing was applied.\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof StateFileError || error instanceof ScenarioNotFound || error instanceof OpenClusterError) {
    io.stderr(`error: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof ManifestError) {
    io.stderr(`error: ${error.message}\nnothing was applied.\n`);
    return EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`kubesim: internal error: ${message}\nThis is a bug in kubesim; please report it with the command you ran.\n`);
  if (process.env.KUBESIM_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
  return EXIT_INTERNAL;
}
