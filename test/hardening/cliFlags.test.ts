// Random command lines for every subcommand, run in-process through main(argv, io): each ends with
// exit 0 (and output), or exit 1 or 2 with a message that starts with `error:` — never a stack
// trace, never an internal error, never a hang. The test works in a temporary directory (a relative
// --state path is written there) and names the fixtures by absolute path.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { main } from '../../src/cli/main.js';

const ROOT = resolve(import.meta.dirname, '../..');
const at = (path: string) => join(ROOT, path);
let dir: string;
let savedCwd: string;
let savedConfigDir: string | undefined;
const paths: Record<string, string> = {};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubesim-cli-fuzz-'));
  savedCwd = process.cwd();
  process.chdir(dir);
  savedConfigDir = process.env.KUBESIM_CONFIG_DIR;
  process.env.KUBESIM_CONFIG_DIR = join(dir, 'config');
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    paths[name] = path;
  };
  write('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]));
  write('empty.yaml', '');
  write('garbage-state.json', '{"not": "a state file"');
  write('scenario-bad.yaml', 'apiVersion: kubesim.dev/v1\nkind: Scenario\nmetadata: {name: x}\nspec: {steps: [{at: soon}]}\n');
  write('bomb.yaml', `a: &a ["x","x","x","x","x","x","x","x","x","x"]\n${'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`).join('\n')}\n`);
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'folder', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: "1"}\n');
  paths.folder = join(dir, 'folder');
  paths.newState = join(dir, 'new-state.json');
  paths.missingDirState = join(dir, 'no', 'such', 'dir', 'state.json');
});

after(() => {
  process.chdir(savedCwd);
  if (savedConfigDir === undefined) delete process.env.KUBESIM_CONFIG_DIR;
  else process.env.KUBESIM_CONFIG_DIR = savedConfigDir;
  rmSync(dir, { recursive: true, force: true });
});

// Not `-`: `-f -` reads standard input, which a test process never closes.
const ODD = ['', ' ', '--', '-1', '0', '1e309', 'NaN', 'abc', '\u0000', '💥', 'x'.repeat(3000), '../../../../etc/passwd', '--help'];

const file = () => fc.constantFrom(at('fixtures/manifests/web'), at('fixtures/manifests/book'), at('test/fixtures/bad'), at('test/fixtures/bad/invalid-yaml.yaml'), '/nonexistent/x.yaml', 'fixtures/manifests/web', ...['binary.yaml', 'empty.yaml', 'bomb.yaml', 'folder'].map((k) => paths[k]!), ...ODD);
const durations = fc.constantFrom('0s', '30s', '5m', '-5m', '1e309s', '169h', '999999999h', '0.5ms', '1.5', 'P1D', '1h-1m', '10', ...ODD);
const flagValue: Record<string, () => fc.Arbitrary<string>> = {
  '-f': file,
  '--filename': file,
  '--scenario': () => fc.constantFrom('rbac-quota', 'jobs', 'nope', at('fixtures/scenarios/storage'), paths['scenario-bad.yaml']!, paths['binary.yaml']!, ...ODD),
  '--state': () => fc.constantFrom(paths['garbage-state.json']!, paths['binary.yaml']!, paths.newState!, paths.missingDirState!, paths.folder!, ...ODD),
  '--for': () => durations,
  '--seed': () => fc.oneof(fc.constantFrom('1', '4294967295', '4294967296', '-1', '0x10', '1.5', ...ODD), fc.integer().map(String)),
  '--nodes': () => fc.constantFrom('0', '1', '2', '5001', '-3', '1e3', '3.0', ...ODD),
  '-o': () => fc.constantFrom('json', 'yaml', 'wide', 'table', 'JSON', ...ODD),
  '--output': () => fc.constantFrom('json', 'yaml', 'wide', 'xml', ...ODD),
  '--as': () => fc.constantFrom('jane', 'system:serviceaccount:team-a:deployer', 'system:admin', ...ODD),
  '--as-group': () => fc.constantFrom('system:masters', 'devs', ...ODD),
  '--port': () => fc.constantFrom('-1', '65536', 'http', ...ODD),
  '--kubeconfig': () => fc.constantFrom(paths.missingDirState!, ...ODD),
};
const BOOLEANS = ['--show-secrets', '--help', '-h', '--api'];
const UNKNOWN = ['--bogus', '-x', '---', '--for=', '-fo', '--seed=', '--show-secrets=yes', '--'];

const token: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Object.keys(flagValue)).chain((flag) => flagValue[flag]!().chain((v) => fc.constantFrom<string[]>([flag, v], [`${flag}=${v}`]))) },
  { weight: 1, arbitrary: fc.constantFrom(...BOOLEANS).map((b) => [b]) },
  { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN).map((u) => [u]) },
  { weight: 1, arbitrary: fc.constantFrom(...Object.keys(flagValue)).map((f) => [f]) }, // a flag with its value missing
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...ODD)).map((p) => [p]) },
);

/** `(dashboard)`: no subcommand, the flags alone (without a terminal it must say so and exit 1). */
const SUBCOMMANDS = ['run', 'run', 'run', 'scenarios', 'export', 'config', 'help', 'bogus', '(dashboard)'];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function invoke(argv: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

function assertClean(argv: string[], r: Outcome): void {
  const shown = JSON.stringify(argv).slice(0, 300);
  assert.ok([0, 1, 2].includes(r.code), `exit ${r.code} for ${shown}:\n${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, /internal error/, `internal error for ${shown}:\n${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+[:(]\d+/, `a stack trace for ${shown}`);
  if (r.code === 0) assert.ok(r.stdout.length > 0, `exit 0 without output for ${shown}`);
  else assert.match(r.stderr, /(^|\n)(error: |kubesim: the dashboard needs an interactive terminal)/, `exit ${r.code} without an error line for ${shown}:\n${r.stderr.slice(0, 500)}`);
}

test('random command lines end in 0, 1 or 2 with a message, never a stack trace', async () => {
  const codes = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...SUBCOMMANDS), fc.array(token, { maxLength: 5 }), async (sub, tokens) => {
      // config takes words, not flags: give it one of its own now and then.
      // fc.string may still make a lone `-` (standard input): never hand that to -f.
      const safe = tokens.map((t) => t.map((a) => (a === '-' ? '-x' : a)));
      tokens = safe;
      const argv =
        sub === '(dashboard)' ? ['--seed', '1', ...tokens.flat()] : sub === 'config' && tokens.length % 2 === 0 ? [sub, ...(tokens[0] ?? ['show'])] : [sub, ...tokens.flat()];
      const r = await invoke(argv);
      codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
      assertClean(argv, r);
    }),
    { seed: 20261122, numRuns: 150 },
  );
  // The generator reaches all three outcomes.
  assert.ok((codes.get(0) ?? 0) > 0 && (codes.get(1) ?? 0) > 0 && (codes.get(2) ?? 0) > 0, JSON.stringify([...codes]));
});

test('every flag of run, with every odd value, is refused or accepted cleanly', async () => {
  for (const [flag, values] of Object.entries(flagValue)) {
    if (flag === '--port' || flag === '--kubeconfig') continue; // not flags of run: exit 2 each, covered above
    for (const value of [...ODD, 'x'.repeat(70_000)]) {
      const argv = ['run', ...(flag === '-f' || flag === '--filename' ? [] : ['-f', at('fixtures/manifests/book')]), flag, value, '--for', '0s'];
      assertClean(argv, await invoke(argv));
    }
    void values;
  }
});

test('the limits on run: --for beyond a week, --nodes beyond 5000, a seed beyond 32 bits', async () => {
  const week = await invoke(['run', '-f', at('fixtures/manifests/book'), '--for', '169h']);
  assert.equal(week.code, 2);
  assert.match(week.stderr, /^error: --for: 169h is longer than one run may simulate \(at most 168h\); run in steps with --state FILE\n/);
  const huge = await invoke(['run', '-f', at('fixtures/manifests/book'), '--for', '99999999999999h']);
  assert.equal(huge.code, 2);
  const nodes = await invoke(['run', '-f', at('fixtures/manifests/book'), '--nodes', '5001']);
  assert.equal(nodes.code, 2);
  assert.match(nodes.stderr, /^error: --nodes: 5001 is out of range; use a number from 0 to 5000\n/);
  const seed = await invoke(['run', '-f', at('fixtures/manifests/book'), '--seed', '4294967296']);
  assert.equal(seed.code, 2);
  const bomb = await invoke(['run', '-f', paths['bomb.yaml']!]);
  assert.equal(bomb.code, 1);
  assert.match(bomb.stderr, /bomb\.yaml:1:1: YAML aliases expand too far \(more than 1000 alias expansions\)/);
  const binary = await invoke(['run', '-f', paths['binary.yaml']!]);
  assert.equal(binary.code, 1);
  assert.match(binary.stderr, /binary\.yaml:1:1: the file is not valid UTF-8 text \(byte 0x89 at offset 0\); Kubernetes manifests must be UTF-8/);
});
