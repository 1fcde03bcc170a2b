// The incremental table model against the definition it replaces: every row in scope rendered,
// filtered, and sorted with localeCompare (numeric for the sort column, then namespace, then name).
// Frames are built while objects come, go and change; each must equal a from-scratch answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import type { Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import type { Cell } from '../../src/printers/columns.js';
import { printerFor } from '../../src/printers/registry.js';
import { visibleColumns } from '../../src/printers/textTable.js';
import { resourcePage, type ResourcePage } from '../../src/ui/model/pages.js';
import { indexOfRow, parseFilter, ResourceTableModel } from '../../src/ui/model/resourceTable.js';
import { compareValues, numericKey, orderByRank, plainKey, rankValues, sortValue } from '../../src/ui/model/tableOrder.js';

/** The table as the model used to compute it on every frame. */
function reference(cluster: Cluster, page: ResourcePage, wide = false): string[] {
  const printer = printerFor(page.kind);
  const ctx = { now: cluster.clock.now(), store: cluster.store };
  const withNamespace = page.namespace === undefined;
  const visible = visibleColumns(printer, wide);
  const names = [...(withNamespace ? ['NAMESPACE'] : []), ...visible.map((i) => printer.columns[i].name)];
  const { regex, inverse } = parseFilter(page.filter);
  const rows: Array<{ obj: KObject; cells: Cell[] }> = [];
  for (const obj of cluster.store.list(page.kind, { namespace: page.namespace })) {
    const all = printer.row(obj, ctx);
    const cells = visible.map((i) => all[i]);
    if (withNamespace) cells.unshift({ text: obj.metadata.namespace ?? '' });
    if (regex && regex.test(cells.map((c) => c.text).join(' ')) === inverse) continue;
    rows.push({ obj, cells });
  }
  let index = names.indexOf(page.sortColumn ?? 'NAME');
  if (index < 0) index = names.indexOf('NAME');
  const dir = page.sortDescending ? -1 : 1;
  rows.sort((a, b) => {
    const x = a.cells[index]?.sort ?? a.cells[index]?.text ?? '';
    const y = b.cells[index]?.sort ?? b.cells[index]?.text ?? '';
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    if (c) return c * dir;
    if (withNamespace) {
      const n = a.cells[0].text.localeCompare(b.cells[0].text);
      if (n) return n;
    }
    return (a.obj.metadata.name ?? '').localeCompare(b.obj.metadata.name ?? '');
  });
  return rows.map((r) => `${r.obj.metadata.namespace}/${r.obj.metadata.name}`);
}

function shown(model: ResourceTableModel, cluster: Cluster, page: ResourcePage): string[] {
  return model.build(cluster, page, { wide: false, faultsOnly: false }).rows.map((r) => `${r.obj.metadata.namespace}/${r.obj.metadata.name}`);
}

