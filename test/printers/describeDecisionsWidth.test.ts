import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decision } from '../../src/events/decisionLog.js';
import { decisionLines } from '../../src/printers/describe/history.js';

const TAINT = "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }";
const VOLUME = "node(s) didn't find available persistent volumes to bind";

function scheduled(): Decision {
  const filters = (plugin: string, reason: string) => ({ NodeUnschedulable: 'passed', [plugin]: reason });
  return {
    seq: 1,
    time: 0,
    component: 'default-scheduler',
    object: { kind: 'Pod', namespace: 'default', name: 'db-0' },
    action: 'bound to worker-node-3',
    reason: 'score 690 (TaintToleration 300, NodeResourcesFit 92, PodTopologySpread 200, BalancedAllocation 98); next worker-node-1 687',
    details: {
      rows: [
        { node: 'worker-node-3', filters: 'passed', final: 690, chosen: true },
        { node: 'worker-node-1', filters: 'passed', final: 687 },
        { node: 'control-plane', filters: filters('TaintToleration', TAINT) },
        { node: 'worker-node-2', filters: filters('VolumeBinding', VOLUME) },
      ],
      omitted: { feasible: 0, rejected: 3 },
    },
  };
}

function table(lines: string[]): string[] {
  return lines.slice(lines.findIndex((l) => /^\s+NODE\s+FILTERS\s+SCORE$/.test(l)));
}

test('the scheduler table in describe fits 80 columns: less indent, long reasons wrapped under their column', () => {
  const lines = decisionLines([scheduled()], 60_000, undefined, 80);
  for (const l of table(lines)) assert.ok(l.length <= 80, `${l.length} > 80: ${l}`);
  assert.deepEqual(table(lines), [
    '    NODE           FILTERS  SCORE',
    '    worker-node-3  passed   690 (chosen)',
    '    worker-node-1  passed   687',
    '    control-plane  TaintToleration: untolerated taint',
    '                   {node-role.kubernetes.io/control-plane: }',
    "    worker-node-2  VolumeBinding: didn't find available persistent volumes to",
    '                   bind',
    '    … 3 more node(s)',
  ]);
});

test('at 120 columns every reason is whole on its line', () => {
  const lines = table(decisionLines([scheduled()], 60_000, undefined, 120));
  assert.ok(lines.every((l) => l.length <= 120));
  assert.equal(lines.length, 6);
  assert.equal(lines[3], `    control-plane  TaintToleration: ${TAINT}`);
  assert.equal(lines[4], `    worker-node-2  VolumeBinding: ${VOLUME}`);
});

test('with room enough the table sits under the decision reason, the scores next to "passed"', () => {
  const lines = decisionLines([scheduled()], 60_000);
  const reason = lines.find((l) => l.includes('score 690'))!;
  const indent = reason.length - reason.trimStart().length;
  const rows = table(lines);
  assert.ok(rows.every((l) => l.length - l.trimStart().length === indent));
  assert.match(rows[1], /worker-node-3 {2}passed {3}690 \(chosen\)$/);
  assert.ok(rows[3].endsWith(`control-plane  TaintToleration: ${TAINT}`));
});
