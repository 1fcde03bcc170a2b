// What the scenario parser carries while it reads one file: where fields are (to locate problems
// like the manifest loader does), every problem found so far, and the loader for the manifest files a
// scenario names (paths relative to the scenario file).
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ManifestError, ManifestErrors } from '../manifests/errors.js';
import { loadManifestPaths } from '../manifests/load.js';
import type { ParsedDocument } from '../manifests/parse.js';
import type { ScenarioManifest } from './types.js';

export class ParseContext {
  readonly problems: ManifestError[] = [];
  readonly warnings: string[] = [];
  /** A manifest file could not be loaded: what the scenario declares is not fully known. */
  manifestsIncomplete = false;

  constructor(
    readonly document: ParsedDocument,
    /** The directory manifest paths are relative to. */
    readonly baseDir: string,
    /** `Scenario rolling-update`, how problems name the document. */
    public objectName: string,
  ) {}

  /** Records a problem at a field (`spec.steps[2].at`); the detail starts with the field. */
  fail(field: string | undefined, detail: string): void {
    const location = field ? this.document.locate(field) : this.document.location;
    this.problems.push(new ManifestError(location, this.objectName, field ? `${field}: ${detail}` : detail));
  }

  /** Loads manifest files named at `field` (a list of paths); problems are recorded, good ones returned. */
  loadFiles(field: string, paths: string[]): ScenarioManifest[] {
    const before = this.problems.length;
    try {
      return this.loadFilesUnchecked(field, paths);
    } finally {
      if (this.problems.length > before) this.manifestsIncomplete = true;
    }
  }

  private loadFilesUnchecked(field: string, paths: string[]): ScenarioManifest[] {
    const resolved: string[] = [];
    paths.forEach((p, i) => {
      const full = isAbsolute(p) ? p : join(this.baseDir, p);
      if (!existsSync(full)) this.fail(`${field}[${i}]`, `manifest file "${p}" not found (looked for ${full})`);
      else resolved.push(full);
    });
    if (!resolved.length) return [];
    try {
      const loaded = loadManifestPaths(resolved);
      this.warnings.push(...loaded.warnings);
      if (!loaded.manifests.length) this.fail(field, `${paths.join(', ')}: no Kubernetes objects found`);
      return loaded.manifests.map((m) => ({ object: m.object, location: m.document.location, displayName: m.displayName }));
    } catch (error) {
      if (error instanceof ManifestErrors) this.problems.push(...error.problems);
      else if (error instanceof ManifestError) this.problems.push(error);
      else throw error;
      return [];
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports fields this part of the document does not know (a typo must not be silently ignored). */
export function rejectUnknownFields(ctx: ParseContext, field: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) ctx.fail(`${field ? `${field}.` : ''}${key}`, `unknown field "${key}" (known here: ${known.join(', ')})`);
  }
}

/** A list of strings, or one string standing for a list of one. */
export function stringList(ctx: ParseContext, field: string, value: unknown, what: string): string[] | undefined {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || !v.trim())) {
    ctx.fail(field, `must be ${what} or a list of them`);
    return undefined;
  }
  return list.map((v: string) => v.trim());
}
