// The faster Output.get (src/ui/render/fastOutput.ts) gives Ink's exact frame string, and it is tied
// to the Ink it was written against: an upgrade fails here first.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { ANSI_TOKENIZE_VERSION, clearFastOutputCaches, fastGet, INK_VERSION, inkOutputClass, installedVersions, installFastOutput, uninstallFastOutput } from '../../src/ui/render/fastOutput.js';

/** sha256 of node_modules/ink/build/output.js 6.8.0, the code fastGet reproduces. */
const INK_OUTPUT_SHA256 = 'de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d';

test('ink and ansi-tokenize are the versions fastOutput copies (re-check src/ui/render/fastOutput.ts on an upgrade)', () => {
  const v = installedVersions();
  assert.equal(v.ink, INK_VERSION, `ink is ${v.ink}, fastOutput.ts reproduces ink ${INK_VERSION}'s Output.get: re-check it against the new build/output.js, then update the pins`);
  assert.equal(v.ansiTokenize, ANSI_TOKENIZE_VERSION, `@alcalzone/ansi-tokenize is ${v.ansiTokenize}, not ${ANSI_TOKENIZE_VERSION}: re-check fastOutput.ts`);
  assert.ok(v.sharedWithInk, 'ink has nested copies of the packages fastOutput.ts imports');
  const source = readFileSync(join(dirname(createRequire(import.meta.url).resolve('ink')), 'output.js'));
  assert.equal(createHash('sha256').update(source).digest('hex'), INK_OUTPUT_SHA256, "ink's build/output.js changed: re-check fastOutput.ts");
});

// ---- the same string as Ink's ----------------------------------------------------------------

const ESC = '\u001B[';
const STYLES = ['31m', '32m', '33m', '39m', '1m', '2m', '22m', '7m', '27m', '0m', '38;5;214m', '38;2;255;136;0m', '44m', '49m', '4m', '24m', '1;31m'];
const TEXT = ['a', 'b', 'pod-1', ' ', '  ', '─', '日本', '✓', 'é', '>', 'Running', '⏸'];

function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

function randomLine(r: (n: number) => number): string {
  let s = '';
  for (let i = r(8); i >= 0; i--) s += r(3) === 0 ? ESC + STYLES[r(STYLES.length)] : TEXT[r(TEXT.length)];
  return s;
}

const colour = (code: string) => (line: string) => `${ESC}${code}${line}${ESC}39m`;

type OutputInstance = Awaited<ReturnType<typeof inkOutputClass>> extends new (o: { width: number; height: number }) => infer I ? I : never;

async function randomOutput(seed: number): Promise<OutputInstance> {
  const Output = await inkOutputClass();
  const r = rng(seed);
  const width = 5 + r(40);
  const height = 1 + r(12);
  const o = new Output({ width, height });
  for (let n = r(14); n >= 0; n--) {
    const kind = r(10);
    if (kind === 0) o.clip(r(2) ? { x1: r(width), x2: r(width) + 2, y1: r(height), y2: r(height) + 1 } : { x1: r(width), x2: width - r(3) });
    else if (kind === 1) o.unclip();
    else {
      const lines = Array.from({ length: 1 + r(3) }, () => randomLine(r));
      const transformers = r(3) === 0 ? [colour(r(2) ? '36m' : '90m')] : [];
      o.write(r(width + 4) - 2, r(height + 3) - 2, lines.join('\n'), { transformers });
    }
  }
  return o;
}

test('fastGet renders random frames exactly as Ink does, with and without its caches', async () => {
  const Output = await inkOutputClass();
  await uninstallFastOutput();
  const inkGet = Output.prototype.get;
  clearFastOutputCaches();
  for (let seed = 1; seed <= 1500; seed++) {
    const o = await randomOutput(seed);
    const expected = inkGet.call(o);
    assert.deepEqual(fastGet.call(o), expected, `seed ${seed}`);
    assert.deepEqual(fastGet.call(o), expected, `seed ${seed}, cached`);
  }
});

test('a table frame: an unchanged row is reused, a changed one rebuilt, colours and the inverse bar kept', async () => {
  const Output = await inkOutputClass();
  await uninstallFastOutput();
  const inkGet = Output.prototype.get;
  const frame = (selected: number) => {
    const o = new Output({ width: 60, height: 8 });
    o.write(0, 0, `${ESC}1m─── pods(all)[6] ───${ESC}22m`, { transformers: [] });
    for (let i = 0; i < 6; i++) {
      const text = ` team-1  app-${i}  1/1  Running  0  4s`;
      const line = i === selected ? `${ESC}7m>${text.slice(1).padEnd(59)}${ESC}27m` : text;
      o.write(0, i + 1, line, { transformers: i === selected ? [] : [colour('32m')] });
    }
    return o;
  };
  for (const selected of [0, 1, 2, 1, 5, 0]) assert.deepEqual(fastGet.call(frame(selected)), inkGet.call(frame(selected)));
});

test('installFastOutput puts fastGet in Ink, uninstall puts Ink back', async () => {
  const Output = await inkOutputClass();
  assert.equal(await installFastOutput(), true);
  assert.equal(Output.prototype.get, fastGet);
  await uninstallFastOutput();
  assert.notEqual(Output.prototype.get, fastGet);
});
