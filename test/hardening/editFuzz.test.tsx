// `e` in the dashboard: whatever text comes back from the editor is either applied (a valid edit of
// the same object), cancelled, or refused with a located reason — and a refusal changes nothing.
import assert from 'node:assert/strict';
import { after, afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import fc from 'fast-check';
import React from 'react';
import { setTimeout as delay } from 'node:timers/promises';
import YAML from 'yaml';
import type { KObject } from '../../src/api/object.js';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestPaths } from '../../src/manifests/load.js';
import { applyEditedText, EDIT_CANCELLED, editFileText } from '../../src/ops/editObject.js';
import { setEditor } from '../../src/ui/edit/editor.js';
import { App } from '../../src/ui/App.js';
import { resourcePage } from '../../src/ui/model/pages.js';
import { initialUiState } from '../../src/ui/model/uiReducer.js';
import { SimulationDriver } from '../../src/ui/simDriver.js';
import { damage, mutate, mutation, textDamage } from './manifestArbitraries.js';
import { assertLocated } from './outcome.js';

afterEach(() => cleanup());
const restoreEditor = setEditor(undefined);
after(() => restoreEditor());

function webCluster(): Cluster {
  const cluster = new Cluster({ seed: 9 });
  applyManifests(cluster.store, loadManifestPaths(['fixtures/manifests/web']).manifests);
  cluster.advance(30_000);
  return cluster;
}

/** An edit: the object changed as a person might (or not), written back, the text damaged (or not). */
const editCase = fc.record({
  target: fc.constantFrom('Deployment', 'Service', 'Ingress'),
  mutations: fc.array(mutation, { maxLength: 3 }),
  damages: fc.array(textDamage, { maxLength: 2 }),
  dropHeader: fc.boolean(),
});

function editedText(original: KObject, before: string, c: { mutations: Parameters<typeof mutate>[1]; damages: Parameters<typeof damage>[1]; dropHeader: boolean }): string {
  const header = before.split('\n').filter((l) => l.startsWith('#')).join('\n');
  const body = YAML.parse(before.split('\n').filter((l) => !l.startsWith('#')).join('\n')) as Record<string, unknown>;
  const changed = YAML.stringify(mutate(body, c.mutations), { lineWidth: 0 });
  return damage(`${c.dropHeader ? '' : `${header}\n`}${changed}`, c.damages);
}

test('random edits are applied, cancelled or refused with a located reason; a refusal changes nothing', () => {
  const cluster = webCluster();
  const outcomes = { applied: 0, cancelled: 0, refused: 0 };
  fc.assert(
    fc.property(editCase, (c) => {
      const name = c.target === 'Service' || c.target === 'Ingress' || c.target === 'Deployment' ? 'web' : 'web';
      const original = cluster.store.get(c.target, 'default', name)!;
      const before = editFileText(original);
      const after = editedText(original, before, c);
      const file = `${c.target.toLowerCase()}-web.yaml`;
      const rv = cluster.store.resourceVersion;
      let result: string;
      try {
        result = applyEditedText(cluster.store, original, before, after, file);
      } catch (error) {
        assertLocated(error, file);
        assert.equal(cluster.store.resourceVersion, rv, 'a refused edit wrote something');
        outcomes.refused++;
        return;
      }
      if (result.startsWith(EDIT_CANCELLED)) {
        assert.equal(cluster.store.resourceVersion, rv, 'a cancelled edit wrote something');
        outcomes.cancelled++;
      } else {
        assert.match(result, /^(deployment\.apps|service|ingress\.networking\.k8s\.io)\/web edited$/);
        outcomes.applied++;
      }
      // Whatever was accepted, the cluster goes on without a crash.
      cluster.runUntil(cluster.clock.now() + 5_000, 200);
    }),
    { seed: 4242, numRuns: 120 },
  );
  assert.ok(outcomes.refused > 0 && outcomes.applied + outcomes.cancelled > 0, JSON.stringify(outcomes));
});

test('in the dashboard a damaged edit is refused on the status line and the object is unchanged', async () => {
  const cluster = webCluster();
  const driver = new SimulationDriver(cluster, 0);
  const state = initialUiState(resourcePage('Deployment', 'default'), { namespace: 'default', logPane: { visible: false, height: 5, full: false, filter: '' } });
  const keyErrors: unknown[] = [];
  const r = render(<App cluster={cluster} driver={driver} initialState={state} onKeyError={(e) => keyErrors.push(e)} />);
  await delay(20);
  const waitFor = async (re: RegExp) => {
    const start = Date.now();
    while (!re.test((r.lastFrame() ?? '').replace(/\n\s*/g, ' '))) {
      if (Date.now() - start > 6000) throw new Error(`timed out waiting for ${re}; last frame:\n${r.lastFrame()}`);
      await delay(10);
    }
  };
  await waitFor(/web/);
  const edits: Array<[string, (text: string) => string, RegExp]> = [
    ['a duplicate key', (t) => t.replace(/^(\s*)replicas: 3$/m, '$1replicas: 3\n$1replicas: 4'), /deployment-web\.yaml:\d+:\d+: invalid YAML: Map keys must be unique/],
    ['an alias bomb', (t) => `${t}\nbomb: &a [x, x, x, x, x, x, x, x, x, x]\nb2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nb3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nb4: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, /YAML aliases expand too far/],
    ['deep nesting', (t) => `${t}\ndeep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /the document nests too deep/],
    ['a wrong type', (t) => t.replace(/replicas: 3/, 'replicas: three'), /spec\.replicas: Invalid value: "three": spec\.replicas in body must be of type integer: "string"/],
    ['a huge number', (t) => t.replace(/replicas: 3/, 'replicas: 1e300'), /spec\.replicas in body should be less than or equal to 9007199254740991/],
    ['another name', (t) => t.replace(/^  name: web$/m, '  name: other'), /the kind, name and namespace cannot be edited/],
    ['two objects', (t) => `${t}\n---\n${t}`, /the file must hold exactly one object \(found 2\)/],
    ['a tab', (t) => t.replace(/^  replicas/m, '\treplicas'), /deployment-web\.yaml:\d+:\d+: invalid YAML/],
  ];
  for (const [what, change, expected] of edits) {
    const rv = cluster.store.get('Deployment', 'default', 'web')!.metadata.resourceVersion;
    setEditor((text) => ({ text: change(text) }));
    r.stdin.write('e');
    await waitFor(expected);
    assert.equal(cluster.store.get('Deployment', 'default', 'web')!.metadata.resourceVersion, rv, `${what} changed the object`);
    r.stdin.write('\u001B'); // clear nothing; a key between edits
    await delay(20);
  }
  assert.deepEqual(keyErrors, []);
});
