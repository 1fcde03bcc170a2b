import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { numFeasibleNodesToFind } from '../../src/scheduler/filtering.js';
import { fitErrorMessage, type NodeToStatus } from '../../src/scheduler/fitError.js';
import { reject } from '../../src/scheduler/framework.js';
import type { PodInfo } from '../../src/scheduler/podInfo.js';
import { moreImportant, numCandidates, pickCandidate, type Candidate } from '../../src/scheduler/preemption.js';
import { backoffMs, SchedulingQueue } from '../../src/scheduler/schedulingQueue.js';
import { VirtualClock } from '../../src/sim/clock.js';
import type { NodeInfo } from '../../src/scheduler/nodeInfo.js';

function statuses(entries: Array<[string, string[]]>, absent?: string): NodeToStatus {
  return {
    explicit: new Map(entries.map(([node, reasons]) => [node, reject('X', 'Unschedulable', ...reasons)])),
    ...(absent ? { absent: reject('X', 'UnschedulableAndUnresolvable', absent) } : {}),
  };
}

describe('FitError message', () => {
  it('sorts histogram entries as plain strings: "10 …" before "2 …"', () => {
    const entries: Array<[string, string[]]> = [];
    for (let i = 0; i < 10; i++) entries.push([`t${i}`, ['node(s) had untolerated taint {a: }']]);
    entries.push(['c1', ['Insufficient cpu']], ['c2', ['Insufficient cpu', 'Insufficient memory']]);
    assert.equal(
      fitErrorMessage({ numAllNodes: 12, statuses: statuses(entries) }),
      '0/12 nodes are available: 1 Insufficient memory, 10 node(s) had untolerated taint {a: }, 2 Insufficient cpu.',
    );
  });

  it('uses the PreFilter message instead of the histogram, and appends the preemption message', () => {
    assert.equal(
      fitErrorMessage({
        numAllNodes: 3,
        preFilterMessage: 'persistentvolumeclaim "data-db-0" not found',
        statuses: statuses([], 'persistentvolumeclaim "data-db-0" not found'),
        postFilterMessage: 'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      }),
      '0/3 nodes are available: persistentvolumeclaim "data-db-0" not found. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
  });

  it('counts the shared status of nodes without their own', () => {
    assert.equal(
      fitErrorMessage({ numAllNodes: 4, statuses: statuses([['n1', ['Insufficient cpu']]], "node(s) didn't satisfy plugin(s) [NodeAffinity]") }),
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });
});

describe('numFeasibleNodesToFind', () => {
  it('examines every node below 100, else an adaptive share of at least 100', () => {
    assert.equal(numFeasibleNodesToFind(3), 3);
    assert.equal(numFeasibleNodesToFind(99), 99);
    assert.equal(numFeasibleNodesToFind(100), 100);
    assert.equal(numFeasibleNodesToFind(150), 100, '150 × 49% = 73 → raised to 100');
    assert.equal(numFeasibleNodesToFind(1000), 420, '50 − 1000/125 = 42%');
    assert.equal(numFeasibleNodesToFind(5000), 500, '50 − 40 = 10%');
    assert.equal(numFeasibleNodesToFind(6000), 300, '50 − 48 = 2% → at least 5%');
  });
});

describe('scheduling queue', () => {
  it('backs off 1 s doubling to 10 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(backoffMs), [1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('pops higher priority first, then in queue order', () => {
    const q = new SchedulingQueue(new VirtualClock(), () => {});
    q.add('default/low', 0, false);
    q.add('default/high', 100, false);
    q.add('default/low-2', 0, false);
    q.add('default/gated', 1000, true);
    assert.deepEqual([q.pop()?.key, q.pop()?.key, q.pop()?.key, q.pop()?.key], ['default/high', 'default/low', 'default/low-2', undefined]);
  });

  it('wakes an unschedulable pod only on a relevant event, after its back-off, or after 5 minutes', () => {
    const clock = new VirtualClock();
    let woken = 0;
    const q = new SchedulingQueue(clock, () => woken++);
    q.add('default/p', 0, false);
    q.beginAttempt('default/p', 0);
    q.failed('default/p', ['TaintToleration']);
    woken = 0;
    assert.equal(q.onClusterEvent('AssignedPodDelete', 'pod deleted'), 0, 'a freed pod does not help a taint');
    assert.equal(q.get('default/p')?.state, 'unschedulable');
    assert.equal(q.onClusterEvent('NodeTaint', 'node node-1 updated'), 1);
    assert.equal(q.get('default/p')?.state, 'backoff', 'still inside its 1 s back-off');
    clock.setNow(clock.now() + 1000);
    clock.runOneDue();
    assert.equal(q.get('default/p')?.state, 'active');
    assert.equal(woken, 1);

    q.pop();
    q.beginAttempt('default/p', 0);
    q.failed('default/p', ['NodeResourcesFit']);
    clock.setNow(clock.now() + 5 * 60 * 1000);
    while (clock.runOneDue()) {
      // the flush timer
    }
    assert.equal(q.get('default/p')?.state, 'active');
    assert.match(q.get('default/p')!.trigger!, /5m/);
  });
});

describe('preemption node choice', () => {
  const now = 1_000_000;
  const victim = (priority: number, startTime?: number) => ({ priority, startTime }) as PodInfo;
  const cand = (name: string, victims: PodInfo[]): Candidate => ({ node: { name } as NodeInfo, victims });

  it('orders victims by priority, then earlier start', () => {
    const list = [victim(1, 50), victim(5, 90), victim(1, 10)];
    assert.deepEqual(list.sort((a, b) => moreImportant(a, b, now)).map((v) => [v.priority, v.startTime]), [[5, 90], [1, 10], [1, 50]]);
  });

  it('prefers the lowest highest-victim priority, then the smallest sum, then fewest victims, then latest start', () => {
    const pick = (...c: Candidate[]) => pickCandidate(c, now).node.name;
    assert.equal(pick(cand('a', [victim(10)]), cand('b', [victim(1), victim(1)])), 'b');
    assert.equal(pick(cand('a', [victim(5), victim(5)]), cand('b', [victim(5), victim(1)])), 'b');
    assert.equal(pick(cand('a', [victim(0), victim(0)]), cand('b', [victim(0)])), 'b');
    assert.equal(pick(cand('a', [victim(0, 100)]), cand('b', [victim(0, 200)])), 'b');
    assert.equal(pick(cand('a', [victim(0, 100)]), cand('b', [victim(0, 100)])), 'a');
  });

  it('dry-runs at least 100 candidate nodes, or 10% of them', () => {
    assert.deepEqual([numCandidates(3), numCandidates(500), numCandidates(5000)], [3, 100, 500]);
  });
});
