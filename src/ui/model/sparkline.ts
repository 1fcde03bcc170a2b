// Sparklines: one character per sample, its height the value against a scale. Unicode blocks where
// the terminal can draw them, plain ASCII when TERM=dumb (or when asked), blanks where there is no data.

const BLOCKS = '▁▂▃▄▅▆▇█';
const ASCII = '_.,:-=+#';

/** Terminals that cannot be trusted with anything beyond ASCII. */
export function asciiTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TERM === 'dumb';
}

/**
 * The last `width` values as a sparkline scaled from 0 to `max` (the largest value when not given).
 * Missing values (undefined) are blanks; values are clamped to the scale.
 */
export function sparkline(values: ReadonlyArray<number | undefined>, width: number, options: { max?: number; ascii?: boolean } = {}): string {
  const levels = options.ascii ? ASCII : BLOCKS;
  const shown = values.slice(Math.max(0, values.length - width));
  const max = options.max ?? Math.max(0, ...shown.map((v) => v ?? 0));
  let out = '';
  for (const v of shown) {
    if (v === undefined || Number.isNaN(v)) out += ' ';
    else if (max <= 0) out += levels[0];
    else out += levels[Math.max(0, Math.min(levels.length - 1, Math.ceil((Math.min(v, max) / max) * levels.length) - 1))];
  }
  return out;
}
