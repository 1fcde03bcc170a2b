// `kubesim config path` prints where the preferences file is; `kubesim config show` prints them.
import YAML from 'yaml';
import { configFilePath } from '../../config/paths.js';
import { loadPreferences } from '../../config/preferences.js';
import { configDir } from '../../config/paths.js';
import { UsageError } from '../usage.js';
import type { CommandIO } from './run.js';

export function configCommand(args: string[], io: CommandIO): number {
  const [sub, ...rest] = args;
  if (rest.length) throw new UsageError(`kubesim config ${sub}: unexpected argument "${rest[0]}"`);
  switch (sub) {
    case 'path':
      io.stdout(`${configFilePath()}\n`);
      return 0;
    case 'show': {
      const loaded = loadPreferences(configDir());
      for (const warning of loaded.warnings) io.stderr(`Warning: ${warning}\n`);
      io.stdout(`# ${loaded.path}\n${YAML.stringify(loaded.preferences)}`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `kubesim config: unknown subcommand "${sub}"; use path or show` : 'kubesim config: use `kubesim config path` or `kubesim config show`');
  }
}
