import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Event, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { DEFAULT_NODE } from '../../src/sim/nodeSpec.js';

describe('journey 2: why is my pod Pending?', () => {
  it('explains the shortage word for word, then schedules and runs once a big enough node joins', () => {
    const cluster = new Cluster({ seed: 5 });
    cluster.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'render', namespace: 'default' },
      spec: { containers: [{ name: 'render', image: 'nginx:1.25', resources: { requests: { cpu: '6' } } }] },
    });
    cluster.advance(5_000);
    const failed = cluster.store.list<Event>('Event', { namespace: 'default' }).find((e) => e.involvedObject.name === 'render' && e.reason === 'FailedScheduling');
    assert.equal(
      failed?.message,
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
    assert.equal(failed?.source?.component, 'default-scheduler');
    const decision = cluster.decisions.query({ object: { kind: 'Pod', namespace: 'default', name: 'render' } }).at(-1)!;
    assert.equal(decision.action, 'unschedulable');

    cluster.addNode({ ...DEFAULT_NODE, name: 'node-4', cpu: '8', memory: '16Gi' });
    cluster.advance(60_000);
    const pod = cluster.store.get<Pod>('Pod', 'default', 'render')!;
    assert.equal(pod.spec?.nodeName, 'node-4');
    assert.equal(pod.status?.phase, 'Running');
    const bound = cluster.decisions.query({ object: { kind: 'Pod', namespace: 'default', name: 'render' }, component: 'default-scheduler' }).at(-1)!;
    assert.equal(bound.action, 'bound to node-4');
    assert.equal(bound.reason, 'the only feasible node; node-1 Insufficient cpu; node-2 Insufficient cpu; node-3 Insufficient cpu');
  });
});
