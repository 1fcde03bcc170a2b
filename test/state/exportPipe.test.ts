// `kubesim export -o yaml --state FILE | kubesim run -f -`: the export goes back in through a pipe,
// as it would into `kubectl apply -f -`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'kubesim-export-pipe-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const kubesim = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/kubesim.js', ...args], { encoding: 'utf8', input });

test('run -f - reads the manifests an export prints on standard input', () => {
  const state = join(dir, 'web.state');
  const saved = kubesim(['run', '-f', 'fixtures/manifests/web', '--for', '1m', '--state', state]);
  assert.equal(saved.status, 0, saved.stderr);
  const exported = kubesim(['export', '-o', 'yaml', '--state', state]);
  assert.equal(exported.status, 0, exported.stderr);

  const back = kubesim(['run', '-f', '-', '--for', '1m', '-o', 'json'], exported.stdout);
  assert.equal(back.status, 0, back.stderr);
  const items = (JSON.parse(back.stdout) as { items: Array<{ kind: string; metadata: { name: string } }> }).items;
  const exportedDeployments = [...exported.stdout.matchAll(/^kind: Deployment$/gm)].length;
  assert.ok(exportedDeployments > 0);
  assert.equal(items.filter((o) => o.kind === 'Deployment').length, exportedDeployments);
});

test('a problem in piped manifests is located in stdin', () => {
  const r = kubesim(['run', '-f', '-', '--for', '1m'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c}]}\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: stdin:4:\d+: Pod default\/x: spec\.containers\[0\]\.image: Required value/);
});
