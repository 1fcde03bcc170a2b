// kubectl's PrefixWriter: each write is indented by its level (two spaces a level) and may contain
// tabs; the collected text is aligned by the tab writer at the end.
import { tabulate } from './tabWriter.js';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export class PrefixWriter {
  private text = '';

  /** Indents `text` by `level` (only at its start, as kubectl does) and appends it. */
  write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }

  /** Appends `text` and a newline without indentation (kubectl's WriteLine). */
  line(text = ''): void {
    this.text += `${text}\n`;
  }

  lines(): string[] {
    return tabulate(this.text);
  }
}