/** A tiny seeded generator for the test's own choices. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s % n;
  };
}

test('keys compare as the collators do for simple text, and stay out of the way otherwise', () => {
  const words = ['web-2', 'web-10', 'web-1', 'a.b', 'a-b', 'web 3', 'Web-2', 'web_2', 'w\u00e9b', 'web-02', 'web-002', 'web-0', 'web-00', 'a01b', 'a1a', '10.244.1.9', '10.244.1.10'];
  for (const a of words) {
    for (const b of words) {
      assert.equal(Math.sign(compareValues(sortValue(a), sortValue(b))), Math.sign(a.localeCompare(b, undefined, { numeric: true })), `${a} vs ${b}`);
    }
  }
  assert.equal(plainKey('Web'), undefined);
  assert.equal(numericKey('web-02'), numericKey('web-2'), 'leading zeros are ignored, as the collator ignores them');
  assert.ok(numericKey('web-10')! > numericKey('web-9')!);
});

test('ranks order values as the comparator does: numbers, keyed texts, and mixed columns', () => {
  const random = rng(7);
  const pools: Array<Array<number | string>> = [
    [3, 1.5, -0, 0, 1e12, 1e12 + 37, -4, Infinity],
    ['web-2', 'web-02', 'web-10', 'a.b', 'db-0', '10.244.1.9', '10.244.1.10'],
    ['Running', 'Pending', 'ContainerCreating', 'CrashLoopBackOff', 'web-2', 'Web-2', '<none>', 5, 12, NaN],
  ];
  for (const pool of pools) {
    for (let round = 0; round < 20; round++) {
      const values = Array.from({ length: 1 + random(60) }, () => sortValue(pool[random(pool.length)]));
      for (const descending of [false, true]) {
        const got = [...orderByRank(rankValues(values), descending)];
        const want = values.map((_, i) => i).sort((i, j) => (descending ? -1 : 1) * compareValues(values[i], values[j]) || i - j);
        assert.deepEqual(got.map((i) => values[i].value), want.map((i) => values[i].value));
        assert.deepEqual(got, want, 'equal values keep their order');
      }
    }
  }
});

test('frames built as pods come, go and change equal a from-scratch table, for every sort and filter', () => {
  const cluster = new Cluster({ nodes: 2, seed: 5 });
  for (const ns of ['alpha', 'beta']) cluster.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const random = rng(42);
  const namespaces = ['default', 'alpha', 'beta'];
  const create = (i: number) =>
    cluster.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i % 7 === 0 ? 'x' : ''}${i}`, namespace: namespaces[random(3)], labels: { app: `a${random(4)}` } },
      spec: { containers: [{ name: 'c', image: random(5) === 0 ? 'nosuch.example/none:1' : 'nginx:1.27' }] },
    });
  for (let i = 0; i < 60; i++) create(i);
  cluster.advance(5000);

  const pages: ResourcePage[] = [
    resourcePage('Pod', undefined),
    resourcePage('Pod', undefined, { sortColumn: 'STATUS' }),
    resourcePage('Pod', undefined, { sortColumn: 'AGE', sortDescending: true }),
    resourcePage('Pod', undefined, { sortColumn: 'NAME', sortDescending: true }),
    resourcePage('Pod', 'alpha', { sortColumn: 'RESTARTS' }),
    resourcePage('Pod', undefined, { filter: 'pod-x' }),
    resourcePage('Pod', undefined, { filter: '!Running', sortColumn: 'NODE' }),
  ];
  // One model per page, each kept across frames (the incremental path).
  const models = pages.map(() => new ResourceTableModel());
  let next = 60;
  for (let frame = 0; frame < 25; frame++) {
    // Quiet frames (a few changes, applied one by one) and busy ones (merged into the lists at once).
    for (let k = 0; k < (frame % 2 ? 6 : 40); k++) {
      const pods = cluster.store.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);
      const roll = random(4);
      if (roll === 0 || pods.length < 10) create(next++);
      else if (roll === 1) {
        const p = pods[random(pods.length)];
        cluster.store.delete('Pod', p.metadata.namespace, p.metadata.name!, { gracePeriodSeconds: 0 });
      } else {
        const p = pods[random(pods.length)];
        cluster.store.modify<Pod>('Pod', p.metadata.namespace, p.metadata.name!, (d) => {
          d.metadata.labels = { app: `a${random(4)}` };
        });
      }
    }
    cluster.advance(1000 + random(3000));
    pages.forEach((page, i) => {
      assert.deepEqual(shown(models[i], cluster, page), reference(cluster, page), `frame ${frame}, page ${JSON.stringify(page)}`);
      // The selection's row is found by binary search, where a scan finds it.
      const data = models[i].build(cluster, page, { wide: false, faultsOnly: false });
      data.rows.forEach((row, at) => assert.equal(indexOfRow(data, row.key), at));
      for (const key of ['no-such-key', ...[...cluster.store.list('Pod')].map((p) => p.metadata.uid!)]) assert.equal(indexOfRow(data, key), data.rows.findIndex((r) => r.key === key));
      assert.equal(indexOfRow({ ...data, rows: [] }, data.rows[0]?.key), -1, 'rows replaced (a refused list): a scan of those');
    });
  }
  // A new sort and a new filter on a kept model equal a fresh answer too.
  const model = models[0];
  for (const page of pages.slice(1)) assert.deepEqual(shown(model, cluster, { ...page, namespace: undefined }), reference(cluster, { ...page, namespace: undefined }));
});

test('a filter typed a character at a time (each narrowing the last) shows what a fresh table shows', () => {
  const cluster = new Cluster({ nodes: 2, seed: 9 });
  for (let i = 0; i < 80; i++) {
    cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i % 3 ? 'a' : 'b'}${i}`, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  }
  cluster.advance(3000);
  const model = new ResourceTableModel();
  let text = '';
  for (const ch of 'pod-a1') {
    text += ch;
    const page = resourcePage('Pod', undefined, { filter: text });
    assert.deepEqual(shown(model, cluster, page), reference(cluster, page), `filter ${text}`);
    cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-a1${text.length}x`, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    cluster.advance(500);
  }
  // Widening again (backspace) looks at every row once more.
  const page = resourcePage('Pod', undefined, { filter: 'pod-a' });
  assert.deepEqual(shown(model, cluster, page), reference(cluster, page));
});

test('the filter matches as its case-insensitive regex does, in ASCII and other text, with labels and faults only', () => {
  const cluster = new Cluster({ nodes: 2, seed: 11 });
  const names = ['web-a', 'web-b', 'api-c', 'api-d', 'kelvin-e', 'db-f'];
  names.forEach((name, i) =>
    cluster.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: name.split('-')[0] } },
      // Images that cannot be pulled make some rows faults; the Kelvin sign (U+212A) lowercases to `k`
      // under toLowerCase() but matches /k/i only as itself.
      spec: { containers: [{ name: 'c', image: i % 3 === 0 ? 'nosuch.example/\u212Aelvin:1' : 'nginx:1.27' }] },
    }),
  );
  cluster.advance(8000);
  const model = new ResourceTableModel();
  const plain = (filter: string, faultsOnly = false) =>
    model.build(cluster, resourcePage('Pod', 'default', { filter }), { wide: false, faultsOnly }).rows.map((r) => r.obj.metadata.name ?? '');
  for (const filter of ['WEB', 'web', 'Api-C', '!web', 'k', '\u212A', 'ERR', 'run', 'a.i', '^db']) {
    const page = resourcePage('Pod', 'default', { filter });
    assert.deepEqual(plain(filter), reference(cluster, page).map((k) => k.split('/')[1]), `filter ${filter}`);
  }
  // Events carry the image in their messages: texts that are not ASCII.
  const messages = (filter: string) => model.build(cluster, resourcePage('Event', 'default', { filter, sortColumn: 'NAME' }), { wide: false, faultsOnly: false }).rows.map((r) => r.obj.metadata.name ?? '');
  const kelvin = messages('\u212A');
  assert.ok(kelvin.length > 0, 'some events name the image');
  for (const filter of ['k', 'K', '\u212A', 'kelvin', 'PULL', '!elvin', 'nosuch.example/\u212A']) {
    assert.deepEqual(messages(filter), reference(cluster, resourcePage('Event', 'default', { filter, sortColumn: 'NAME' })).map((k) => k.split('/')[1]), `event filter ${filter}`);
  }
  const faults = plain('', true);
  assert.ok(faults.length > 0 && faults.length < names.length, `some rows are faults: ${faults.join(' ')}`);
  assert.deepEqual(plain('-l app=web'), ['web-a', 'web-b']);
  assert.deepEqual(plain('-l app in (web,api)', true), faults.filter((n) => /^(web|api)/.test(n)));
  assert.deepEqual(plain('api', true), faults.filter((n) => n.startsWith('api')));
});
