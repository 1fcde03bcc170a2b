// Preferences through `conf` (YAML, so people can edit them): read once at start-up — conf re-reads
// and re-parses the file on every get(), so nothing reads it per frame — and written back when the
// dashboard quits. A file conf cannot read (bad YAML, a value the schema refuses) is moved aside as
// `config.yaml.bak-<time>` with a warning, and kubesim starts on defaults: never silently wiped
// (conf's clearInvalidConfig would overwrite it without a backup).
import { existsSync, renameSync } from 'node:fs';
import Conf, { type Schema } from 'conf';
import YAML from 'yaml';
import { CONFIG_EXTENSION, CONFIG_NAME, configDir } from './paths.js';
import { DEFAULT_PREFERENCES, PREFERENCES_SCHEMA, type Preferences } from './schema.js';

export interface LoadedPreferences {
  preferences: Preferences;
  /** The file they live in. */
  path: string;
  /** What the user should know (a file moved aside); shown on the status line. */
  warnings: string[];
  /** Undefined when the file cannot be written (preferences then last for this session only). */
  store?: Conf<Preferences>;
}

function open(dir: string): Conf<Preferences> {
  return new Conf<Preferences>({
    projectName: 'kubesim',
    projectSuffix: '',
    cwd: dir,
    configName: CONFIG_NAME,
    fileExtension: CONFIG_EXTENSION,
    // conf's Schema type wants mutable JSON-schema objects; the constant is the same shape.
    schema: PREFERENCES_SCHEMA as unknown as Schema<Preferences>,
    defaults: DEFAULT_PREFERENCES,
    clearInvalidConfig: false,
    serialize: (value) => YAML.stringify(value),
    // yaml's parse error is not a SyntaxError, which conf expects from a file it cannot read.
    deserialize: (text) => {
      try {
        return (YAML.parse(text) ?? {}) as Preferences;
      } catch (error) {
        throw new SyntaxError(error instanceof Error ? error.message : String(error));
      }
    },
  });
}

/** Unreadable content (as opposed to an unreadable file: permissions, a folder in the way). */
function isBadContent(error: unknown): boolean {
  return error instanceof SyntaxError || (error instanceof Error && error.message.startsWith('Config schema violation'));
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function loadPreferences(dir: string = configDir(), now: Date = new Date()): LoadedPreferences {
  const path = `${dir}/${CONFIG_NAME}.${CONFIG_EXTENSION}`;
  const warnings: string[] = [];
  let store: Conf<Preferences> | undefined;
  try {
    store = open(dir);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    if (isBadContent(error) && existsSync(path)) {
      const aside = `${path}.bak-${timestamp(now)}`;
      try {
        renameSync(path, aside);
        warnings.push(`preferences file ${path} could not be read (${reason}); it was moved to ${aside} and defaults are used`);
        store = open(dir);
      } catch (again) {
        warnings.push(`preferences file ${path} could not be read (${reason}) nor moved aside (${again instanceof Error ? again.message : String(again)}); defaults are used for this session`);
      }
    } else {
      warnings.push(`preferences file ${path} could not be opened (${reason}); defaults are used for this session`);
    }
  }
  // One read: conf parses the file again on every access.
  const preferences: Preferences = { ...DEFAULT_PREFERENCES, ...(store ? structuredClone(store.store) : {}) };
  return { preferences, path: store?.path ?? path, warnings, store };
}

/** Writes changed preferences back; returns a warning when they could not be saved. */
export function savePreferences(loaded: LoadedPreferences, changes: Partial<Preferences>): string | undefined {
  Object.assign(loaded.preferences, changes);
  if (!loaded.store) return undefined;
  try {
    loaded.store.set(changes as Preferences);
    return undefined;
  } catch (error) {
    return `preferences not saved: ${error instanceof Error ? error.message : String(error)}`;
  }
}
