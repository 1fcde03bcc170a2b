// The rows a frame hands out must never change under whoever holds them (React props, the key
// handlers' view of the table), while later frames add, drop, swap and re-sort rows, few at a time
// (edited in place) or many (merged), and while the filter changes with or without other changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { resourcePage, type ResourcePage } from '../../src/ui/model/pages.js';
import { ResourceTableModel, type TableRow } from '../../src/ui/model/resourceTable.js';

function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s % n;
  };
}

test('rows handed out by a frame stay as they were while later frames change the table', () => {
  const cluster = new Cluster({ nodes: 2, seed: 3 });
  cluster.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'alpha' } });
  const random = rng(11);
  let next = 0;
  const create = () =>
    cluster.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${next++}`, namespace: random(2) ? 'alpha' : 'default', labels: { app: `a${random(3)}` } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    });
  for (let i = 0; i < 50; i++) create();
  cluster.advance(2000);

  const model = new ResourceTableModel();
  const options = { wide: false, faultsOnly: false };
  const pages: ResourcePage[] = [
    resourcePage('Pod', undefined),
    resourcePage('Pod', undefined, { filter: 'pod-1' }),
    resourcePage('Pod', undefined, { sortColumn: 'AGE', sortDescending: true }),
    resourcePage('Pod', undefined, { filter: 'alpha', sortColumn: 'STATUS' }),
  ];
  const held: Array<{ rows: TableRow[]; copy: TableRow[] }> = [];
  for (let frame = 0; frame < 24; frame++) {
    const page = pages[Math.floor(frame / 3) % pages.length];
    const rows = model.build(cluster, page, options).rows;
    assert.equal(model.build(cluster, page, options).rows, rows, 'nothing changed: the same list');
    held.push({ rows, copy: rows.slice() });
    // A quiet frame (a few changes, edited in place), a frame of label changes only (rows swapped in
    // place), a busy one (merged).
    const kind = frame % 3;
    for (let k = 0; k < (kind === 2 ? 40 : 4); k++) {
      const pods = cluster.store.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);
      const p = pods[random(pods.length)];
      if (!p) {
        create();
        continue;
      }
      if (kind === 1) {
        cluster.store.modify<Pod>('Pod', p.metadata.namespace, p.metadata.name!, (d) => {
          d.metadata.labels = { app: `a${random(3)}`, n: `${frame}-${k}` };
        });
      } else if (random(2)) create();
      else cluster.store.delete('Pod', p.metadata.namespace, p.metadata.name!, { gracePeriodSeconds: 0 });
    }
    cluster.advance(1000);
    for (const [i, h] of held.entries()) {
      assert.equal(h.rows.length, h.copy.length, `frame ${frame}: list of frame ${i} kept its length`);
      h.rows.forEach((row, at) => assert.equal(row, h.copy[at], `frame ${frame}: list of frame ${i}, row ${at}`));
    }
  }
});

test('a list handed out before a new filter stays as it was when the rows behind it change', () => {
  const cluster = new Cluster({ nodes: 2, seed: 4 });
  const create = (i: number) => cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  for (let i = 0; i < 30; i++) create(i);
  cluster.advance(2000);
  const model = new ResourceTableModel();
  const options = { wide: false, faultsOnly: false };
  const all = model.build(cluster, resourcePage('Pod', undefined), options).rows;
  const allCopy = all.slice();
  // A filter with nothing changed (no edit yet), then a few changes edited in place.
  model.build(cluster, resourcePage('Pod', undefined, { filter: 'pod-1' }), options);
  create(100);
  cluster.store.delete('Pod', 'default', 'pod-3', { gracePeriodSeconds: 0 });
  cluster.advance(1000);
  model.build(cluster, resourcePage('Pod', undefined, { filter: 'pod-1' }), options);
  const again = model.build(cluster, resourcePage('Pod', undefined), options).rows;
  assert.deepEqual(all, allCopy, 'the unfiltered list handed out first is unchanged');
  assert.equal(again.length, all.length, 'one pod came, one went');
  assert.ok(again.some((r) => r.obj.metadata.name === 'pod-100') && !again.some((r) => r.obj.metadata.name === 'pod-3'));
});
