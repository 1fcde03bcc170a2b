// Hostile manifests, measured: thousands of generated and damaged manifests (the property-based
// test's generator, many more runs), then the named extremes — a billion-laughs alias bomb, 100,000
// levels of nesting, a 10 MB document, 5,000 documents in one file, invalid UTF-8, duplicate keys.
// Each ends in stored objects or a located error; each must take under a second and 200 MB of heap.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifestPaths } from '../../src/manifests/load.js';
import { caseText, fixtureObjects, manifestCase } from '../../test/hardening/manifestArbitraries.js';
import { applyHostileText, assertLocated, newStats } from '../../test/hardening/outcome.js';
import type { BenchCase } from '../lib/caseTypes.js';
import { peakRssMiB, round } from '../lib/stats.js';

const BUDGET_MS = 1000;
const BUDGET_MB = 200;

function extremes(): Array<[string, string]> {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [i, c] of [...'bcdefghi'].entries()) bomb.push(`${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
  const cm = (i: number, data = 'a: "1"') => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {${data}}\n`;
  return [
    ['billion laughs', bomb.join('\n')],
    ['100,000 nested lists', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['100,000 nested maps', `a: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}`],
    ['2,000 levels of indentation', `a:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1`],
    ['a 10 MB document', cm(0, `a: "${'x'.repeat(10 * 1024 * 1024)}"`)],
    ['a 2.9 MB ConfigMap (over the 1 MiB limit)', cm(0, `a: "${'x'.repeat(2.9 * 1024 * 1024)}"`)],
    ['5,000 documents', Array.from({ length: 5000 }, (_, i) => cm(i)).join('---\n')],
    ['40,000 keys in one map', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i}: "${i}"`).join('\n')}\n`],
    ['80,000 duplicate keys', 'a: 1\n'.repeat(80_000)],
    ['400,000 stray commas', `a: [${','.repeat(400_000)}]`],
    ['130,000 anchors on one node', `a: ${'&a '.repeat(130_000)}x`],
    ['100,000 empty documents (over the limit of 10,000)', '---\n'.repeat(100_000)],
    ['10,000 documents', Array.from({ length: 10_000 }, (_, i) => cm(i)).join('---\n')],
  ];
}

export const benchCase: BenchCase = {
  name: 'fuzz',
  description: 'generated, damaged and extreme manifests (quick: 300 cases): every one stored or refused with a location, each under 1 s and 200 MB',
  async run(ctx) {
    const started = performance.now();
    const fixtures = fixtureObjects();
    const stats = newStats();
    const runs = ctx.quick ? 300 : 5000;
    fc.assert(fc.property(manifestCase, (c) => void applyHostileText(caseText(c, fixtures), 'fuzz.yaml', stats, ctx.quick ? 2000 : 20_000)), { seed: 20261122, numRuns: runs });
    ctx.log(`${stats.cases} generated cases: ${stats.stored} stored, ${stats.refused} refused with a location; slowest ${round(stats.maxMs, 1)} ms of CPU, largest heap growth ${round(stats.maxHeapMB, 1)} MB`);

    const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-fuzz-'));
    let worstMs = stats.maxMs;
    let worstMB = stats.maxHeapMB;
    const over: string[] = [];
    try {
      const named = [...extremes()];
      for (const [name, text] of named) {
        const one = newStats();
        applyHostileText(text, `${name}.yaml`, one, 0);
        ctx.log(`${name}: ${one.stored ? 'stored' : 'refused'} in ${round(one.maxMs, 1)} ms of CPU, heap +${round(one.maxHeapMB, 1)} MB`);
        worstMs = Math.max(worstMs, one.maxMs);
        worstMB = Math.max(worstMB, one.maxHeapMB);
        if (one.maxMs > BUDGET_MS || one.maxHeapMB > BUDGET_MB) over.push(name);
      }
      // Valid, and enormous: 2147483647 replicas stop at kubesim's pod capacity.
      {
        const one = newStats();
        const huge = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: huge}\nspec:\n  replicas: 2147483647\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: nginx}]}\n';
        const t = performance.now();
        const { cluster } = applyHostileText(huge, 'huge.yaml', one, 0);
        cluster.advance(30_000);
        ctx.log(`2147483647 replicas: ${cluster.store.count('Pod')} pods after 30 s simulated (the capacity), ${round((performance.now() - t) / 1000, 1)} s, heap ${round(process.memoryUsage().heapUsed / 1e6, 0)} MB`);
        if (cluster.store.count('Pod') > 5000) over.push('2147483647 replicas (past the pod capacity)');
      }
      // Invalid UTF-8 only exists as bytes in a file.
      const file = join(dir, 'latin1.yaml');
      writeFileSync(file, Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf'), Buffer.from([0xe9]), Buffer.from('}\n')]));
      const t = performance.now();
      try {
        loadManifestPaths([file]);
        throw new Error('invalid UTF-8 was accepted');
      } catch (error) {
        assertLocated(error, file);
      }
      ctx.log(`invalid UTF-8: refused in ${round(performance.now() - t, 1)} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (stats.maxMs > BUDGET_MS || stats.maxHeapMB > BUDGET_MB) over.push('a generated case');
    if (over.length) throw new Error(`over the budget of ${BUDGET_MS} ms / ${BUDGET_MB} MB: ${over.join(', ')}`);
    return {
      wallSeconds: round((performance.now() - started) / 1000, 1),
      cases: stats.cases,
      stored: stats.stored,
      refused: stats.refused,
      worstCaseMs: round(worstMs, 1),
      worstHeapMB: round(worstMB, 1),
      peakRssMiB: peakRssMiB(),
    };
  },
};
