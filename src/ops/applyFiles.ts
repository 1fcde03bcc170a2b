// kubectl apply -f PATH...: the same loader and decoder as `kubesim run -f` and `kubesim -f`, all or
// nothing; relative paths are taken from the directory the user started kubesim in. Objects that
// exist are patched as kubectl's client-side apply does (src/ops/applyObject).
import { isAbsolute, resolve } from 'node:path';
import { applyManifests } from '../manifests/apply.js';
import { loadManifestPaths } from '../manifests/load.js';
import type { Store } from '../store/store.js';

export interface ApplyFilesResult {
  /** `deployment.apps/web created`, one per object. */
  lines: string[];
  /** Legacy apiVersions converted and the like. */
  warnings: string[];
}

/** Throws ManifestErrors (every located problem) or ManifestError (the API refused one object). */
export function applyFiles(store: Store, paths: string[], cwd: string = process.cwd()): ApplyFilesResult {
  // Paths stay as typed when they are relative to this process's directory, so errors name them that way.
  const resolved = paths.map((p) => (isAbsolute(p) || resolve(cwd) === process.cwd() ? p : resolve(cwd, p)));
  const loaded = loadManifestPaths(resolved);
  if (!loaded.manifests.length) return { lines: [], warnings: [...loaded.warnings, `no objects found in ${paths.join(', ')}`] };
  const result = applyManifests(store, loaded.manifests);
  return { lines: result.lines, warnings: [...loaded.warnings, ...result.warnings] };
}

/** Splits what the user typed after "apply file:" into paths (spaces or commas separate them). */
export function parsePathList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}
