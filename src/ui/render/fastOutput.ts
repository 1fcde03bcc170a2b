// A faster Output.get for Ink 6.8.0, the step that turns a laid-out frame into its string. Ink's own
// rebuilds a width×height grid of styled characters on every frame, tokenizes every written line
// again (its caches live for one frame) and diffs the styles of every cell pair (three Sets per
// cell): about 5 ms and most of the garbage of a 200×50 frame, whatever changed.
//
// This one gives the same string, byte for byte, by not repeating work across frames:
// - a row of the frame is a pure function of the width and of the (x, line) writes that landed on it,
//   in order; rows whose writes are the same as in an earlier frame reuse that row's string;
// - a row that did change is built as Ink builds it, from lines tokenized once (cached across
//   frames), with consecutive characters of the same style sharing one style array, so that
//   serializing skips the diff where there is nothing to diff (same array, or both unstyled).
// Clipping, transformers (colours), wide characters and writes past the edges are handled as Ink
// does; transformers still run on every frame.
//
// It replaces Output.prototype.get only for the exact versions it was written against (ink 6.8.0,
// @alcalzone/ansi-tokenize 0.2.5); any other version keeps Ink's own, and test/ui/fastOutput.test.ts
// fails loudly so the next upgrade re-checks this file.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { BoundedCache } from '../../util/boundedCache.js';

export const INK_VERSION = '6.8.0';
export const ANSI_TOKENIZE_VERSION = '0.2.5';

type AnsiCode = Parameters<typeof ansiCodesToString>[0][number];

export interface StyledChar {
  type: 'char';
  value: string;
  fullWidth: boolean;
  styles: AnsiCode[];
}

type Transformer = (line: string, index: number) => string;
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

/** The part of Ink's Output class that get() reads. */
export interface OutputLike {
  width: number;
  height: number;
  operations: Operation[];
}

export type OutputGet = (this: OutputLike) => { output: string; height: number };

/**
 * Entries kept across frames, per cache; past this a cache starts again empty. A 50-row frame writes
 * about 50 lines: a thousand is some twenty frames of all-new lines, at most a few MiB of styled chars.
 */
const CACHE_LIMIT = 1024;

const styledLines = new BoundedCache<string, StyledChar[]>(CACHE_LIMIT);
const widths = new BoundedCache<string, number>(8192);
const blockWidths = new BoundedCache<string, number>(CACHE_LIMIT);
const rows = new BoundedCache<string, string>(CACHE_LIMIT);

/** Drops everything kept across frames (tests; nothing else needs it). */
export function clearFastOutputCaches(): void {
  styledLines.clear();
  widths.clear();
  blockWidths.clear();
  rows.clear();
}

const NO_STYLES: AnsiCode[] = Object.freeze([]) as unknown as AnsiCode[];
/** Ink's empty cell; shared, since cells are replaced in the grid, never changed. */
const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES }) as StyledChar;

function widthOf(text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    w = stringWidth(text);
    widths.set(text, w);
  }
  return w;
}

function widestLine(text: string): number {
  let w = blockWidths.get(text);
  if (w === undefined) {
    w = 0;
    for (const line of text.split('\n')) w = Math.max(w, widthOf(line));
    blockWidths.set(text, w);
  }
  return w;
}

/** styledCharsFromTokens(tokenize(line)), except that characters of the same style share its array. */
function styledChars(line: string): StyledChar[] {
  let chars = styledLines.get(line);
  if (chars) return chars;
  chars = [];
  let codes: AnsiCode[] = NO_STYLES;
  for (const token of tokenize(line)) {
    if (token.type === 'ansi') codes = reduceAnsiCodesIncremental(codes, [token]);
    else chars.push({ type: 'char', value: token.value, fullWidth: token.fullWidth, styles: codes.length ? codes : NO_STYLES });
  }
  styledLines.set(line, chars);
  return chars;
}

/** styledCharsToString: the diff between two cells is empty when they share a style array or have none. */
function charsToString(chars: readonly StyledChar[]): string {
  let out = '';
  const last = chars.length - 1;
  for (let i = 0; i <= last; i++) {
    const styles = chars[i].styles;
    if (i === 0) {
      if (styles.length) out += ansiCodesToString(styles);
    } else {
      const before = chars[i - 1].styles;
      if (before !== styles && (before.length || styles.length)) out += ansiCodesToString(diffAnsiCodes(before, styles));
    }
    out += chars[i].value;
    if (i === last && styles.length) out += ansiCodesToString(diffAnsiCodes(styles, []));
  }
  return out;
}

