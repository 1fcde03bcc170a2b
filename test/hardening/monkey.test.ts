// A short monkey run in the normal test suite (3,000 seeded keys against the default scenario, the
// simulation running at 100x); bench/cases/monkey.ts runs tens of thousands.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMonkey } from './monkey.js';

test('3,000 random keys, pastes, escape sequences and resizes: no crash, no frame taller than the terminal', async () => {
  // `a` (apply a file) reads what the monkey types as paths: keep that inside an empty directory.
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-monkey-'));
  process.chdir(dir);
  try {
    const report = await runMonkey({ keys: 3000, seed: 7, invariantEvery: 1000 });
    assert.deepEqual(report.keyErrors, [], 'a key handler threw');
    assert.deepEqual(report.renderErrors.slice(0, 1), [], 'a render threw');
    assert.deepEqual(report.tallFrames.slice(0, 2), [], `${report.tallFrames.length} frames taller than the terminal`);
    assert.deepEqual(report.clusterErrors, [], 'a controller threw');
    assert.deepEqual(report.violations, [], 'cluster invariants');
    assert.ok(report.keys >= 3000 && report.frames > 500 && report.resizes > 10, JSON.stringify({ ...report, tallFrames: report.tallFrames.length }));
    assert.ok(report.simulatedSeconds > 0, 'the cluster ran while the keys came');
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});
