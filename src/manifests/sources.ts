// Which files an `-f` names: a file, or every .yaml/.yml/.json under a directory (recursively,
// in name order so that runs are reproducible).
import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from './errors.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The largest manifest file kubesim reads; the apiserver refuses request bodies over 3 MiB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ManifestFile {
  path: string;
  text: string;
}

/** `-f -`, as kubectl reads it: the manifests come on standard input (e.g. from `kubesim export`). */
export const STDIN_PATH = '-';

/** Files one `-f DIR` may name: a folder of thousands (node_modules, say) is a mistake, not manifests. */
export const MAX_FILES = 2000;

export function listManifestFiles(path: string): string[] {
  if (path === STDIN_PATH) return [path];
  return collectManifestFiles(path, path, { count: 0 });
}

function collectManifestFiles(path: string, root: string, found: { count: number }): string[] {
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
    if (childStat.isDirectory()) out.push(...collectManifestFiles(child, root, found));
    else if (MANIFEST_FILE.test(entry)) {
      if (++found.count > MAX_FILES)
        throw new ManifestError(undefined, undefined, `${root}: more than ${MAX_FILES} manifest files under this directory; kubesim reads at most ${MAX_FILES} from one -f (name the folders you mean)`);
      out.push(child);
    }
  }
  return out;
}

export function readManifestFile(source: string): ManifestFile {
  const stdin = source === STDIN_PATH;
  // Errors in piped manifests are located in "stdin", the name a reader recognises.
  const path = stdin ? 'stdin' : source;
  const size = stdin ? 0 : statSync(path).size;
  if (size > MAX_FILE_BYTES)
    throw new ManifestError({ file: path, line: 1, column: 1 }, undefined, `file is ${size} bytes; kubesim reads manifests of at most ${MAX_FILE_BYTES} bytes`);
  const bytes = stdin ? readStdin() : readFileSync(path);
  if (bytes.length > MAX_FILE_BYTES)
    throw new ManifestError({ file: path, line: 1, column: 1 }, undefined, `input is ${bytes.length} bytes; kubesim reads manifests of at most ${MAX_FILE_BYTES} bytes`);
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const before = bytes.subarray(0, bad);
    const line = before.filter((b) => b === 0x0a).length + 1;
    const column = bad - (before.lastIndexOf(0x0a) + 1) + 1;
    throw new ManifestError({ file: path, line, column }, undefined, `the file is not valid UTF-8 text (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad}); Kubernetes manifests must be UTF-8`);
  }
  return { path, text: new TextDecoder('utf-8').decode(bytes) };
}

/** All of standard input. A pipe may be non-blocking (EAGAIN), so read in a loop and wait for more. */
function readStdin(): Buffer {
  const chunks: Buffer[] = [];
  const chunk = Buffer.alloc(1 << 16);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > MAX_FILE_BYTES) break;
  }
  return Buffer.concat(chunks);
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, if any. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined; // the native check; the loop below only finds where
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → sequence length and the allowed range of the second byte (no overlongs, no
    // surrogates, nothing above U+10FFFF), as the Unicode standard's table 3-7 gives them.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}
