// From `-f` paths to decoded manifests: read every file, parse every document, decode every object,
// and collect every problem before anything is stored.
import { decodeDocuments, type DecodedManifest } from './decode.js';
import { ManifestError, ManifestErrors } from './errors.js';
import { parseManifestText, type ParsedDocument } from './parse.js';
import { listManifestFiles, readManifestFile } from './sources.js';

export interface LoadedManifests {
  manifests: DecodedManifest[];
  warnings: string[];
}

/** Throws ManifestErrors listing every problem in every file; returns only when all are good. */
export function loadManifestPaths(paths: string[]): LoadedManifests {
  const problems: ManifestError[] = [];
  const documents: ParsedDocument[] = [];
  for (const path of paths) {
    try {
      for (const file of listManifestFiles(path)) {
        try {
          const { text, path: shown } = readManifestFile(file);
          documents.push(...parseManifestText(text, shown));
        } catch (error) {
          if (error instanceof ManifestError) problems.push(error);
          else throw error;
        }
      }
    } catch (error) {
      if (error instanceof ManifestError) problems.push(error);
      else throw error;
    }
  }
  return finish(documents, problems);
}

export function loadManifestText(text: string, file: string): LoadedManifests {
  const problems: ManifestError[] = [];
  let documents: ParsedDocument[] = [];
  try {
    documents = parseManifestText(text, file);
  } catch (error) {
    if (error instanceof ManifestError) problems.push(error);
    else throw error;
  }
  return finish(documents, problems);
}

function finish(documents: ParsedDocument[], problems: ManifestError[]): LoadedManifests {
  const decoded = decodeDocuments(documents);
  problems.push(...decoded.errors);
  if (problems.length) throw new ManifestErrors(problems);
  return { manifests: decoded.manifests, warnings: decoded.warnings };
}
