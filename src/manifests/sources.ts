// Which files an `-f` names: a file, or every .yaml/.yml/.json under a directory (recursively,
// in name order so that runs are reproducible).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from './errors.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The largest manifest file kubesim reads; the apiserver refuses request bodies over 3 MiB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ManifestFile {
  path: string;
  text: string;
}

export function listManifestFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ManifestError(undefined, undefined, `${path}: no such file or directory`);
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) throw new ManifestError(undefined, undefined, `${path}: not a file or directory`);
  const out: string[] = [];
  for (const entry of readdirSync(path).sort()) {
    if (entry.startsWith('.')) continue;
    const child = join(path, entry);
    const childStat = statSync(child);
    if (childStat.isDirectory()) out.push(...listManifestFiles(child));
    else if (MANIFEST_FILE.test(entry)) out.push(child);
  }
  return out;
}

export function readManifestFile(path: string): ManifestFile {
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES)
    throw new ManifestError({ file: path, line: 1, column: 1 }, undefined, `file is ${size} bytes; kubesim reads manifests of at most ${MAX_FILE_BYTES} bytes`);
  const bytes = readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD') && !bytes.toString('latin1').includes('\uFFFD')) {
    const at = text.indexOf('\uFFFD');
    const line = text.slice(0, at).split('\n').length;
    throw new ManifestError({ file: path, line, column: 1 }, undefined, 'the file is not valid UTF-8 text (Kubernetes manifests must be UTF-8)');
  }
  return { path, text };
}
