// The benchmarks' quick versions, so they never rot: each case runs (in its own process, as
// `npm run bench -- --quick CASE` runs it) and ends with its one JSON line of figures. No timing is
// asserted here: only that every case completes and reports what it promises.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const FIGURES: Record<string, string[]> = {
  envelope: ['wallSeconds', 'peakRssMiB', 'schedulerPodsPerSecond', 'pods', 'nodes'],
  rollout: ['wallSeconds', 'peakRssMiB'],
  'node-failure': ['wallSeconds', 'peakRssMiB'],
  ui: ['keyFrameP99Ms', 'filterMs', 'sortMs', 'churnFrameP99Ms', 'lostKeys'],
  idle: ['cpuPercent'],
  start: ['firstFrameMs'],
  headless: ['wallSeconds', 'rssGrowthMiB'],
};

function runQuick(name: string): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', name], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `bench ${name} failed:\n${r.stdout}\n${r.stderr}`);
  const lines = r.stdout.trimEnd().split('\n');
  const json = lines.filter((l) => l.startsWith('{'));
  assert.equal(json.length, 1, `exactly one JSON line:\n${r.stdout}`);
  assert.equal(lines[lines.length - 1], json[0], 'the JSON line comes last');
  return JSON.parse(json[0]) as Record<string, unknown>;
}

test('the runner lists every case', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--list'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0);
  for (const name of Object.keys(FIGURES)) assert.ok(r.stdout.split('\n').includes(name), `${name} listed`);
});

test('an unknown case is refused', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', 'no-such-case'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^unknown case: no-such-case \(cases: envelope, rollout, node-failure, ui, idle, start, headless/);
});

for (const [name, keys] of Object.entries(FIGURES)) {
  test(`bench --quick ${name} completes and prints its figures`, () => {
    const result = runQuick(name);
    assert.equal(result.case, name);
    assert.equal(result.quick, true);
    assert.equal(result.error, undefined);
    for (const key of keys) assert.equal(typeof result[key], 'number', `${key} is a number in ${JSON.stringify(result)}`);
    if (name === 'ui') assert.equal(result.lostKeys, 0, 'no key lost');
  });
}
