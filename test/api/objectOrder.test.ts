import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import { byCreationThenName, byNamespaceThenName, compareText } from '../../src/api/objectOrder.js';

function obj(name: string | undefined, extra: { namespace?: string; created?: string } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(name !== undefined ? { name } : {}), ...(extra.namespace ? { namespace: extra.namespace } : {}), ...(extra.created ? { creationTimestamp: extra.created } : {}) },
  };
}

const names = (objs: KObject[]) => objs.map((o) => o.metadata.name ?? '(none)');

test('compareText orders by code unit, as Go compares strings (not by locale)', () => {
  assert.equal(compareText('a', 'b'), -1);
  assert.equal(compareText('b', 'a'), 1);
  assert.equal(compareText('same', 'same'), 0);
  assert.equal(compareText('Z', 'a'), -1, 'upper case before lower case');
  assert.equal(compareText('web-10', 'web-9'), -1, 'no numeric collation');
  assert.equal(compareText('', 'a'), -1);
});

test('byCreationThenName: oldest first, then by name within the same second', () => {
  const pods = [
    obj('c', { created: '2026-01-01T00:00:05Z' }),
    obj('b', { created: '2026-01-01T00:00:01Z' }),
    obj('a', { created: '2026-01-01T00:00:05Z' }),
    obj('z', { created: '2026-01-01T00:00:00Z' }),
  ];
  assert.deepEqual(names([...pods].sort(byCreationThenName)), ['z', 'b', 'a', 'c']);
});

test('byCreationThenName: no creation time sorts first; equal objects compare 0', () => {
  const unstamped = obj('y');
  const stamped = obj('x', { created: '2026-01-01T00:00:00Z' });
  assert.ok(byCreationThenName(unstamped, stamped) < 0);
  assert.ok(byCreationThenName(stamped, unstamped) > 0);
  assert.equal(byCreationThenName(stamped, obj('x', { created: '2026-01-01T00:00:00Z' })), 0);
  assert.ok(byCreationThenName(obj(undefined), obj('a')) < 0, 'a missing name counts as empty');
});

test('byNamespaceThenName: cluster-scoped first, then namespaces in order, names within each', () => {
  const objs = [
    obj('web', { namespace: 'prod' }),
    obj('api', { namespace: 'prod' }),
    obj('node-1'),
    obj('web', { namespace: 'default' }),
    obj('zeta', { namespace: 'default' }),
  ];
  assert.deepEqual(
    [...objs].sort(byNamespaceThenName).map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`),
    ['/node-1', 'default/web', 'default/zeta', 'prod/api', 'prod/web'],
  );
  assert.equal(byNamespaceThenName(obj('a', { namespace: 'n' }), obj('a', { namespace: 'n' })), 0);
});