/** One row of the frame from the lines written on it, as Ink's grid would hold it. */
function buildRow(width: number, writes: Array<[number, string]>): string {
  const row: Array<StyledChar | undefined> = new Array<StyledChar>(width).fill(BLANK);
  for (const [x, line] of writes) {
    let offsetX = x;
    for (const character of styledChars(line)) {
      row[offsetX] = character;
      const characterWidth = Math.max(1, widthOf(character.value));
      for (let i = 1; i < characterWidth; i++) row[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      offsetX += characterWidth;
    }
  }
  return charsToString(row.filter((c): c is StyledChar => c !== undefined)).trimEnd();
}

/** The replacement for Output.prototype.get (same result as Ink 6.8.0's). */
export const fastGet: OutputGet = function (this: OutputLike) {
  const { width, height } = this;
  const written: Array<Array<[number, string]> | undefined> = new Array(height);
  const clips: Clip[] = [];
  for (const operation of this.operations) {
    if (operation.type === 'clip') clips.push(operation.clip);
    if (operation.type === 'unclip') clips.pop();
    if (operation.type !== 'write') continue;
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\n');
    const clip = clips.at(-1);
    if (clip) {
      const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipHorizontally) {
        const w = widestLine(text);
        if (x + w < clip.x1! || x > clip.x2!) continue;
      }
      if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
      if (clipHorizontally) {
        lines = lines.map((line) => {
          const from = x < clip.x1! ? clip.x1! - x : 0;
          const w = widthOf(line);
          const to = x + w > clip.x2! ? clip.x2! - x : w;
          return sliceAnsi(line, from, to);
        });
        if (x < clip.x1!) x = clip.x1!;
      }
      if (clipVertically) {
        const from = y < clip.y1! ? clip.y1! - y : 0;
        const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1!) y = clip.y1!;
      }
    }
    let offsetY = 0;
    for (let index = 0; index < lines.length; index++) {
      const rowIndex = y + offsetY;
      // Ink skips lines outside its pre-built rows (without moving on to the next row).
      if (!(Number.isInteger(rowIndex) && rowIndex >= 0 && rowIndex < height)) continue;
      let line = lines[index];
      for (const transformer of transformers) line = transformer(line, index);
      (written[rowIndex] ??= []).push([x, line]);
      offsetY++;
    }
  }
  const out = new Array<string>(height);
  for (let y = 0; y < height; y++) {
    const writes = written[y];
    if (!writes) {
      out[y] = '';
      continue;
    }
    let key = `${width}`;
    for (const [x, line] of writes) key += `\u0000${x}\u0001${line}`;
    let text = rows.get(key);
    if (text === undefined) {
      text = buildRow(width, writes);
      rows.set(key, text);
    }
    out[y] = text;
  }
  return { output: out.join('\n'), height };
};

/** Where Ink lives, and its package version. */
function inkLocation(): { buildDir: string; version: string } {
  const require = createRequire(import.meta.url);
  const buildDir = dirname(require.resolve('ink'));
  const version = (JSON.parse(readFileSync(join(buildDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  return { buildDir, version };
}

/** The packages fastGet shares with Ink's Output: they must be Ink's own copies. */
const SHARED_PACKAGES = ['@alcalzone/ansi-tokenize', 'string-width', 'slice-ansi'];

export function installedVersions(): { ink: string; ansiTokenize: string; sharedWithInk: boolean } {
  const { buildDir, version } = inkLocation();
  const require = createRequire(import.meta.url);
  const tokenizePackage = require.resolve('@alcalzone/ansi-tokenize/package.json');
  // Ink resolves its dependencies from its own folder first: a nested copy there is not the one imported here.
  const sharedWithInk = SHARED_PACKAGES.every((name) => !existsSync(join(buildDir, '..', 'node_modules', name)));
  return { ink: version, ansiTokenize: (JSON.parse(readFileSync(tokenizePackage, 'utf8')) as { version: string }).version, sharedWithInk };
}

/** Ink's Output class (the very module its renderer uses). */
export async function inkOutputClass(): Promise<{ prototype: { get: OutputGet } } & (new (options: { width: number; height: number }) => OutputLike & { write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void; clip(clip: Clip): void; unclip(): void })> {
  const { buildDir } = inkLocation();
  return ((await import(pathToFileURL(join(buildDir, 'output.js')).href)) as { default: never }).default;
}

let original: OutputGet | undefined;

/**
 * Puts fastGet in place of Ink's Output.get when the installed versions are the ones it copies;
 * returns whether it did. Idempotent.
 */
export async function installFastOutput(): Promise<boolean> {
  if (original) return true;
  const versions = installedVersions();
  if (versions.ink !== INK_VERSION || versions.ansiTokenize !== ANSI_TOKENIZE_VERSION || !versions.sharedWithInk) return false;
  const Output = await inkOutputClass();
  original = Output.prototype.get;
  Output.prototype.get = fastGet;
  return true;
}

/** Puts Ink's own Output.get back (tests). */
export async function uninstallFastOutput(): Promise<void> {
  if (!original) return;
  (await inkOutputClass()).prototype.get = original;
  original = undefined;
}
