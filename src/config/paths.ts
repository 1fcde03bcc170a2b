// Where kubesim keeps its preferences: `$KUBESIM_CONFIG_DIR` (tests, and anyone who wants it
// elsewhere), otherwise the platform's config folder as env-paths computes it for conf
// (`$XDG_CONFIG_HOME/kubesim` or `~/.config/kubesim` on Linux).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CONFIG_ENV = 'KUBESIM_CONFIG_DIR';
export const CONFIG_NAME = 'config';
export const CONFIG_EXTENSION = 'yaml';
const APP = 'kubesim';

export function configDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const explicit = env[CONFIG_ENV];
  if (explicit) return explicit;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Preferences', APP);
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), APP, 'Config');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP);
}

export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), `${CONFIG_NAME}.${CONFIG_EXTENSION}`);
}
