// Reading and writing state files. A missing file is not an error (a new cluster starts and is saved
// there); anything else that is not a good state file is refused, and never written over.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomicWrite.js';
import { decodeState, encodeState, StateFileError, type ClusterState } from './format.js';

/** The saved state, or undefined when there is no file yet. Throws StateFileError otherwise. */
export function readStateFile(path: string): ClusterState | undefined {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new StateFileError(path, 'it is a folder, not a file');
    throw new StateFileError(path, `it cannot be read (${(error as Error).message})`);
  }
  return decodeState(path, data);
}

export function writeStateFile(path: string, state: ClusterState): void {
  writeFileAtomic(path, encodeState(state));
}
