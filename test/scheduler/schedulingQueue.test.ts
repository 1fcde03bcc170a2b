// The scheduling queue's active queue against a plain model: whatever mix of adds, gating, removals,
// pops, peeks and unpops, the next pod is the highest priority it was queued at, first come first
// served, and pods that left the queue never come out of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SchedulingQueue } from '../../src/scheduler/schedulingQueue.js';
import { VirtualClock } from '../../src/sim/clock.js';

interface ModelPod {
  priority: number;
  state: 'active' | 'inFlight' | 'gated';
  /** The priority and place it was queued at (a later priority change moves nothing). */
  queuedPriority: number;
  seq: number;
}

class Model {
  readonly pods = new Map<string, ModelPod>();
  private seq = 0;

  add(key: string, priority: number, gated: boolean): void {
    const p = this.pods.get(key);
    if (!p) {
      const fresh: ModelPod = { priority, state: 'gated', queuedPriority: priority, seq: this.seq++ };
      this.pods.set(key, fresh);
      if (!gated) this.activate(fresh);
      return;
    }
    p.priority = priority;
    if (gated) p.state = 'gated';
    else if (p.state === 'gated') this.activate(p);
  }

  private activate(p: ModelPod): void {
    p.state = 'active';
    p.queuedPriority = p.priority;
    p.seq = this.seq++;
  }

  next(): string | undefined {
    let best: [string, ModelPod] | undefined;
    for (const entry of this.pods) {
      const p = entry[1];
      if (p.state !== 'active') continue;
      if (!best || p.queuedPriority > best[1].queuedPriority || (p.queuedPriority === best[1].queuedPriority && p.seq < best[1].seq)) best = entry;
    }
    return best?.[0];
  }

  pop(): string | undefined {
    const key = this.next();
    if (key) this.pods.get(key)!.state = 'inFlight';
    return key;
  }

  unpop(key: string): void {
    const p = this.pods.get(key);
    if (p?.state !== 'inFlight') return;
    p.state = 'active';
    p.queuedPriority = p.priority;
  }
}

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const op = fc.oneof(
  fc.record({ do: fc.constant('add' as const), key, priority: fc.integer({ min: 0, max: 3 }), gated: fc.boolean() }),
  fc.record({ do: fc.constant('remove' as const), key }),
  fc.record({ do: fc.constant('pop' as const) }),
  fc.record({ do: fc.constant('peek' as const) }),
  fc.record({ do: fc.constant('unpop' as const), key }),
);

test('pops the highest priority first, then in queue order, never a pod that left', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const queue = new SchedulingQueue(new VirtualClock(), () => {});
      const model = new Model();
      for (const o of ops) {
        if (o.do === 'add') {
          queue.add(o.key, o.priority, o.gated);
          model.add(o.key, o.priority, o.gated);
        } else if (o.do === 'remove') {
          queue.remove(o.key);
          model.pods.delete(o.key);
        } else if (o.do === 'pop') {
          assert.equal(queue.pop()?.key, model.pop());
        } else if (o.do === 'peek') {
          assert.equal(queue.peek()?.key, model.next());
        } else {
          queue.unpop(o.key);
          model.unpop(o.key);
        }
        for (const [k, p] of model.pods) assert.equal(queue.get(k)?.state, p.state, `state of ${k}`);
      }
    }),
    { numRuns: 300, seed: 17 },
  );
});
