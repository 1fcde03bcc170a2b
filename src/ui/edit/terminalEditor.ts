// The user's editor in the terminal, as kubectl edit runs it: $KUBE_EDITOR, $VISUAL, $EDITOR, else
// vi, on a temporary file, synchronously (the simulation waits). The command may carry arguments
// (`code --wait`), so it runs through the shell with the file as "$1".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditorResult } from './editor.js';
import { resumeScreen, suspendScreen } from './screen.js';

export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  for (const name of ['KUBE_EDITOR', 'VISUAL', 'EDITOR']) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return 'vi';
}

export function terminalEditor(text: string, fileName: string): EditorResult {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-edit-'));
  const path = join(dir, fileName);
  const command = editorCommand();
  try {
    writeFileSync(path, text, { mode: 0o600 });
    const wasRaw = suspendScreen();
    let status: number | null;
    let failure: Error | undefined;
    try {
      const run = spawnSync('/bin/sh', ['-c', `${command} "$1"`, 'kubesim-edit', path], { stdio: 'inherit' });
      status = run.status;
      failure = run.error;
    } finally {
      resumeScreen(wasRaw);
    }
    if (failure) return { error: `could not start the editor "${command}": ${failure.message}` };
    if (status === 127) return { error: `could not start the editor "${command}": command not found (set $EDITOR)` };
    if (status !== 0) return { error: `the editor "${command}" exited with status ${status}; nothing changed` };
    return { text: readFileSync(path, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
