import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Pod } from '../../src/api/types.js';
import { compareForDeletion, podsToDelete, rankByColocation } from '../../src/controllers/replicaset/deletionRanking.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString().replace('.000Z', 'Z');

interface PodShape {
  name: string;
  uid?: string;
  node?: string;
  phase?: string;
  readyAgoMs?: number; // Ready since this long; undefined = not ready
  cost?: string;
  restarts?: number;
  createdAgoMs?: number;
}

function pod(p: PodShape): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      uid: p.uid ?? p.name,
      namespace: 'default',
      creationTimestamp: iso(p.createdAgoMs ?? 3_600_000),
      ...(p.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': p.cost } } : {}),
    },
    spec: { containers: [{ name: 'c' }], ...(p.node ? { nodeName: p.node } : {}) },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: p.readyAgoMs === undefined ? 'False' : 'True', lastTransitionTime: iso(p.readyAgoMs ?? 0) }],
      containerStatuses: [{ name: 'c', image: 'x', imageID: '', ready: p.readyAgoMs !== undefined, restartCount: p.restarts ?? 0 }],
    },
  } as Pod;
}

/** Which of two pods goes first, with no co-location involved. */
function first(a: PodShape, b: PodShape): string {
  const [ra, rb] = rankByColocation([pod(a), pod(b)], []);
  return compareForDeletion(ra, rb, NOW) <= 0 && compareForDeletion(rb, ra, NOW) >= 0 ? a.name : b.name;
}

describe('pod deletion ranking (ActivePodsWithRanks)', () => {
  const ready = { node: 'n1', readyAgoMs: 3_600_000 };

  it('1. unassigned before assigned', () => {
    assert.equal(first({ name: 'bound', ...ready }, { name: 'unbound', phase: 'Pending' }), 'unbound');
  });

  it('2. Pending before Unknown before Running', () => {
    assert.equal(first({ name: 'running', node: 'n1' }, { name: 'pending', node: 'n1', phase: 'Pending' }), 'pending');
    assert.equal(first({ name: 'running', node: 'n1' }, { name: 'unknown', node: 'n1', phase: 'Unknown' }), 'unknown');
    assert.equal(first({ name: 'unknown', node: 'n1', phase: 'Unknown' }, { name: 'pending', node: 'n1', phase: 'Pending' }), 'pending');
  });

  it('3. not ready before ready', () => {
    assert.equal(first({ name: 'ready', ...ready }, { name: 'notready', node: 'n1' }), 'notready');
  });

  it('4. lower pod-deletion-cost first (malformed counts as 0)', () => {
    assert.equal(first({ name: 'dear', ...ready, cost: '100' }, { name: 'cheap', ...ready, cost: '-5' }), 'cheap');
    assert.equal(first({ name: 'zero', ...ready, cost: 'lots' }, { name: 'one', ...ready, cost: '1' }), 'zero');
    // Cost outranks readiness order below it but not readiness itself.
    assert.equal(first({ name: 'cheap-ready', ...ready, cost: '-100' }, { name: 'dear-unready', node: 'n1', cost: '100' }), 'dear-unready');
  });

  it('5. doubled-up pods (more siblings on the node) first', () => {
    const alone = pod({ name: 'alone', node: 'n1', readyAgoMs: 1000 });
    const crowded = pod({ name: 'crowded', node: 'n2', readyAgoMs: 3_600_000 });
    const siblings = [pod({ name: 's1', node: 'n2' }), pod({ name: 's2', node: 'n2' })];
    const chosen = podsToDelete([alone, crowded], [alone, crowded, ...siblings], 1, NOW);
    assert.equal(chosen[0].pod.metadata.name, 'crowded');
    assert.equal(chosen[0].rank, 3);
  });

  it('6. ready more recently first, compared in logarithmic buckets with the uid as tie-break', () => {
    assert.equal(first({ name: 'old', node: 'n1', readyAgoMs: 3_600_000 }, { name: 'new', node: 'n1', readyAgoMs: 60_000 }), 'new');
    // 100 s and 110 s ago fall in the same log2(ns) bucket (2^36 ns ≈ 69 s .. 2^37 ns ≈ 137 s): uid decides.
    assert.equal(first({ name: 'b', uid: 'uid-b', node: 'n1', readyAgoMs: 100_000 }, { name: 'a', uid: 'uid-a', node: 'n1', readyAgoMs: 110_000 }), 'a');
    assert.equal(first({ name: 'a', uid: 'uid-a', node: 'n1', readyAgoMs: 100_000 }, { name: 'b', uid: 'uid-b', node: 'n1', readyAgoMs: 110_000 }), 'a');
  });

  it('7. more restarts first', () => {
    const same = { node: 'n1', readyAgoMs: 60_000, createdAgoMs: 60_000 };
    assert.equal(first({ name: 'stable', ...same, uid: 'a' }, { name: 'flaky', ...same, uid: 'a', restarts: 4 }), 'flaky');
  });

  it('8. newer creation first', () => {
    assert.equal(first({ name: 'old', node: 'n1', createdAgoMs: 7_200_000 }, { name: 'young', node: 'n1', createdAgoMs: 10_000 }), 'young');
  });

  it('keeps the given order when every pod is deleted', () => {
    const pods = [pod({ name: 'x', ...ready }), pod({ name: 'y', phase: 'Pending' })];
    assert.deepEqual(podsToDelete(pods, [], 2, NOW).map((r) => r.pod.metadata.name), ['x', 'y']);
    assert.deepEqual(podsToDelete(pods, [], 1, NOW).map((r) => r.pod.metadata.name), ['y']);
  });

  it('sorts a mixed set in the documented order', () => {
    const pods = [
      pod({ name: 'ready-old', node: 'n1', readyAgoMs: 7_200_000 }),
      pod({ name: 'ready-new', node: 'n1', readyAgoMs: 5_000 }),
      pod({ name: 'running-unready', node: 'n1' }),
      pod({ name: 'pending', node: 'n1', phase: 'Pending' }),
      pod({ name: 'unscheduled', phase: 'Pending' }),
    ];
    const order = podsToDelete(pods, [], 4, NOW).map((r) => r.pod.metadata.name);
    assert.deepEqual(order, ['unscheduled', 'pending', 'running-unready', 'ready-new']);
  });

  it('picks the same pods, in the same order, as a full stable sort, for any count short of all', () => {
    const shapes = fc.record({
      node: fc.constantFrom(undefined, 'n1', 'n2', 'n3'),
      phase: fc.constantFrom('Pending', 'Running', 'Unknown'),
      readyAgoMs: fc.option(fc.integer({ min: 0, max: 7_200_000 }), { nil: undefined }),
      restarts: fc.integer({ min: 0, max: 3 }),
      createdAgoMs: fc.integer({ min: 0, max: 7_200_000 }),
      cost: fc.option(fc.constantFrom('-5', '0', '10'), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(shapes, { minLength: 2, maxLength: 30 }), fc.nat(), (list, k) => {
      const pods = list.map((shape, i) => pod({ name: `p${i}`, uid: `u${i % 7}`, ...shape }));
      const count = 1 + (k % (pods.length - 1)); // fewer than all: all are returned unsorted
      const sorted = rankByColocation(pods, pods).sort((a, b) => compareForDeletion(a, b, NOW)).slice(0, count);
      const chosen = podsToDelete(pods, pods, count, NOW);
      assert.deepEqual(chosen.map((r) => r.pod.metadata.name), sorted.map((r) => r.pod.metadata.name));
    }), { numRuns: 300 });
  });
});
