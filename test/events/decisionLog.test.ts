// The decision log is a bounded ring, queryable by component (a kubelet's `kubelet/node-2` counts as
// `kubelet`) and by object, oldest first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecisionLog } from '../../src/events/decisionLog.js';

describe('decision log', () => {
  const pod = (name: string) => ({ kind: 'Pod', namespace: 'default', name });

  it('keeps only the latest `capacity` decisions, numbered and timed, oldest first', () => {
    let now = 1000;
    const log = new DecisionLog(() => now, 5);
    for (let i = 1; i <= 12; i++) {
      now += 10;
      log.record({ component: 'replicaset-controller', object: pod(`p${i}`), action: `create ${i}`, reason: 'r' });
    }
    assert.equal(log.total, 12);
    assert.equal(log.size, 5);
    const kept = log.query();
    assert.deepEqual(kept.map((d) => d.seq), [8, 9, 10, 11, 12]);
    assert.deepEqual(kept.map((d) => d.time), [1080, 1090, 1100, 1110, 1120]);
    assert.equal(log.at(0)?.action, 'create 8');
    assert.equal(log.at(5), undefined);
  });

  it('answers by component, by object, since a sequence number and with a limit', () => {
    const log = new DecisionLog(() => 0, 100);
    log.record({ component: 'scheduler', object: pod('web-0'), action: 'bound to node-2', reason: 'score 87', details: { nodes: [] } });
    log.record({ component: 'kubelet/node-2', object: pod('web-0'), action: 'pull image', reason: 'not present' });
    log.record({ component: 'kubelet/node-1', object: pod('web-1'), action: 'start', reason: 'pulled' });
    log.record({ component: 'kubelet-extra', object: pod('web-1'), action: 'x', reason: 'not a kubelet' });
    assert.deepEqual(log.query({ component: 'kubelet' }).map((d) => d.component), ['kubelet/node-2', 'kubelet/node-1']);
    assert.deepEqual(log.query({ object: pod('web-0') }).map((d) => d.action), ['bound to node-2', 'pull image']);
    assert.deepEqual(log.query({ component: 'scheduler' })[0].details, { nodes: [] });
    assert.deepEqual(log.query({ sinceSeq: 2 }).map((d) => d.seq), [3, 4]);
    assert.deepEqual(log.query({ limit: 1 }).map((d) => d.seq), [4]);
  });

  it('clear empties it; numbering goes on', () => {
    const log = new DecisionLog(() => 0, 3);
    for (let i = 0; i < 4; i++) log.record({ component: 'c', object: pod('p'), action: 'a', reason: 'r' });
    log.clear();
    assert.deepEqual(log.query(), []);
    log.record({ component: 'c', object: pod('p'), action: 'after', reason: 'r' });
    assert.deepEqual(log.query().map((d) => [d.seq, d.action]), [[5, 'after']]);
  });
});
