// Atomic replacement of a file: write a temporary file in the same folder, fsync it, rename it over
// the target, fsync the folder. A kill -9 (or a power cut) at any moment leaves the old file or the
// new one, whole, never a mix. Temporary files a killed writer left behind are swept up next time.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

function tempPrefix(target: string): string {
  return `.${basename(target)}.`;
}

export function writeFileAtomic(target: string, data: string | Buffer): void {
  const dir = dirname(target);
  sweepLeftovers(target);
  const temp = join(dir, `${tempPrefix(target)}${process.pid}.${counter++}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let mode = 0o644;
  try {
    mode = statSync(target).mode & 0o777; // keep the permissions of the file being replaced
  } catch {
    // a new file
  }
  const fd = openSync(temp, 'wx', mode);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  syncDirectory(dir);
}

/** The rename is only durable once the directory entry is on disk. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Removes temporary files of this target whose writer process is gone. */
function sweepLeftovers(target: string): void {
  const dir = dirname(target);
  const prefix = tempPrefix(target);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = Number(entry.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    try {
      unlinkSync(join(dir, entry));
    } catch {
      // another sweeper got it first
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
