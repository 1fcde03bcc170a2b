import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster } from '../../src/cluster.js';
import { captureState } from '../../src/state/clusterState.js';
import { readStateFile, writeStateFile } from '../../src/state/stateFile.js';

const dir = mkdtempSync(join(tmpdir(), 'kubesim-kill-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the saving child; resolves once it is saving, with the clocks of its two states. */
function startSaver(path: string): Promise<{ child: ReturnType<typeof spawn>; clocks: number[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/state/saveLoop.ts', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /^ready (\d+) (\d+)\n/.exec(out);
      if (m) resolve({ child, clocks: [Number(m[1]), Number(m[2])] });
    });
    child.on('exit', (code) => reject(new Error(`the saver exited early (${code})`)));
  });
}

test('kill -9 while saving in a loop always leaves a complete old or new state file', { timeout: 120_000 }, async (t) => {
  const path = join(dir, 'cluster.state');
  let kills = 0;
  /** Rounds where the kill landed in the middle of a write (a temporary file was left). */
  let midWrite = 0;
  for (let round = 0; round < 6; round++) {
    const { child, clocks } = await startSaver(path);
    // Let it save a few times, then kill it at a moment that varies from round to round.
    while (!statSafe(path)) await sleep(5);
    await sleep(15 + round * 23);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    kills++;
    if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) midWrite++;
    const state = readStateFile(path); // throws if the file were torn
    assert.ok(state, 'the file exists');
    assert.ok(clocks.includes(state.cluster.now), `round ${round}: the file holds one of the two states`);
    assert.ok(state.store.objects.length > 100);
  }
  assert.equal(kills, 6);
  t.diagnostic(`${midWrite} of ${kills} kills landed in the middle of a write`);
  // A killed writer can leave its temporary file; the next save sweeps it up.
  writeStateFile(path, captureState(new Cluster({ seed: 9, nodes: 1 }), { seed: 9 }));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  assert.equal(readStateFile(path)?.cluster.seed, 9);
});

function statSafe(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}
