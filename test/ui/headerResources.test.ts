// The header's CPU and memory line keeps both resources in sight whatever the width: the amounts
// when they fit, then percentages only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resourceText } from '../../src/ui/components/Header.js';
import type { ClusterSummary } from '../../src/ui/model/clusterSummary.js';

const busy: ClusterSummary = {
  nodes: 4,
  readyNodes: 4,
  pods: 40,
  runningPods: 40,
  cpuAllocatableMilli: 14_000,
  cpuRequestedMilli: 1_550,
  cpuUsedMilli: 280,
  memoryAllocatable: 28 * 2 ** 30,
  memoryRequested: 588 * 2 ** 20,
  memoryUsed: 600 * 2 ** 20,
};

test('amounts and percentages when the line has room', () => {
  assert.equal(resourceText(busy, 200), 'cpu 1550m/14 req 11% used 2%  mem 588Mi/28Gi req 2% used 2%');
});

test('percentages only when the amounts do not fit: memory used stays in sight at 80 columns', () => {
  const counts = 'nodes 4/4  pods 40/40';
  const text = resourceText(busy, 80 - counts.length - 2);
  assert.ok(counts.length + 2 + text.length <= 80, text);
  assert.equal(text, 'cpu req 11% used 2%  mem req 2% used 2%');
});

test('the shortest form, then whatever is left, on a very narrow terminal', () => {
  assert.equal(resourceText(busy, 36), 'cpu 11%/2%  mem 2%/2% (req/used)');
  assert.equal(resourceText(busy, 10), 'cpu 11%/2%  mem 2%/2%');
});
