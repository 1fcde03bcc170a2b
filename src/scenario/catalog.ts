// The scenarios shipped with kubesim (fixtures/scenarios/<name>/scenario.yaml), and how
// `--scenario FILE|NAME` finds one: a file or a folder holding scenario.yaml first, else a shipped
// scenario by name.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const SHIPPED_SCENARIOS_DIR = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url));
export const SCENARIO_FILE = 'scenario.yaml';
/** What `npm start` opens when nothing else is asked for. */
export const DEFAULT_SCENARIO = 'default';

export interface ShippedScenario {
  name: string;
  description: string;
  path: string;
}

export class ScenarioNotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioNotFound';
  }
}

/** The shipped scenarios, the default first, then by name. */
export function shippedScenarios(dir = SHIPPED_SCENARIOS_DIR): ShippedScenario[] {
  if (!existsSync(dir)) return [];
  const out: ShippedScenario[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry, SCENARIO_FILE);
    if (!existsSync(path)) continue;
    out.push({ name: entry, description: readDescription(path), path });
  }
  return out.sort((a, b) => Number(b.name === DEFAULT_SCENARIO) - Number(a.name === DEFAULT_SCENARIO) || a.name.localeCompare(b.name));
}

/** Only the description, cheaply (the full check happens when a scenario is loaded). */
function readDescription(path: string): string {
  try {
    const doc = YAML.parse(readFileSync(path, 'utf8')) as { metadata?: { annotations?: { description?: unknown } } } | null;
    const d = doc?.metadata?.annotations?.description;
    return typeof d === 'string' ? d.replace(/\s+/g, ' ').trim() : '';
  } catch {
    return '(the file cannot be read as YAML)';
  }
}

/** The scenario file `--scenario` means. Throws ScenarioNotFound naming what exists. */
export function resolveScenarioPath(nameOrFile: string, dir = SHIPPED_SCENARIOS_DIR): string {
  if (existsSync(nameOrFile)) {
    if (statSync(nameOrFile).isDirectory()) {
      const inside = join(nameOrFile, SCENARIO_FILE);
      if (existsSync(inside)) return inside;
      throw new ScenarioNotFound(`${nameOrFile} is a folder without a ${SCENARIO_FILE}`);
    }
    return nameOrFile;
  }
  const shipped = shippedScenarios(dir).find((s) => s.name === nameOrFile);
  if (shipped) return shipped.path;
  const names = shippedScenarios(dir).map((s) => s.name);
  throw new ScenarioNotFound(`scenario "${nameOrFile}" is neither a file nor a shipped scenario; shipped: ${names.join(', ') || '(none)'} (see \`kubesim scenarios\`)`);
}
