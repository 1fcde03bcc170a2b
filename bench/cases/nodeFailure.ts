// 100 of the envelope's 5,000 nodes stop heartbeating: the node controller marks them unreachable,
// taint-based eviction removes their pods after the 300 s toleration, and the ReplicaSets replace
// every one of them elsewhere. Measured until the last evicted pod has a Ready replacement.
import type { Pod } from '../../src/api/types.js';
import { nodeDown } from '../../src/ops/faults.js';
import type { BenchCase } from '../lib/caseTypes.js';
import { envelopeSize, loadEnvelope, runUntilDone } from '../lib/envelope.js';
import { peakRssMiB, round } from '../lib/stats.js';

export const benchCase: BenchCase = {
  name: 'node-failure',
  description: 'the envelope, then 100 nodes stop heartbeating; until every evicted pod is replaced',
  async run(ctx) {
    const size = envelopeSize(ctx);
    const failing = ctx.quick ? 2 : 100;
    const env = loadEnvelope(ctx, size);
    const { cluster, census, sampler } = env;
    const want = size.deployments * size.replicas;
    // Every 50th node (spread over the cluster, like racks losing power).
    const step = Math.max(1, Math.floor(size.nodes / failing));
    const failed = Array.from({ length: failing }, (_, i) => `node-${i * step + 1}`);
    const activeOn = (node: string) => cluster.store.list<Pod>('Pod', { nodeName: node }).filter((p) => !p.metadata.deletionTimestamp).length;
    const stranded = failed.reduce((n, node) => n + activeOn(node), 0);
    ctx.log(`envelope loaded in ${env.wallSeconds.toFixed(1)} s; stopping the kubelets of ${failing} nodes holding ${stranded} pods`);
    const checkedBefore = sampler.spentMs;
    const t = performance.now();
    for (const node of failed) nodeDown(cluster, node);
    const replaced = () => census.ready === want && failed.every((node) => activeOn(node) === 0);
    const virtualSeconds = runUntilDone(cluster, ctx, replaced, () => `${census.ready} of ${want} pods Ready elsewhere, ${failed.reduce((n, node) => n + activeOn(node), 0)} still on failed nodes`);
    sampler.check();
    const wallSeconds = (performance.now() - t - (sampler.spentMs - checkedBefore)) / 1000;
    const rss = peakRssMiB();
    ctx.log(`${stranded} pods evicted and replaced in ${wallSeconds.toFixed(1)} s of wall time (${virtualSeconds} s simulated: node grace period + 300 s toleration)`);
    ctx.log(`peak RSS ${rss} MiB; ${sampler.describe()}`);
    return { wallSeconds: round(wallSeconds, 1), peakRssMiB: rss, virtualSeconds, failedNodes: failing, evictedPods: stranded };
  },
};
