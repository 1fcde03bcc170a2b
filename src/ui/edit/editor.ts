// Who edits the text of `e`: by default the user's $EDITOR in the terminal; tests (and anything
// without a terminal) supply their own, so an edit can be exercised without spawning a process.
import { terminalEditor } from './terminalEditor.js';

export interface EditorResult {
  /** The file as saved; undefined when the editor could not run or failed. */
  text?: string;
  /** Why there is no text (`could not start the editor "vim": ...`). */
  error?: string;
}

/** Opens `text` as a file named `fileName`, lets the user change it, returns what was saved. */
export type Editor = (text: string, fileName: string) => EditorResult;

let current: Editor = terminalEditor;

export function currentEditor(): Editor {
  return current;
}

/** Replaces the editor (undefined: back to the terminal's); returns a function that restores the previous one. */
export function setEditor(editor: Editor | undefined): () => void {
  const previous = current;
  current = editor ?? terminalEditor;
  return () => {
    current = previous;
  };
}
