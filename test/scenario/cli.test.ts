import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../src/cli/main.js';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'kubesim-scenario-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('kubesim run --scenario NAME --for 10m -o json plays a shipped scenario, as a real process', () => {
  const r = spawnSync(process.execPath, ['bin/kubesim.js', 'run', '--scenario', 'rolling-update', '--for', '10m', '-o', 'json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.time, 600);
  assert.equal(out.scenario.name, 'rolling-update');
  assert.equal(out.scenario.finished, true);
  assert.deepEqual(
    out.scenario.steps.map((s: { at: number; status: string; ranAt: number }) => [s.at, s.status, s.ranAt]),
    [[60, 'done', 60], [180, 'done', 180], [240, 'done', 240], [360, 'done', 360]],
  );
  assert.equal(out.scenario.steps[3].message, 'deployment.apps/web rolled back');
  const web = out.items.find((o: { kind: string; metadata: { name: string } }) => o.kind === 'Deployment' && o.metadata.name === 'web');
  assert.equal(web.metadata.annotations['deployment.kubernetes.io/revision'], '4');
  const pods = out.items.filter((o: { kind: string }) => o.kind === 'Pod');
  assert.equal(pods.length, 6);
  assert.ok(pods.every((p: { status: { phase: string } }) => p.status.phase === 'Running'));
  const steps = out.decisions.filter((d: { component: string }) => d.component === 'scenario');
  assert.deepEqual(steps.map((d: { time: number }) => d.time), [0, 60, 180, 240, 360]);
});

test('without --for a scenario plays to a minute after its last step; the tables end with the timeline', async () => {
  const r = await run('run', '--scenario', 'config');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /simulated time: 240s/);
  assert.match(r.stdout, /scenario config: 2 of 2 steps run\n {6}2m {2}done {4}apply config-v2\.yaml \(1 object\): configmap\/app-config configured\n {6}3m {2}done {4}apply api-token\.yaml \(1 object\): secret\/api-token created/);
});

test('kubesim scenarios lists every shipped scenario with its description', async () => {
  const r = await run('scenarios');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^NAME +DESCRIPTION$/);
  const names = lines.slice(1).filter((l) => /^[a-z]/.test(l) && !l.startsWith('Open')).map((l) => l.split(/\s+/)[0]);
  assert.deepEqual(names, ['default', 'autoscaling', 'broken-app', 'config', 'jobs', 'node-failure', 'rbac-quota', 'rolling-update', 'scheduling', 'storage']);
  assert.match(r.stdout, /^rolling-update +Rolling update and rollback: /m);
  const json = JSON.parse((await run('scenarios', '-o', 'json')).stdout);
  assert.equal(json.length, 10);
  assert.ok(json.every((s: { description: string }) => s.description.length > 40));
});

test('an unknown scenario name, and a bad scenario file, exit 1 with a clear message; the dashboard reports them before needing a terminal', async () => {
  const unknown = await run('run', '--scenario', 'no-such-lesson');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^error: scenario "no-such-lesson" is neither a file nor a shipped scenario; shipped: default, autoscaling, .*storage \(see `kubesim scenarios`\)\n$/);

  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'apiVersion: kubesim.dev/v1\nkind: Scenario\nmetadata: {name: bad}\nspec:\n  steps:\n    - {at: soon, scale: {deployment/web: 2}}\n');
  for (const args of [['run', '--scenario', bad], ['--scenario', bad]]) {
    const r = await run(...args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, new RegExp(`^error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:8: Scenario bad: spec\\.steps\\[0\\]\\.at: invalid duration "soon"`));
    assert.match(r.stderr, /1 problem found; nothing was applied\.\n$/);
  }
});
