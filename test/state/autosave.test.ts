import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Cluster } from '../../src/cluster.js';
import { StateAutosaver } from '../../src/state/autosave.js';
import { captureState } from '../../src/state/clusterState.js';
import { readStateFile } from '../../src/state/stateFile.js';

const dir = mkdtempSync(join(tmpdir(), 'kubesim-autosave-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('saves when the cluster changed and the interval passed, follows a swapped cluster, and saves once more at the end', () => {
  const path = join(dir, 'auto.state');
  let wall = 0;
  let cluster = new Cluster({ seed: 1, nodes: 1 });
  const saver = new StateAutosaver(path, () => captureState(cluster, { seed: 1 }), 5000, () => wall);
  saver.watch(cluster);
  assert.equal(saver.saveIfDue(), false, 'not before the interval');
  wall = 5000;
  assert.equal(saver.saveIfDue(), true);
  assert.equal(readStateFile(path)?.cluster.now, cluster.clock.now());
  wall = 20_000;
  assert.equal(saver.saveIfDue(), false, 'nothing changed since');
  cluster.advance(30_000); // heartbeats change the store
  assert.equal(saver.saveIfDue(), true);
  assert.equal(readStateFile(path)!.cluster.now - cluster.clock.startedAt, 30_000);

  // A scenario restart swaps the cluster: changes of the old one no longer count.
  const old = cluster;
  cluster = new Cluster({ seed: 2, nodes: 1 });
  saver.watch(cluster);
  wall = 40_000;
  assert.equal(saver.saveIfDue(), true, 'the new cluster is saved');
  assert.equal(readStateFile(path)?.cluster.now, cluster.clock.now());
  old.advance(60_000);
  wall = 80_000;
  assert.equal(saver.saveIfDue(), false, 'the thrown-away cluster does not make the file dirty');

  cluster.advance(10_000);
  assert.equal(saver.stop(), true);
  assert.equal(readStateFile(path)!.cluster.now - cluster.clock.startedAt, 10_000);
  assert.equal(saver.saves, 4);
});

test('a save that cannot be written reports why and leaves the cluster running', () => {
  const cluster = new Cluster({ seed: 1, nodes: 1 });
  const saver = new StateAutosaver(join(dir, 'no-such-dir', 'x.state'), () => captureState(cluster, { seed: 1 }));
  assert.equal(saver.saveNow(), false);
  assert.match(saver.lastError ?? '', /^could not save the cluster to .*no-such-dir\/x\.state: ENOENT/);
});
