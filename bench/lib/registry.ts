// The benchmark cases: one file each under bench/cases/, found by listing the folder, so a new case
// is a new file. The known ones run in this order; any other file follows, by name.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchCase } from './caseTypes.js';

const CASES_DIR = fileURLToPath(new URL('../cases/', import.meta.url));
const ORDER = ['envelope', 'rollout', 'node-failure', 'ui', 'idle', 'start', 'headless'];

/** Case name (the file name, `nodeFailure.ts` → `node-failure`) → its file. */
export function caseFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(CASES_DIR).sort()) {
    if (!/\.tsx?$/.test(file) || file.endsWith('.d.ts')) continue;
    const name = file.replace(/\.tsx?$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    out.set(name, join(CASES_DIR, file));
  }
  return out;
}

export function caseNames(): string[] {
  const names = [...caseFiles().keys()];
  const known = ORDER.filter((n) => names.includes(n));
  return [...known, ...names.filter((n) => !known.includes(n)).sort()];
}

export async function loadCase(name: string): Promise<BenchCase> {
  const file = caseFiles().get(name);
  if (!file) throw new Error(`no benchmark case "${name}" (cases: ${caseNames().join(', ')})`);
  const mod = (await import(pathToFileURL(file).href)) as { benchCase?: BenchCase };
  if (!mod.benchCase) throw new Error(`${file} exports no benchCase`);
  return mod.benchCase;
}
