// The soak, short: one simulated hour of random applies, deletes, scales, rollouts, node failures,
// crashes, drains, load and time jumps, with the invariant checker after every step
// (bench/cases/soak.ts runs 24 hours).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSoak } from './soak.js';

test('one simulated hour of random user actions and faults: no violation, no lost object, bounded memory', () => {
  const report = runSoak({ seed: 11, hours: 1 });
  assert.deepEqual(report.violations, [], 'invariant violations');
  assert.deepEqual(report.lost, [], 'objects the run made and kept are still there');
  assert.deepEqual(report.internalErrors, [], 'no reconcile threw a JavaScript error');
  assert.ok(report.steps >= 30, `${report.steps} steps`);
  // Every kind of action happened at least once in an hour (the generator reaches them all).
  for (const action of ['apply', 'delete', 'scale', 'node down', 'time jump']) assert.ok(report.actions[action], `${action} never ran: ${JSON.stringify(report.actions)}`);
  // The bounded things stay bounded: the decision ring holds at most its capacity, Events expire.
  assert.ok(report.maxDecisionsKept <= 20_000);
  assert.ok(report.maxEvents < 5_000, `${report.maxEvents} events`);
});
