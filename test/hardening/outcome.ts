// What every hostile input must end in: objects in the store, or a refusal that says where (file,
// line, column) and why, in one of the manifest error types the CLI and the dashboard know how to
// show. Anything else (a TypeError, a RangeError, an ApiError that escaped) is a crash.
import assert from 'node:assert/strict';
import { ManifestError, ManifestErrors } from '../../src/manifests/errors.js';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestText } from '../../src/manifests/load.js';
import { checkInvariants } from '../../src/sim/invariants.js';
import { internalErrors } from './clusterHealth.js';

/** Asserts a refusal is located in `file`, with a message a person can read; returns its problems. */
export function assertLocated(error: unknown, file: string, options: { allowOtherFiles?: boolean } = {}): ManifestError[] {
  if (!(error instanceof ManifestErrors) && !(error instanceof ManifestError)) {
    assert.fail(`expected a located ManifestError, got ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`);
  }
  const problems = error instanceof ManifestErrors ? error.problems : [error];
  assert.ok(problems.length > 0, 'a refusal names at least one problem');
  for (const p of problems) {
    assert.ok(p instanceof ManifestError, `every problem is a ManifestError: ${String(p)}`);
    assert.ok(p.location, `problem without a location: ${p.message}`);
    if (!options.allowOtherFiles) assert.equal(p.location.file, file);
    const where = p.location.file;
    assert.ok(p.location.line >= 1 && p.location.column >= 1, `bad position in ${p.message}`);
    assert.ok(p.message.startsWith(`${where}:${p.location.line}:${p.location.column}: `), `message does not start with its location: ${p.message.slice(0, 200)}`);
    assert.ok(!p.message.includes('[object Object]'), `unreadable message: ${p.message.slice(0, 200)}`);
    assert.ok(p.detail.trim().length > 0, 'an empty reason');
  }
  return problems;
}

export interface CaseStats {
  cases: number;
  stored: number;
  refused: number;
  /** Slowest case (CPU milliseconds) and largest heap growth seen (for the report; budgets are asserted loosely). */
  maxMs: number;
  maxHeapMB: number;
}

export const newStats = (): CaseStats => ({ cases: 0, stored: 0, refused: 0, maxMs: 0, maxHeapMB: 0 });

/** Generous sanity bounds for one case in the normal test run (the benchmark measures the real ones). */
export const CASE_SANITY_MS = 10_000;
export const CASE_HEAP_MB = 200;

export interface ManifestOutcome {
  stored: boolean;
  cluster: Cluster;
}

/**
 * Loads and applies `text` into a fresh cluster, then runs the cluster a little (with a wall-clock
 * budget, so a valid but enormous request cannot stall the test) and checks its invariants.
 */
export function applyHostileText(text: string, file: string, stats: CaseStats, runMs = 20_000): ManifestOutcome {
  const cluster = new Cluster({ seed: 1, nodes: 2 });
  const heapBefore = process.memoryUsage().heapUsed;
  // CPU time, not wall time: a busy machine must not make a case look slow.
  const cpuBefore = process.cpuUsage();
  let stored = false;
  try {
    const loaded = loadManifestText(text, file);
    const applied = applyManifests(cluster.store, loaded.manifests);
    for (const m of loaded.manifests) {
      const { kind, metadata } = m.object;
      if (!metadata.name) continue; // generateName: the store picked the name
      assert.ok(cluster.store.get(kind, metadata.namespace || 'default', metadata.name), `${kind} ${metadata.name} was applied but is not stored`);
    }
    assert.equal(applied.lines.length, loaded.manifests.length);
    stored = true;
  } catch (error) {
    assertLocated(error, file);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = (cpu.user + cpu.system) / 1000;
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  stats.cases++;
  if (stored) stats.stored++;
  else stats.refused++;
  stats.maxMs = Math.max(stats.maxMs, elapsed);
  stats.maxHeapMB = Math.max(stats.maxHeapMB, heapMB);
  assert.ok(elapsed < CASE_SANITY_MS, `a case took ${elapsed.toFixed(0)} ms of CPU`);
  assert.ok(heapMB < CASE_HEAP_MB, `a case grew the heap by ${heapMB.toFixed(0)} MB`);
  if (stored && runMs > 0) {
    // The control plane must cope with whatever validation let through.
    const settled = cluster.runUntil(cluster.clock.now() + runMs, 300);
    assert.deepEqual(internalErrors(cluster), [], `a controller threw after applying:\n${text.slice(0, 2000)}`);
    if (settled) {
      const violations = checkInvariants(cluster);
      assert.deepEqual(violations, [], `invariant violations after applying:\n${text.slice(0, 2000)}`);
    }
  }
  return { stored, cluster };
}
