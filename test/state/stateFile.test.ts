import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Cluster } from '../../src/cluster.js';
import { captureState } from '../../src/state/clusterState.js';
import { encodeState, StateFileError, STATE_FORMAT } from '../../src/state/format.js';
import { readStateFile, writeStateFile } from '../../src/state/stateFile.js';
import { runCli as run } from '../helpers/runCli.js';
import { scratchDir } from '../helpers/scratchDir.js';

const dir = scratchDir('kubesim-state-');

function smallState() {
  const cluster = new Cluster({ seed: 2, nodes: 1 });
  cluster.advance(5000);
  return captureState(cluster, { seed: 2 });
}

function refused(path: string): string {
  try {
    readStateFile(path);
  } catch (error) {
    assert.ok(error instanceof StateFileError, String(error));
    return error.message;
  }
  assert.fail('the file was accepted');
}

test('a state file has a header line with format, version, length and checksum, and reads back equal', () => {
  const path = join(dir, 'small.state');
  const state = smallState();
  writeStateFile(path, state);
  const text = readFileSync(path, 'utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n')));
  assert.equal(header.format, STATE_FORMAT);
  assert.equal(header.version, 1);
  assert.match(header.sha256, /^[0-9a-f]{64}$/);
  assert.equal(header.length, Buffer.byteLength(JSON.stringify(state)));
  assert.deepEqual(readStateFile(path), JSON.parse(JSON.stringify(state)));
  assert.equal(readStateFile(join(dir, 'absent.state')), undefined, 'no file yet is not an error');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left behind');
});

test('kubesim run --state: save, load, and the clock continues where it stopped', async () => {
  const path = join(dir, 'lesson.state');
  const first = await run('run', '--scenario', 'rolling-update', '--for', '2m', '--state', path, '-o', 'json');
  assert.equal(first.code, 0, first.stderr);
  assert.equal(JSON.parse(first.stdout).time, 120);
  assert.ok(existsSync(path));

  const second = await run('run', '--state', path, '--for', '5m', '-o', 'json');
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /continuing the cluster saved in .*lesson\.state at 120s/);
  const out = JSON.parse(second.stdout);
  assert.equal(out.time, 420);
  assert.deepEqual(out.scenario.steps.map((s: { status: string; ranAt: number }) => [s.status, s.ranAt]), [['done', 60], ['done', 180], ['done', 240], ['done', 360]]);
  const web = out.items.find((o: { kind: string; metadata: { name: string } }) => o.kind === 'Deployment' && o.metadata.name === 'web');
  assert.equal(web.metadata.annotations['deployment.kubernetes.io/revision'], '4');
  // The decisions of the first run are not replayed: only what happened after 120 s.
  assert.ok(out.decisions.every((d: { time: number }) => d.time >= 120));
  assert.equal(readStateFile(path)!.cluster.now - readStateFile(path)!.cluster.startedAt, 420_000);

  // Asking for another scenario on a saved cluster is refused, and the file is kept.
  const before = readFileSync(path);
  const other = await run('run', '--state', path, '--scenario', 'jobs');
  assert.equal(other.code, 1);
  assert.match(other.stderr, /lesson\.state holds scenario rolling-update, not scenario jobs: leave out --scenario to go on with it/);
  assert.deepEqual(readFileSync(path), before);
});

test('a corrupted file is refused with a clear message and left untouched', async () => {
  const good = encodeState(smallState());
  const cases: Record<string, Buffer> = {
    truncated: Buffer.from(good.slice(0, Math.floor(good.length * 0.6))),
    'bit flipped': Buffer.from(good.replace('"kind":"Namespace"', '"kind":"Namespacf"')),
    'empty': Buffer.alloc(0),
  };
  for (const [what, bytes] of Object.entries(cases)) {
    const path = join(dir, `corrupt-${what.replace(' ', '-')}.state`);
    writeFileSync(path, bytes);
    const mtime = statSync(path).mtimeMs;
    const message = refused(path);
    const expected: Record<string, RegExp> = {
      truncated: /the file is corrupt \(its body is \d+ bytes where the header says \d+\): it was cut short or changed/,
      'bit flipped': /the file is corrupt \(its body does not match the checksum in its header\): it was changed after it was written/,
      empty: /the file is empty/,
    };
    assert.match(message, expected[what]!, what);
    assert.match(message, /The file was left untouched; move it away or name another file with --state\.$/);
    // Through the CLI: refused before anything runs, and never saved over.
    const r = await run('run', '--state', path, '--for', '1m');
    assert.equal(r.code, 1, what);
    assert.match(r.stderr, /^error: cannot load the cluster state from /);
    assert.deepEqual(readFileSync(path), bytes, what);
    assert.equal(statSync(path).mtimeMs, mtime);
  }
});

test('a foreign file is refused: someone\'s JSON, a manifest, a state from a newer kubesim', async () => {
  const foreign = join(dir, 'list.json');
  writeFileSync(foreign, '{"apiVersion":"v1","kind":"List","items":[]}\n');
  assert.match(refused(foreign), /cannot load the cluster state from .*list\.json: it is not a kubesim state file \(it does not start with a "kubesim-state" header\)/);
  const manifest = join(dir, 'web.yaml');
  writeFileSync(manifest, readFileSync('fixtures/manifests/web/web.yaml'));
  assert.match(refused(manifest), /it is not a kubesim state file/);
  const newer = join(dir, 'newer.state');
  writeFileSync(newer, `${JSON.stringify({ format: STATE_FORMAT, version: 7, length: 2, sha256: 'x' })}\n{}\n`);
  assert.match(refused(newer), /it was written by a newer kubesim \(state format version 7; this one reads version 1\)/);

  const before = readFileSync(foreign);
  const dash = await run('--state', foreign);
  assert.equal(dash.code, 1);
  assert.match(dash.stderr, /^error: cannot load the cluster state from .*list\.json: it is not a kubesim state file/);
  assert.deepEqual(readFileSync(foreign), before);
  const exported = await run('export', '--state', foreign);
  assert.equal(exported.code, 1);
});
